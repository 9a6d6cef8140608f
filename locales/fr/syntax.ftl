# Erreurs de syntaxe : ce qui est écrit n'est pas (encore) une déclaration
# du langage des règles.

syntax-not-understood = non compris
syntax-not-understood-here = non compris ici
syntax-unreadable-declaration = cette déclaration n'a pas pu être lue
syntax-expected-declaration = une déclaration était attendue
syntax-malformed-declaration = déclaration mal formée
syntax-expected-found = attendu : { $expected } ; trouvé : { $found }
syntax-unexpected = inattendu : { $found }
syntax-token = `{ $token }`
syntax-end-of-declaration = la fin de la déclaration
syntax-nothing = rien
syntax-declaration-start-hint = chaque déclaration commence en début de ligne par `param`, `let`, `rule`, `output`… ; les lignes qui la continuent sont décalées de deux espaces

# Ce que l'analyseur attendait, en mots.
syntax-a-name = un nom
syntax-an-expression = une expression
syntax-a-type = un type
syntax-a-text = un texte entre guillemets droits
syntax-a-number = un nombre
syntax-an-amount = un montant en €
syntax-a-rate = un taux en %
syntax-a-date = une date (AAAA-MM-JJ)
syntax-a-boolean = `true` ou `false`
syntax-a-severity = `refuse`, `incomplete`, `warn` ou `info`
syntax-a-trigger = `when` ou `unless`
syntax-a-clause = une clause `message`, `source` ou `label`
syntax-a-header-field = `year`, `source`, `version` ou `extends`
syntax-a-field-access = `.` suivi d'un champ
syntax-an-operator = un opérateur
syntax-a-declaration = une déclaration (`param`, `let`, `def`, `rule`, `output`, `assert`, `enum`, `record`, `input`)
syntax-an-argument = un argument (`nom: type`)
syntax-a-field = un champ (`nom: type`)
syntax-a-list = une liste

syntax-unclosed-text = ce texte n'est pas fermé
syntax-unclosed-text-label = ouvert ici
syntax-unclosed-text-hint = un texte se termine par `"` sur la même ligne

syntax-decimal-point = `.{ $digits }` : un point décimal dans un nombre
syntax-decimal-point-hint = les nombres s'écrivent avec une virgule décimale, à la française : `32,5 %`, `499,99 €`

syntax-indented-declaration = une déclaration commence en début de ligne
syntax-indented-declaration-label = `{ $keyword }` est décalé : il se lit comme la suite de la déclaration du dessus
syntax-indented-declaration-hint = retirez les espaces avant `{ $keyword }` pour commencer une nouvelle déclaration

syntax-typographic-quote = `{ $quote }` : un guillemet typographique
syntax-typographic-quote-hint = les textes s'écrivent entre guillemets droits : `"Le dossier est incomplet."` (un texte copié d'un traitement de texte en a souvent d'autres)

syntax-name-with-space = le nom `{ $name }` est coupé en plusieurs mots
syntax-name-with-space-label = un nom ne contient ni espace, ni tiret, ni apostrophe
syntax-name-with-space-hint = reliez les mots par `_` : `{ $suggestion }`

syntax-date-with-slashes = `{ $written }` : une date écrite avec des barres obliques
syntax-date-with-slashes-label = se lirait comme deux divisions
syntax-date-with-slashes-hint = les dates s'écrivent année-mois-jour : `{ $iso }`

syntax-too-deep-label = trop profond
syntax-too-deep-hint = découpez l'expression en plusieurs déclarations `let`
syntax-brackets-too-deep = parenthèses imbriquées sur plus de { $limit } niveaux
syntax-declaration-too-long = déclaration de plus de { $limit } opérations
syntax-types-too-deep = types imbriqués sur plus de { $limit } niveaux
syntax-types-too-deep-hint = aucune règle n'a besoin de plus de quelques `list`, `optional` et `range` à la suite

syntax-unknown-escape = échappement inconnu `{ $escape }` dans un texte
syntax-unknown-escape-label = dans ce texte
syntax-unknown-escape-hint = écrivez `\"` pour un guillemet, `\\` pour une barre oblique inverse, `\n` pour un retour à la ligne

syntax-drop-field-without-record = `drop field` nomme un enregistrement et son champ
syntax-drop-field-without-record-label = quel champ ?
syntax-drop-field-without-record-hint = écrivez `drop field { $record }.nom_du_champ`

syntax-clause-twice = `{ $key }` est donné deux fois
syntax-clause-twice-label = la seconde fois ici

syntax-impossible-date = `{ $date }` n'est pas un jour du calendrier
syntax-impossible-date-label = cette date n'existe pas

syntax-number-whole = le nombre `{ $digits }`
syntax-number-cut = le nombre `{ $head }…{ $tail }` ({ $count } caractères)
syntax-number-too-many-digits = { $number } a trop de chiffres pour être gardé exactement
syntax-number-too-many-digits-label = trop de chiffres
syntax-number-too-large = { $number } est trop grand
syntax-number-too-large-label = trop grand
syntax-number-limit-hint = les nombres ont au plus 28 chiffres significatifs
