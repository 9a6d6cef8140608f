# Le vérificateur : noms, types et unités, déclarations, règles, et les
# avertissements qui gardent un fichier de règles facile à reprendre.

## Les types, tels que les messages les nomment.
type-bool = une valeur oui/non (`bool`)
type-integer = un nombre entier (`integer`)
type-decimal = un nombre (`decimal`)
type-money = un montant (`money`)
type-rate = un taux (`rate`)
type-date = une date
type-text = un texte
type-enum = une valeur de `{ $name }`
type-record = un `{ $name }`
type-list = une liste de { $item }
type-optional = un { $item } facultatif
type-range = un intervalle de { $item }
type-empty-list = une liste vide
type-error = une valeur

## Ce qu'un endroit attend.
check-what-declared-type = le type déclaré
check-what-condition = une condition
check-what-the-condition = la condition
check-what-if-condition = la condition du `if`
check-what-keyword = `{ $keyword }`
check-what-a-text = un texte
check-what-the-argument = l'argument
check-what-round-rounds = ce que `round` arrondit
check-what-field-type = le type du champ

## Types et unités.
check-expected-found = attendu : { $expected } ; trouvé : { $found }
check-expected-label = { $what } : `{ $type }`
check-unit-hint-euro = un montant s'écrit avec le signe euro : `305 €`
check-unit-hint-percent = un taux s'écrit avec le signe pour cent : `32,5 %`
check-unit-hint-rate-not-money = un taux n'est pas un montant : écrivez le montant avec `€`, ou multipliez le taux par un montant
check-unit-hint-money-keeps-unit = un montant garde son unité : comparez-le à un autre montant
check-this-is = ceci est { $what }
check-different-type = d'un autre type
check-list-of-one-type = une liste contient des valeurs d'un seul type : attendu { $expected }, trouvé { $found }
check-branches-differ = les deux branches diffèrent : { $first } et { $second }
check-cannot-negate = impossible de donner un signe moins à { $found }
check-cannot-negate-label = seuls les nombres, les montants et les taux ont un signe
check-rate-too-large = ce taux est trop grand
check-integer-too-large = ce nombre entier est trop grand
check-integer-too-large-label = au-delà de 9 223 372 036 854 775 807
check-range-kinds = un intervalle va d'une valeur à une autre du même genre ; trouvé { $first } et { $second }
check-not-a-range = pas un intervalle
check-cannot-order = `{ $operator }` ne compare pas { $what }
check-cannot-compare = impossible de comparer { $first } et { $second }
check-compare-label = `{ $operator }` compare deux valeurs du même genre
check-in-kinds = `in` cherche { $item } parmi des valeurs qui sont { $among }
check-in-kinds-label = les deux côtés diffèrent
check-in-needs-range = `in` attend un intervalle ou une liste à sa droite ; trouvé { $found }
check-in-needs-range-label = ni un intervalle ni une liste
check-in-needs-range-hint = un intervalle s'écrit `8 ..= 12`
check-money-times-money = impossible de multiplier un montant par un montant
check-money-times-money-hint = multipliez un montant par un taux ou par un nombre
check-date-arithmetic = impossible de calculer `{ $operator }` avec une date
check-date-arithmetic-hint = les dates se comparent (`<`, `in`), elles ne s'additionnent pas
check-cannot-compute = impossible de calculer { $first } { $operator } { $second }
check-operation-label = { $first } { $operator } { $second }
check-if-let-never-absent = `if let` attend une valeur qui peut manquer
check-if-let-never-absent-label = ceci est { $found }, toujours présent
check-if-let-never-absent-hint = un simple `if` suffit ici
check-maybe-absent = cette valeur peut manquer
check-maybe-absent-label = peut valoir `null` dans une demande
check-maybe-absent-hint = vérifiez-la d'abord : `if let x = { $written } then x.{ $field } else …`

