# Les règles dites en mots : les explications des décisions, la
# documentation du référentiel. Les nombres sont écrits à la française par
# le code ; ces phrases disent ce qu'ils sont.

words-plain = { $text }
words-named = { $name } : { $value }
words-valued = { $words } : { $value }
words-computed = { $computation } = { $value }
words-bracketed = ({ $inner })
words-arith = { $left } { $op } { $right }
words-not = non ({ $operand })
words-neg = moins { $operand }
words-and = { $left } et { $right }
words-or = { $left } ou { $right }
words-compare = { $left } { $op ->
        [eq] égal à
        [ne] différent de
        [lt] inférieur à
        [le] inférieur ou égal à
        [gt] supérieur à
       *[ge] supérieur ou égal à
    } { $right }
words-in-range = { $item } dans la plage { $range }
words-in-list = { $item } parmi { $list }
words-range = de { $low } à { $high }
words-list = { $items }
words-if = si { $condition }, { $then }, sinon { $otherwise }
words-if-yes = { $condition } : oui, donc { $then }
words-if-no = { $condition } : non, donc { $otherwise }
words-if-let = { $value } s'il est renseigné, sinon { $otherwise }
words-sum = somme de « { $body } » pour { $list }
words-sum-counted = somme de « { $body } » pour { $list } ({ $count })
words-count = nombre de { $list }
words-all = { $body } pour chacun des { $list }
words-any = { $body } pour au moins un des { $list }
words-smallest = le plus petit de { $items }
words-largest = le plus grand de { $items }
words-abs = valeur absolue de { $operand }
words-present = { $operand } renseigné
words-same-text = { $left } identique à { $right } (sans tenir compte des majuscules, des accents et des espaces)
words-close-to = { $left } presque identique à { $right }
words-retained = { $list } retenus
words-under-ceiling = { $value } (sous le plafond de { $ceiling })
words-ceiling-reached = { $value } (plafond atteint, au lieu de { $asked })
words-above-floor = { $value } (au-dessus du plancher de { $floor })
words-floor-applied = { $value } (plancher appliqué, au lieu de { $asked })
words-round = { $computation }, { $mode ->
        [down] arrondi { $unit ->
            [euro] à l'euro inférieur
           *[cent] au centime inférieur
        }
        [up] arrondi { $unit ->
            [euro] à l'euro supérieur
           *[cent] au centime supérieur
        }
       *[half-up] arrondi { $unit ->
            [euro] à l'euro le plus proche
           *[cent] au centime le plus proche
        }
    }
words-rounded = { $computation } = { $exact }, { $mode ->
        [down] arrondi { $unit ->
            [euro] à l'euro inférieur
           *[cent] au centime inférieur
        }
        [up] arrondi { $unit ->
            [euro] à l'euro supérieur
           *[cent] au centime supérieur
        }
       *[half-up] arrondi { $unit ->
            [euro] à l'euro le plus proche
           *[cent] au centime le plus proche
        }
    } : { $value }
words-rule-when = quand { $condition }
words-rule-unless = sauf si { $condition }
words-holds = { $condition } : oui
words-does-not-hold = { $condition } : non
words-item-excluded = 0,00 € : le collectif n'est pas retenu
words-not-eligible = { $value } : la demande n'est pas éligible en l'état
explain-how-computed = Comment les montants sont calculés
explain-why-rules = Pourquoi ces règles s'appliquent
words-absent = { $value } : non renseigné
words-at-ceiling = { $value } (au plafond)
words-at-floor = { $value } (au plancher)
