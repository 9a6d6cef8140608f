# Les demandes : le texte JSON, puis chaque champ et chaque valeur, et les
# fichiers CSV d'une campagne. Le chemin d'un champ ({ $path }) est le nom
# que lui donne le contrat JSON (collectifs[1].enfants) : il ne se traduit pas.
# Les mots entre accents graves (`…`) sont ceux du fichier : gardez-les tels quels.

## Un champ et ce qui ne va pas

# Le titre d'une erreur : « `collectifs[1].enfants` : attendu : … ».
input-at-field = `{ $path }` : { $message }
input-wrong-value = attendu : { $expected } ; trouvé : { $found }
input-date-words = une date écrite AAAA-MM-JJ
input-expected = attendu : { $expected }
input-expected-or-null = attendu : { $expected } (`null` s'il n'y en a pas)
input-null-not-optional = seuls les champs facultatifs peuvent valoir `null`
input-range = une demande ne peut pas donner d'intervalle de valeurs
input-application-is-object = une demande est un seul objet JSON, écrit entre accolades : { "{" } … { "}" }
input-not-an-object = attendu : la demande, un objet JSON { "{" } … { "}" } ; trouvé : { $found }
input-unknown-field = champ inconnu `{ $field }`
input-no-fields = `{ $record }` n'a aucun champ
input-fields-are = les champs de `{ $record }` sont : { $fields }
input-missing-field = champ manquant `{ $field }`
input-unreadable = la demande n'a pas pu être lue
input-unsupported-type = le type `{ $name }` ne peut pas être donné dans une demande

## Nombres et montants

input-negative-count = un nombre entier ne peut pas être négatif ici ; trouvé : { $number }
input-too-large = le nombre `{ $number }` est trop grand
input-too-precise = le nombre `{ $number }` a trop de chiffres après la virgule
input-decimal-point = écrivez les nombres avec un point décimal : "{ $fixed }"
input-rate-in-percent = écrivez les taux en nombre de pour cent, sans le signe % : "{ $fixed }"
input-number-digits-only = écrivez les nombres avec des chiffres et un point décimal seulement : "{ $fixed }"
input-money-how = écrivez un montant en nombre (6500.5) ou en texte avec deux décimales ("6500.50")
input-money-exponent = un montant s'écrit sans exposant ; trouvé : `{ $number }`
input-money-decimal-point = écrivez les montants avec un point décimal : "{ $fixed }"
input-money-digits-only = écrivez les montants avec des chiffres et un point décimal seulement : "{ $fixed }"
input-money-negative = un montant ne peut pas être négatif ; trouvé : `{ $number }`
input-money-fraction = un montant tombe sur un nombre entier de centimes ; trouvé : `{ $number }`

## Dates

input-not-a-day = `{ $date }` n'est pas un jour du calendrier
input-date-how = écrivez les dates AAAA-MM-JJ : "{ $date }"
input-years-range = les années vont de 0001 à 9999
input-months-range = les mois vont de 01 à 12
input-days-start = les jours commencent à 01
# « février 2023 compte 28 jours » ; { $month } est le numéro du mois.
input-month-days = { $month ->
        [1] janvier
        [2] février
        [3] mars
        [4] avril
        [5] mai
        [6] juin
        [7] juillet
        [8] août
        [9] septembre
        [10] octobre
        [11] novembre
       *[12] décembre
    } { $year } compte { $days } jours

## Valeurs d'une liste fermée (énumération)

input-not-a-value = `{ $value }` n'est pas une valeur de `{ $enumeration }`
input-one-of = valeurs possibles : { $values }

## Le texte JSON

input-malformed-json = JSON mal formé ligne { $line }, colonne { $column } : { $why }
json-found-null = `null` (aucune valeur)
json-found-true = `true` (oui)
json-found-false = `false` (non)
json-found-number = le nombre { $number }
json-found-text = le texte "{ $text }"
json-found-list = une liste
json-found-object = un objet
json-found-token = `{ $token }`
json-found-comment = `{ $token }` (les commentaires ne sont pas permis en JSON)
json-found-bom = une marque d'ordre des octets (U+FEFF), qui n'a sa place qu'au tout début d'un fichier
json-found-code-point = le caractère { $code }
json-expected-value = une valeur
json-expected-end = la fin du texte après la valeur
json-expected-item-separator = `,` ou `]` après un élément
json-expected-key-or-close = une clé entre guillemets droits ou `{ "}" }`
json-expected-key = une clé entre guillemets droits
json-expected-member-separator = `,` ou `{ "}" }` après un membre
json-expected-colon = `:` après la clé
json-unexpected = attendu : { $expected } ; trouvé : { $found }
json-end = le texte s'arrête trop tôt : il manque { $expected }
json-unclosed-list = le texte s'arrête trop tôt : la liste ouverte ligne { $line }, colonne { $column } n'est pas fermée
json-unclosed-object = le texte s'arrête trop tôt : l'objet ouvert ligne { $line }, colonne { $column } n'est pas fermé
json-too-deep = plus de { $levels } niveaux de listes et d'objets les uns dans les autres
json-trailing-comma = `,` en trop avant `{ $close }`
json-duplicate-key = clé `{ $key }` en double dans cet objet (déjà donnée ligne { $line }, colonne { $column })
json-unpaired-surrogate = échappement `{ $escape }` incomplet dans un texte : il ne donne que la moitié d'un caractère
json-bad-unicode-escape = échappement `{ $escape }` invalide : quatre chiffres hexadécimaux attendus après `\u`
json-escape-control = échappement invalide : `\` suivi de { $code }
json-invalid-escape = échappement `{ $escape }` invalide
json-unterminated-text = texte non terminé : le `"` de fin manque
json-invalid-number = nombre `{ $number }` invalide
json-line-break-in-text = retour à la ligne dans un texte (écrivez `\n`)
json-tab-in-text = tabulation dans un texte (écrivez `\t`)
json-control-in-text = caractère de contrôle { $code } dans un texte

## Fichiers qui ne sont pas du texte UTF-8

input-not-utf8-byte = ce n'est pas du texte UTF-8 : octet invalide { $byte } { $place } (enregistrez le fichier en UTF-8)
input-not-utf8-truncated = ce n'est pas du texte UTF-8 : caractère coupé { $place } (enregistrez le fichier en UTF-8)
input-place-line-column = ligne { $line }, colonne { $column }
input-place-column = colonne { $column }

## CSV

csv-unclosed-quote = la cellule entre guillemets ouverte colonne { $column } n'est jamais fermée (un `"` manque, ou un `"` dans une cellule n'est pas doublé)
csv-unknown-column = colonne inconnue `{ $column }`
csv-unknown-column-suggest = colonne inconnue `{ $column }` (vouliez-vous dire `{ $suggestion }` ?)
csv-duplicate-column = la colonne `{ $column }` apparaît deux fois
csv-missing-column = colonne manquante `{ $column }`
csv-no-cell-for = { $count ->
        [one] pas de cellule pour la colonne { $columns }
       *[other] pas de cellule pour les colonnes { $columns }
    }
csv-cells-without-column = les cellules à partir de la colonne { $column } n'ont pas de nom de colonne
csv-cell-count = { $cells ->
        [one] { $cells } cellule
       *[other] { $cells } cellules
    }, mais l'en-tête a { $columns ->
        [one] { $columns } colonne
       *[other] { $columns } colonnes
    } : { $detail } (un séparateur manque ou est en trop dans cette ligne ?)
csv-nothing = (rien)
input-caf-is-text = `caf` nomme la Caf de la demande par le numéro de son département, en texte : `"63"`
