# La comparaison de deux années (`clas-rules diff`) : texte, et page HTML.
# Les variables entre accolades ({ $nom }) sont remplies par le programme.

## L'en-tête

comparison-title = Comparaison { $from } → { $to } sur { $count ->
        [one] { $count } demande
       *[other] { $count } demandes
    }
comparison-counts = { $changed ->
        [0] aucune demande ne change
        [one] { $changed } demande change, dont { $status } de statut
       *[other] { $changed } demandes changent, dont { $status } de statut
    } ; { $unchanged ->
        [one] { $unchanged } inchangée
       *[other] { $unchanged } inchangées
    }.
comparison-new-output-zero = Nouveau résultat : « { $label } », nul pour toutes les demandes
comparison-new-output-false = Nouveau résultat : « { $label } », « non » pour toutes les demandes
comparison-dropped-output-zero = Résultat supprimé : « { $label } », qui était nul pour toutes les demandes
comparison-dropped-output-false = Résultat supprimé : « { $label } », qui valait « non » pour toutes les demandes
comparison-new-output = Nouveau résultat : « { $label } »
comparison-dropped-output = Résultat supprimé : « { $label } »
comparison-label-changed = Libellé modifié : « { $old } » devient « { $new } » (`{ $name }`)
comparison-new-parameter = Nouveau paramètre (pas une valeur modifiée) : `{ $name }` = { $value }
comparison-dropped-parameter = Paramètre supprimé : `{ $name }` (valait { $value })
comparison-header-line = { $text }.

## Les causes

comparison-causes-title = Causes des changements
comparison-cause-parameter = valeur modifiée `{ $name }` : { $from } → { $to }
comparison-cause-rule-new = règle nouvelle `{ $name }`
comparison-cause-rule-dropped = règle supprimée `{ $name }`
comparison-cause-rule-modified = règle modifiée `{ $name }`
comparison-cause-rule-same = règle `{ $name }`, inchangée
comparison-cause-value-inline = `{ $name }` ({ $from } → { $to })
comparison-cause-rule-parameters = { $rule }, qui dépend de { $parameters }
comparison-cause-output-new = nouveau résultat « { $label } »
comparison-cause-output-dropped = résultat supprimé « { $label } »
comparison-cause-output-modified = calcul modifié du résultat « { $label } »
comparison-cause-let-new = valeur calculée nouvelle `{ $name }`
comparison-cause-let-dropped = valeur calculée supprimée `{ $name }`
comparison-cause-let-modified = valeur calculée modifiée `{ $name }`
comparison-cause-def-new = fonction nouvelle `{ $name }`
comparison-cause-def-dropped = fonction supprimée `{ $name }`
comparison-cause-def-modified = fonction modifiée `{ $name }`
comparison-cause-assumptions = aucune règle ni valeur modifiée : la lecture de la demande avec les règles { $to } (dates décalées, valeurs supposées)
comparison-cause-no-decision = pas de décision pour l'une des deux années
comparison-cause-count = { $cause } — { $count ->
        [one] { $count } demande
       *[other] { $count } demandes
    }
comparison-cause-parameter-short = `{ $name }`
comparison-cause-rule-short = règle `{ $name }`
comparison-cause-output-short = résultat « { $label } »
comparison-cause-definition-short = `{ $name }`
comparison-cause-assumptions-short = hypothèses de lecture
comparison-cause-no-decision-short = pas de décision

## Une demande qui change

comparison-status = statut : { $from } → { $to }
comparison-status-eligible = éligible
comparison-status-ineligible = non éligible
comparison-status-incomplete = incomplet
comparison-value = { $label } : { $from } → { $to }
comparison-value-difference = { $label } : { $from } → { $to } ({ $difference })
comparison-item = { $label } ({ $list } n° { $number })
comparison-absent = —
comparison-yes = oui
comparison-no = non
comparison-rule-added = + règle `{ $rule }`{ $item } : { $message }
comparison-rule-gone = − règle `{ $rule }`{ $item } ne s'applique plus : { $message }
comparison-rule-item = { " " }({ $list } n° { $number })
comparison-no-decision = pas de décision en { $year } : { $why }
comparison-application-causes = causes : { $causes }

