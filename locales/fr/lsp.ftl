# Le serveur de langage : ce que l'éditeur montre en plus des diagnostics.

lsp-inherited-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } dans les règles dont ce fichier hérite, la première dans `{ $file }` : { $first }
lsp-layer-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } dans `{ $file }` ({ $layer }), sur lequel ce fichier est posé ; la première : { $first }
lsp-layer-national = cadre national
lsp-layer-caf = Caf { $caf }
lsp-layer-named = couche { $layer }
lsp-action-replace = Remplacer par `{ $name }`
lsp-action-add-source = Ajouter la source dans la note (`source "§…"`)
lsp-action-outdent = Commencer la déclaration en début de ligne
lsp-action-override = Redéfinir `{ $name }` pour cette année ({ $value } jusqu'ici)

## Survol.
hover-by-year = **Par année** : { $years }
hover-year-value = { $year } : { $value }
hover-year-value-set = { $year } : { $value } ({ $layer }, { $file })
hover-replaced-by = **Remplacé par** : { $cafs }
hover-replaced-value = { $layer }, { $year } : { $value } ({ $file })
hover-replaced = { $layer }, { $year } ({ $file })
hover-local = **nom local** `{ $name }` : `{ $type }` ({ $words })
hover-severity-refuse = refus
hover-severity-incomplete = dossier incomplet
hover-severity-warn = avertissement
hover-severity-info = information
hover-global = **{ $kind ->
        [let] valeur calculée
        [output] résultat de la décision
       *[param] paramètre
    }** `{ $name }` : `{ $type }`
hover-label = { " " }— « { $label } »
hover-computed-per-application = Calculé pour chaque demande.
hover-source = Source : { $source }
hover-def = **fonction** `{ $name }({ $params })` : `{ $type }`
hover-assert = **vérification** `{ $name }` : contrôlée au chargement des règles
hover-rule = **règle** `{ $name }` ({ $severity })
hover-rule-per-item = **règle** `{ $name }` ({ $severity }, pour chaque élément de `{ $list }`)
hover-enum = **énumération** `{ $name }` : { $values }
hover-record = **fiche** `{ $name }`
hover-input = **la demande** `{ $name }`
hover-field = **champ** `{ $record }.{ $field }` : `{ $type }` ({ $words })
hover-default = Valeur supposée pour les demandes des années précédentes : { $value }
hover-variant = **valeur** `{ $value }` de l'énumération `{ $enumeration }`
hover-item-output = **résultat par élément** de `{ $list }` : `{ $name }` : `{ $type }`

## Complétion.
completion-the-application = la demande
completion-round = round(montant, euro|cent, half_up|down|up) : arrondi explicite
completion-min = min(a, b, …) : le plus petit
completion-max = max(a, b, …) : le plus grand
completion-abs = abs(x) : valeur absolue
completion-count = count(liste) ou count(x in liste: condition)
completion-sum = sum(x in liste: montant)
completion-all = all(x in liste: condition)
completion-any = any(x in liste: condition)
completion-present = present(x) : la valeur facultative est-elle donnée ?
completion-same-text = same_text(a, b) : mêmes textes, aux majuscules, accents et espaces près
completion-close-to = close_to(a, b) : textes presque identiques (une ou deux fautes)
completion-eligible = eligible(demande.collectifs) : les éléments qu'aucune règle n'exclut

## Renommage.
rename-not-a-name = `{ $name }` n'est pas un nom : des lettres, des chiffres et `_`, sans chiffre au début
rename-application = le nom de la demande ne peut pas être changé
rename-clash = `{ $name }` est déjà déclaré : renommer fusionnerait deux déclarations
