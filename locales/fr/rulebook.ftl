# Le chargement des règles : fichiers, années, `extends`, et la fusion d'un
# fichier avec celui qu'il prolonge (`override`, `drop`, `extend`) ; et la
# mise en forme (`clas-rules fmt`).

## Pourquoi un fichier n'a pas pu être lu.
io-not-found = le fichier n'existe pas
io-permission-denied = accès refusé
io-is-a-directory = c'est un dossier, pas un fichier
io-file-too-large = le fichier dépasserait la taille permise sur ce système
io-storage-full = le disque est plein
io-read-only = le disque est en lecture seule
io-other = { $detail }
io-not-utf8 = ce n'est pas du texte UTF-8 (octet invalide ligne { $line }, colonne { $column }, position { $offset })

load-cannot-read = impossible de lire `{ $path }` : { $why }
load-no-rulebook-at-all = aucun fichier de règles pour l'année scolaire `{ $year }`, et aucun fichier de règles dans le dossier des règles
load-no-rulebook-for-year = aucun fichier de règles pour l'année scolaire `{ $year }` ; les années disponibles sont { $years }
load-two-for-year = deux fichiers de règles déclarent l'année scolaire `{ $year }` : `{ $first }` et `{ $second }`
load-extends = `{ $file }` prolonge `{ $target }` : { $why }
load-cycle = ces fichiers de règles se prolongent l'un l'autre en cercle : { $chain }
load-extends-itself = un fichier de règles ne peut pas se prolonger lui-même
load-extends-no-year = aucun fichier de règles ne déclare cette année
load-extends-no-year-among = aucun fichier de règles ne déclare cette année ; les années disponibles sont { $years }
load-extends-outside = `extends` ne peut nommer qu'un fichier de règles du dossier des règles
load-extends-no-such-file = ce fichier de règles n'existe pas dans le dossier des règles
load-extends-too-long = plus de { $limit } fichiers de règles se prolongent les uns les autres

## Une nouvelle année par-dessus la précédente.
extend-already-declared = `{ $name }` est déjà déclaré dans `{ $parent }`
extend-declared-again-here = déclaré de nouveau ici
extend-inherited-declaration = la déclaration `{ $kind }` de `{ $parent }`
extend-missing-override-hint = pour le modifier cette année, écrivez `override { $kind } { $name } …`
extend-override-new-hint = `{ $name }` est nouveau cette année : déclarez-le sans `override`
extend-nothing-to-override = rien à redéfinir : `{ $name }` n'est pas déclaré dans `{ $parent }`
extend-not-inherited = pas hérité
extend-other-kind = `{ $name }` est un `{ $old }` dans `{ $parent }`, pas un `{ $new }`
extend-other-kind-label = une autre sorte de déclaration
extend-write-override = écrivez `override { $kind } { $name } …`
extend-changes-type = la redéfinition change le type de `{ $name }` : `{ $old }` devient `{ $new }`
extend-changes-type-label = un autre type
extend-changes-type-hint = une redéfinition garde le type de `{ $parent }` ; déclarez un nouveau nom pour un nouveau type
extend-same-value = la redéfinition garde la valeur `{ $value }` de `{ $parent }`
extend-same-value-label = même valeur
extend-same-value-hint = retirez la redéfinition : la valeur est héritée
extend-no-record = pas d'enregistrement `{ $name }` dans `{ $parent }`
extend-no-field = `{ $record }` n'a pas de champ `{ $field }` dans `{ $parent }`
extend-nothing-to-drop = rien à retirer : pas de `{ $kind }` nommé `{ $name }` dans `{ $parent }`
extend-nothing-to-extend = rien à compléter : pas de type `{ $name }` dans `{ $parent }`
extend-already-in = `{ $name }` est déjà dans `{ $target }`
extend-inherited-from = hérité de `{ $parent }`

## La mise en forme.
format-syntax-errors = pas mis en forme : le fichier a { $count ->
        [one] une erreur de syntaxe
       *[other] { $count } erreurs de syntaxe
    }
format-meaning-changed = pas mis en forme : la nouvelle présentation changerait { $what } (une erreur de l'outil ; le fichier est laissé tel quel)
format-what-stopped = rien : la mise en forme s'est arrêtée de façon inattendue
format-what-syntax = la syntaxe
format-what-count = le nombre de déclarations
format-what-order = l'ordre des déclarations
format-what-line = la ligne { $line }
layer-changed-under-override = la valeur nationale de `{ $name }` a changé : `{ $old }` en { $year_before }, `{ $new }` en { $year_now }, et cet `override` la remplace toujours
layer-changed-under-override-label = remplace `{ $value }`
layer-changed-under-override-hint = vérifiez que la valeur de la Caf est encore voulue ; si elle doit suivre la valeur nationale, supprimez l'`override`
load-caf-no-year = la Caf { $caf } n'a pas de fichier de règles pour l'année scolaire `{ $year }` ; ses années sont { $years }
load-layer-no-year = la couche `{ $layer }` n'a pas de fichier de règles pour l'année scolaire `{ $year }` ; ses années sont { $years }
load-over = `{ $file }` est écrit sur la couche `{ $layer }` : { $why }
load-over-cycle = des couches sont écrites l'une sur l'autre en cercle
load-over-no-layer = aucun fichier de règles du dossier `{ $dir }` n'appartient à cette couche ; si elle est dans un autre dossier, désignez le dossier des règles avec `--rules-dir`
load-over-no-year = cette couche n'a pas de fichier de règles pour l'année scolaire `{ $year }` ; ses années sont { $years }
load-unknown-caf-none = la Caf « { $caf } » est inconnue : le dossier des règles n'a de couche pour aucune Caf
load-unknown-caf = la Caf « { $caf } » est inconnue ; le dossier des règles connaît les Caf { $cafs }
load-which-caf = le dossier des règles a plusieurs Caf ({ $cafs }) et aucune par défaut : nommez-la dans la demande (champ `caf`) ou avec `--caf`
load-settings = impossible de lire les réglages `{ $file }` : { $why }
load-settings-problem = ligne { $line }, colonne { $column } : ce fichier attend des lignes comme `caf_par_defaut = "63"` (et des commentaires après `#`)
