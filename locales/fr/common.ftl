# Mots et tournures communs à tous les messages de clas-rules.
# Les variables entre accolades ({ $nom }) sont remplies par le programme :
# ne les traduisez pas, gardez-les toutes.

severity-error = erreur
severity-warning = avertissement
# La première ligne d'un diagnostic : « erreur[E0203] : nom inconnu `taux_pss` ».
diagnostic-header = { $kind } : { $message }
diagnostic-hint = aide : { $hint }
diagnostic-excerpt = la ligne { $line } compte { $characters } caractères : seul un extrait est montré
# Listes : « a, b ou c », « a, b et c ».
list-or = { $first } ou { $last }
list-and = { $first } et { $last }
label-here = ici
did-you-mean = vouliez-vous dire `{ $name }` ?
did-you-mean-accents = `{ $written }` et `{ $name }` ne diffèrent que par les accents : écrivez `{ $name }`, exactement comme il est déclaré
# Des problèmes dits l'un après l'autre : « a ; b ; c ».
list-then = { $first } ; { $next }