## Noms.
check-unknown-name = nom inconnu `{ $name }`
check-unknown-name-label = n'est déclaré nulle part dans ces règles
check-is-a-function = `{ $name }` est une fonction
check-is-a-function-label = il lui faut ses arguments
check-is-a-function-hint = appelez-la : `{ $name }(…)`
check-ambiguous-value = `{ $name }` est une valeur de plusieurs énumérations
check-ambiguous-value-label = ambigu
check-ambiguous-value-hint = écrivez { $choices }
check-type-not-value = `{ $name }` est un type, pas une valeur
check-type-not-value-label = un type
check-not-a-value-of = `{ $name }` n'est pas une valeur de `{ $enumeration }`
check-unknown-value-label = valeur inconnue
check-the-values-are = les valeurs sont { $values }
check-has-no-field = { $found } n'a pas de champ `{ $field }`
check-no-such-field = ce champ n'existe pas
check-unknown-field = champ inconnu `{ $name }`
check-not-a-field-of = pas un champ de `{ $record }`
check-the-fields-are = les champs de `{ $record }` sont { $fields }
check-unknown-type = type inconnu `{ $name }`
check-unknown-type-label = n'est pas un type de ces règles
check-the-types-are = les types sont { $types }

## Fonctions et agrégats.
check-not-an-aggregate = `{ $name }` ne parcourt pas de liste
check-not-an-aggregate-label = pas un agrégat
check-not-an-aggregate-hint = les agrégats sont `sum`, `count`, `all` et `any` : `sum(c in liste: …)`
check-aggregate-needs-list = `{ $name }` parcourt une liste ; trouvé { $found }
check-not-a-list = pas une liste
check-sum-of-non-numbers = `sum` additionne des nombres, des montants ou des taux ; trouvé { $found }
check-cannot-be-added = ne s'additionne pas
check-argument-count = `{ $name }` prend { $expected ->
        [one] { $expected } argument
       *[other] { $expected } arguments
    } ; { $found ->
        [one] { $found } est donné
       *[other] { $found } sont donnés
    }
check-argument-count-label = mauvais nombre d'arguments
check-write = écrivez `{ $usage }`
check-needs-two-values = `{ $name }` demande au moins deux valeurs
check-too-few-arguments = trop peu d'arguments
check-min-max-unordered = `{ $name }` compare des nombres, des montants, des taux ou des dates ; trouvé { $found }
check-cannot-be-compared = ne se compare pas
check-same-unit-hint = comparez des valeurs de même unité
check-min-max-kinds = `{ $name }` compare des valeurs d'un même genre : { $expected } et { $found }
check-abs-of-non-number = `abs` prend un nombre, un montant ou un taux ; trouvé { $found }
check-no-sign = sans signe
check-count-of-non-list = `count` compte les éléments d'une liste ; trouvé { $found }
check-present-of-non-optional = `present` dit si une valeur qui peut manquer est là ; trouvé { $found }
check-always-present = toujours présent
check-eligible-application-list = `eligible` s'applique à une liste de la demande
check-not-an-application-list = pas une liste de la demande
check-application-list-hint = écrivez une liste de la demande, par exemple `{ $example }`
check-aggregate-needs-binder = `{ $name }` parcourt une liste en donnant un nom à chaque élément
check-aggregate-needs-binder-label = il manque `x in liste:`
check-not-a-function = `{ $name }` n'est pas une fonction
check-not-a-function-label = une valeur, pas une fonction
check-unknown-function = fonction inconnue `{ $name }`
check-aggregate-without-condition = `{ $name }({ $binder } in …)` demande `:` suivi de ce qu'il faut calculer pour chaque élément
check-aggregate-without-condition-label = il manque `: …`
check-count-without-condition-hint = `count(liste)` compte tous les éléments ; sinon écrivez `{ $usage }`
check-round-arguments-label = ce qu'il arrondit, à quelle unité, et comment
check-unknown-rounding-unit = unité d'arrondi inconnue `{ $name }`
check-rounding-unit-needed = `round` arrondit à l'euro (`euro`) ou au centime (`cent`)
check-rounding-unit-label = `euro` ou `cent` attendu
check-unknown-rounding-mode = mode d'arrondi inconnu `{ $name }`
check-rounding-mode-needed = `round` demande un mode d'arrondi
check-rounding-mode-label = `half_up`, `down` ou `up` attendu
check-rounding-mode-hint = `half_up` est l'arrondi administratif habituel : une moitié compte pour un

