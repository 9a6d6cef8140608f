# Rules said in words: the explanations of decisions, the documentation of
# a rulebook. The code writes the figures; these sentences say what they are.

words-plain = { $text }
words-named = { $name }: { $value }
words-valued = { $words }: { $value }
words-computed = { $computation } = { $value }
words-bracketed = ({ $inner })
words-arith = { $left } { $op } { $right }
words-not = not ({ $operand })
words-neg = minus { $operand }
words-and = { $left } and { $right }
words-or = { $left } or { $right }
words-compare = { $left } { $op ->
        [eq] equal to
        [ne] different from
        [lt] less than
        [le] at most
        [gt] more than
       *[ge] at least
    } { $right }
words-in-range = { $item } within { $range }
words-in-list = { $item } among { $list }
words-range = from { $low } to { $high }
words-list = { $items }
words-if = if { $condition }, { $then }, otherwise { $otherwise }
words-if-yes = { $condition }: yes, so { $then }
words-if-no = { $condition }: no, so { $otherwise }
words-if-let = { $value } when given, otherwise { $otherwise }
words-sum = sum of “{ $body }” over { $list }
words-sum-counted = sum of “{ $body }” over { $list } ({ $count })
words-count = number of { $list }
words-all = { $body } for each of { $list }
words-any = { $body } for at least one of { $list }
words-smallest = the smallest of { $items }
words-largest = the largest of { $items }
words-abs = absolute value of { $operand }
words-present = { $operand } given
words-same-text = { $left } identical to { $right } (ignoring case, accents and spaces)
words-close-to = { $left } nearly identical to { $right }
words-retained = { $list } retained
words-under-ceiling = { $value } (under the ceiling of { $ceiling })
words-ceiling-reached = { $value } (ceiling reached, instead of { $asked })
words-above-floor = { $value } (above the floor of { $floor })
words-floor-applied = { $value } (floor applied, instead of { $asked })
words-round = { $computation }, { $mode ->
        [down] rounded down to the { $unit ->
            [euro] euro
           *[cent] cent
        }
        [up] rounded up to the { $unit ->
            [euro] euro
           *[cent] cent
        }
       *[half-up] rounded to the nearest { $unit ->
            [euro] euro
           *[cent] cent
        }
    }
words-rounded = { $computation } = { $exact }, { $mode ->
        [down] rounded down to the { $unit ->
            [euro] euro
           *[cent] cent
        }
        [up] rounded up to the { $unit ->
            [euro] euro
           *[cent] cent
        }
       *[half-up] rounded to the nearest { $unit ->
            [euro] euro
           *[cent] cent
        }
    }: { $value }
words-rule-when = when { $condition }
words-rule-unless = unless { $condition }
words-holds = { $condition }: yes
words-does-not-hold = { $condition }: no
words-item-excluded = 0,00 €: the collectif is not retained
words-not-eligible = { $value }: the application is not eligible as it stands
explain-how-computed = How the amounts are computed
explain-why-rules = Why these rules apply
words-absent = { $value }: not given
words-at-ceiling = { $value } (at the ceiling)
words-at-floor = { $value } (at the floor)