## Les hypothèses

comparison-assumptions-title = Hypothèses pour lire les demandes avec les règles { $to }
comparison-dates-shifted = dates décalées de { $years ->
        [one] { $years } an
       *[other] { $years } ans
    } (comme si chaque demande était déposée au même moment de l'année suivante)
comparison-assumed = valeur supposée : { $field }
comparison-ignored = champ ignoré : { $field }

## Le budget

comparison-budget = Budget
comparison-difference = écart
comparison-marker-new = (nouveau)
comparison-marker-dropped = (supprimé)

## Les différences entre deux fichiers de règles (`diff --rules`)

comparison-rules-title = Différences entre les règles { $from } et { $to }
comparison-rules-none = aucune
comparison-kind-param = Paramètres
comparison-kind-field = Champs de la demande
comparison-kind-rule = Règles
comparison-kind-output = Résultats
comparison-kind-let = Valeurs calculées
comparison-kind-def = Fonctions
comparison-rules-dropped = − { $name } (retiré ; était : { $old })
comparison-rules-added = + { $name } (nouveau : { $new })

## La page HTML

html-comparison-rulebooks = Règles comparées
html-comparison-year = Année
html-comparison-file = Fichier
html-comparison-version = Version
html-comparison-hash = Empreinte SHA-256
html-comparison-summary = En bref
html-comparison-budget = Le budget des deux années
html-comparison-output = Résultat
html-comparison-outputs = L'évolution de chaque résultat
html-comparison-outputs-caption = Chaque résultat : les demandes où il change, et son total (un montant) ou le nombre de « oui »
html-comparison-nature = Nature
html-comparison-changed = Demandes où il change
html-comparison-money = montant
html-comparison-bool = oui / non
html-comparison-other = texte (non comparé)
html-comparison-per-item = , par élément de liste
html-comparison-evolution = Évolution
html-comparison-statuses = Les demandes qui changent de statut
html-comparison-application = Demande
html-comparison-causes = Cause
html-comparison-no-status-change = Aucune demande ne change de statut.
html-comparison-by-cause = Les changements par cause
html-comparison-by-cause-intro = Une demande peut avoir plusieurs causes : elle figure sous chacune.
html-comparison-what-changes = Ce qui change
html-comparison-nothing-changes = Aucune demande ne change.
html-comparison-assumptions = Les hypothèses
html-comparison-no-assumptions = Aucune : les demandes sont lues telles quelles.
html-comparison-generated = Page produite par clas-rules diff.
html-comparison-not-given = non précisée
html-comparison-budget-caption = Budget { $from } et { $to } : la somme de chaque montant sur toutes les demandes
html-comparison-status-caption = Les demandes dont le statut passe d'une année à l'autre ({ $count })
comparison-chart-title = Budget { $from } et { $to }, par résultat
comparison-chart-row = { $label } : { $first } en { $from }, { $second } en { $to }
comparison-chart-description = { $rows }.
cli-diff-html-needs-applications = la page HTML compare des décisions : indiquez les demandes à comparer (`--format html` ne va pas avec `--rules`)
html-comparison-count = Demandes
html-comparison-applications = Lesquelles
html-comparison-details = Le détail des demandes qui changent
html-comparison-details-caption = Chaque demande qui change : ce qui change, et pourquoi

## La comparaison de deux Cafs pour une année (`diff --year --caf-from --caf-to`)

comparison-cafs-side = Caf { $caf }
comparison-cafs-title = Comparaison Caf { $from } → Caf { $to } en { $year } sur { $count ->
        [one] { $count } demande
       *[other] { $count } demandes
    }
comparison-cafs-rules-differ = Différences entre les règles de la Caf { $from } et de la Caf { $to } en { $year }
comparison-cafs-parameters-title = Paramètres qui diffèrent
comparison-cafs-rules-title = Règles qui diffèrent
comparison-cafs-none-parameters = aucun
comparison-cafs-none-rules = aucune
comparison-cafs-parameter-differs = ~ { $name } : { $from } → { $to }
comparison-cafs-parameter-only = { $sign } { $name } : Caf { $caf } seulement ({ $value })
comparison-cafs-rule-only = { $sign } { $name } : Caf { $caf } seulement
comparison-cafs-cause-rule-same = règle `{ $name }`, la même pour les deux Cafs
comparison-cafs-rules-only = { $sign } { $name } (Caf { $caf } seulement : { $text })
comparison-cafs-rule-modified = ~ { $name } : écrite autrement
comparison-cafs-output-only = Résultat de la Caf { $caf } seulement : « { $label } »
comparison-cafs-output-only-zero = Résultat de la Caf { $caf } seulement : « { $label } », nul pour toutes les demandes
comparison-cafs-output-only-false = Résultat de la Caf { $caf } seulement : « { $label } », « non » pour toutes les demandes
comparison-cafs-label-differs = Libellé différent : « { $old } » pour la Caf { $from }, « { $new } » pour la Caf { $to } (`{ $name }`)
comparison-cafs-cause-parameter = valeur différente `{ $name }` : { $from } → { $to }
comparison-cafs-cause-rule-only = règle de la Caf { $caf } seulement `{ $name }`
comparison-cafs-cause-rule-modified = règle écrite autrement `{ $name }`
comparison-cafs-cause-output-only = résultat de la Caf { $caf } seulement « { $label } »
comparison-cafs-cause-output-modified = calcul différent du résultat « { $label } »
comparison-cafs-cause-let-only = valeur calculée de la Caf { $caf } seulement `{ $name }`
comparison-cafs-cause-let-modified = valeur calculée écrite autrement `{ $name }`
comparison-cafs-cause-def-only = fonction de la Caf { $caf } seulement `{ $name }`
comparison-cafs-cause-def-modified = fonction écrite autrement `{ $name }`
comparison-cafs-cause-assumptions = aucune règle ni valeur différente : la lecture de la demande avec les règles de la Caf { $from } et de la Caf { $to } (valeurs supposées, champs ignorés)
comparison-cafs-cause-no-decision = pas de décision sous l'une des deux Cafs
comparison-cafs-no-decision = pas de décision pour la Caf { $caf } : { $why }
comparison-cafs-marker-only = (Caf { $caf } seulement)
comparison-cafs-assumptions-title = Hypothèses pour lire les demandes avec les règles de chaque Caf
comparison-cafs-caf-not-followed = la Caf que nomme la demande (« caf ») n'est pas suivie : chaque demande est décidée avec les règles de la Caf { $from } puis avec celles de la Caf { $to } ({ $count ->
        [one] { $count } demande en nomme une
       *[other] { $count } demandes en nomment une
    })
comparison-cafs-chart-title = Budget Caf { $from } et Caf { $to } en { $year }, par résultat
comparison-cafs-chart-row = { $label } : { $first } pour la Caf { $from }, { $second } pour la Caf { $to }
html-comparison-caf = Caf
html-comparison-cafs-differences = Ce qui diffère entre les deux Cafs
html-comparison-cafs-budget = Le budget sous chaque Caf
html-comparison-cafs-budget-caption = Budget { $year } sous les règles de la Caf { $from } et de la Caf { $to } : la somme de chaque montant sur toutes les demandes
html-comparison-cafs-status-caption = Les demandes dont le statut change d'une Caf à l'autre ({ $count })

## La comparaison de deux années pour une Caf (`diff --caf`)

comparison-years-of-caf = Règles de la Caf { $caf }
comparison-years-other-caf = { $count ->
        [one] { $count } demande nomme la Caf { $caf } : elle est lue
       *[other] { $count } demandes nomment la Caf { $caf } : elles sont lues
    } avec les règles de la Caf { $compared }, celles que l'on compare