## Déclarations.
check-missing-header = ce fichier de règles n'a pas d'en-tête
check-missing-header-label = `rulebook "…" year "…"` attendu ici
check-missing-header-hint = commencez le fichier par `rulebook "titre" year "2023-2024" source "la note"`
check-missing-input = ce fichier de règles ne déclare pas de demande
check-missing-input-label = pas de déclaration `input`
check-missing-input-hint = déclarez les champs d'une demande avec `input demande { "{" } … { "}" }`
check-second-input = une seconde déclaration `input`
check-second-input-label = la demande est déjà déclarée
check-second-header = un second en-tête `rulebook`
check-second-header-label = l'en-tête est déjà donné
check-not-a-school-year = `{ $year }` n'est pas une année scolaire
check-not-a-school-year-label = deux années qui se suivent attendues
check-not-a-school-year-hint = écrivez l'année scolaire ainsi : `2023-2024`
check-extends-not-loaded = les règles que ce fichier prolonge n'ont pas été chargées
check-extends-not-loaded-label = introuvables
check-extends-not-loaded-hint = vérifiez-le avec son dossier de règles : `clas-rules check --rules-dir rules FICHIER`
check-missing-year = l'en-tête ne donne pas d'année scolaire
check-missing-year-label = pas de `year`
check-missing-year-hint = ajoutez `year "2023-2024"` après le titre
check-first-declared-here = déclaré une première fois ici
check-second-declaration = seconde déclaration
check-again-here = de nouveau ici
check-choose-another-name = choisissez un autre nom
check-variant-twice = `{ $value }` figure deux fois dans `{ $enumeration }`
check-builtin-type-name = `{ $name }` est un type prédéfini
check-type-twice = le type `{ $name }` est déclaré deux fois
check-field-twice = le champ `{ $field }` de `{ $record }` est déclaré deux fois
check-name-of-a-type = `{ $name }` est déjà le nom d'un type ou de la demande
check-declared-twice = { $kind ->
        [def] la fonction `{ $name }` est déclarée deux fois
        [let] la valeur `{ $name }` est déclarée deux fois
        [output] le résultat `{ $name }` est déclaré deux fois
        [rule] la règle `{ $name }` est déclarée deux fois
        [assert] la vérification `{ $name }` est déclarée deux fois
       *[param] le paramètre `{ $name }` est déclaré deux fois
    }
check-argument-twice = l'argument `{ $name }` est nommé deux fois
check-item-output-twice = `{ $name }` est déclaré deux fois pour chaque élément de `{ $list }`
check-endless-record = l'enregistrement `{ $name }` se contient lui-même
check-endless-record-label = ce champ rend l'enregistrement sans fin
check-endless-record-hint = utilisez `optional` ou `list` pour un enregistrement qui renvoie à lui-même
check-range-of-unordered = seuls les nombres, les montants, les taux et les dates ont des intervalles
check-cannot-be-ordered = ne se range pas dans un ordre
check-change-without-extends = `{ $keyword }` modifie les règles que ce fichier prolonge, et il n'en prolonge aucune
check-change-without-extends-label = rien à modifier
check-change-without-extends-hint = ajoutez à l'en-tête `extends "2023-2024"` (l'année dont il part)
check-message-not-here = seules les règles et les vérifications ont un `message`
check-message-not-here-hint = utilisez `label` pour nommer un résultat à l'intention des agents
check-label-not-here = une règle a un `message`, pas de `label` : un `label` nomme une valeur (param, let, def, output)
check-not-used-here = sans effet ici
check-for-needs-a-list = `for` attend une liste
check-for-application-list = `for` s'applique seulement à une liste de la demande
check-not-an-application-field = pas un champ de la demande

## Les règles et leurs messages.
check-rule-without-message = la règle `{ $name }` n'a pas de message
check-rule-without-message-label = les agents ne sauraient pas pourquoi elle s'applique
check-rule-without-message-hint = ajoutez `message "…"` : une phrase en français qui explique la décision
check-unknown-placeholder = paramètre inconnu `{ $name }` dans le message
check-quoted-here = cité ici
check-did-you-mean-placeholder = vouliez-vous dire `{ "{" }{ $name }{ "}" }` ?
check-placeholder-hint = un message peut citer un paramètre par son nom entre accolades, `{ "{" }prix_plafond{ "}" }` ; écrivez `{ "{{" }` pour une accolade
check-message-quotes-application = le message cite `{ $name }`, qui dépend de la demande
check-message-quotes-application-hint = un message ne peut citer que des paramètres et des valeurs calculées à partir d'eux

