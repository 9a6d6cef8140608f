# Le serveur de langage : ce que l'éditeur montre en plus des diagnostics.

lsp-inherited-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } dans les règles dont ce fichier hérite, la première dans `{ $file }` : { $first }
lsp-action-replace = Remplacer par `{ $name }`
lsp-action-add-source = Ajouter la source dans la note (`source "§…"`)
lsp-action-outdent = Commencer la déclaration en début de ligne
lsp-action-override = Redéfinir `{ $name }` pour cette année ({ $value } jusqu'ici)
