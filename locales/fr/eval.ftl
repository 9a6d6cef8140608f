# L'évaluation : pourquoi une décision n'a pas pu être calculée.

eval-overflow = le résultat est trop grand pour un calcul exact (28 chiffres significatifs)
eval-division-by-zero = division par zéro
eval-reads-application = un paramètre ou une vérification ne peut pas lire la demande
eval-internal = erreur interne de clas-rules, merci de la signaler ({ $detail })