## Valeurs calculées au chargement des règles.
check-default-cannot-be-computed = cette valeur par défaut ne peut pas être calculée : { $why }
check-default-cannot-be-computed-hint = une valeur par défaut est un chiffre ou un paramètre, pas une valeur calculée à partir de la demande
check-cannot-be-computed = `{ $name }` ne peut pas être calculé : { $why }
check-fails-here = échoue ici
check-items-kept-in = les éléments retenus de `{ $list }`
check-evaluation-too-deep = le calcul de { $name } imbrique plus de { $limit } opérations, à travers les déclarations qu'il utilise
check-rule-too-deep = la vérification de la règle `{ $name }` imbrique plus de { $limit } opérations, à travers les déclarations qu'elle utilise
check-evaluation-too-deep-hint = aucune règle n'en a besoin : utilisez moins de déclarations qui s'appellent l'une l'autre, ou des expressions plus simples
check-param-reads-application = le paramètre `{ $name }` dépend de la demande
check-reads-application = lit la demande
check-param-reads-application-hint = un paramètre est un chiffre de la note ; utilisez `let` pour une valeur calculée à partir de la demande
check-cycle = ces déclarations dépendent les unes des autres : { $chain }
check-cycle-label = le cercle commence ici
check-cycle-hint = une valeur ne peut pas se calculer à partir d'elle-même : rompez le cercle
check-cycle-part = { $name } fait partie du cercle

## Vérifications (assert).
check-assert-reads-application = la vérification `{ $name }` dépend de la demande
check-assert-reads-application-hint = une vérification contrôle les chiffres des règles elles-mêmes, au chargement ; utilisez une règle (`rule`) pour une condition sur les demandes
check-assert-fails = la vérification `{ $name }` n'est pas satisfaite
check-assert-fails-label = ceci n'est pas vrai
check-assert-message = { $text }
check-assert-value = `{ $name }` vaut { $value }
check-assert-values = { $values }
check-assert-cannot-be-computed = la vérification `{ $name }` ne peut pas être calculée : { $why }

## Avertissements qui gardent les règles faciles à reprendre.
lint-unused-param = paramètre inutilisé `{ $name }`
lint-unused-let = valeur inutilisée `{ $name }`
lint-unused-label = aucune règle, valeur ni résultat ne l'utilise
lint-unused-param-hint = supprimez-le, ou utilisez-le là où la note l'applique
lint-unused-let-hint = supprimez-la, ou faites-en un résultat (`output`) si les agents doivent la voir
lint-unused-def = fonction inutilisée `{ $name }`
lint-unused-def-label = jamais appelée
lint-bare-figure = le chiffre `{ $figure }` est écrit dans { $kind ->
        [def] une fonction
        [rule] une règle
        [output] un résultat
       *[let] une valeur calculée
    }
lint-bare-figure-label = un chiffre en dur
lint-bare-figure-hint = déclarez-le comme paramètre (`param`) avec sa `source` : l'an prochain, on changera la valeur sans toucher à la règle
lint-missing-source = { $kind ->
        [rule] la règle `{ $name }` ne cite pas la note
       *[param] le paramètre `{ $name }` ne cite pas la note
    }
lint-missing-source-label = pas de `source`
lint-missing-source-hint = ajoutez `source "§…"` avec la section de la note d'où il vient
lint-never-rounded = le montant `{ $name }` n'est jamais arrondi
lint-never-rounded-label = peut garder des fractions de centime
lint-never-rounded-hint = arrondissez-le explicitement, par exemple `round(…, euro, half_up)`

## Comment s'écrit une fonction, dans les conseils.
check-usage-round = round(montant, euro|cent, half_up|down|up)
check-usage-aggregate = { $name }({ $binder } in liste: …)
check-ceiling-not-money = `ceiling` attend une valeur en euros du référentiel : `{ $name }` n'en est pas une, ou le résultat n'est pas un montant
check-ceiling-not-money-label = le plafond d'un montant est un paramètre ou une valeur calculée en euros
check-ceiling-not-here = seuls les résultats par élément (`output … for …`) ont un `ceiling`
check-not-a-layer-name = `{ $layer }` ne peut pas nommer une couche de règles
check-not-a-layer-name-label = nom de couche invalide
check-not-a-layer-name-hint = écrivez-le en minuscules, chiffres et tirets, comme `national` ou `caf-63`
