# The checker: names, types and units, declarations, rules, the lints.

## Types, as the messages name them.
type-bool = a yes/no value (`bool`)
type-integer = a whole number (`integer`)
type-decimal = a number (`decimal`)
type-money = an amount of money (`money`)
type-rate = a rate (`rate`)
type-date = a date
type-text = a text
type-enum = a value of `{ $name }`
type-record = a `{ $name }`
type-list = a list of { $item }
type-optional = an optional { $item }
type-range = a range of { $item }
type-empty-list = an empty list
type-error = a value

## What a place expects.
check-what-declared-type = the declared type
check-what-condition = a condition
check-what-the-condition = the condition
check-what-if-condition = the condition of `if`
check-what-keyword = `{ $keyword }`
check-what-a-text = a text
check-what-the-argument = the argument
check-what-round-rounds = what `round` rounds
check-what-field-type = the field's type

## Types and units.
check-expected-found = expected { $expected }, found { $found }
check-expected-label = { $what } is `{ $type }`
check-unit-hint-euro = write amounts with the euro sign: `305 €`
check-unit-hint-percent = write rates with the percent sign: `32,5 %`
check-unit-hint-rate-not-money = a rate is not an amount: write the amount with `€`, or multiply the rate by an amount
check-unit-hint-money-keeps-unit = an amount keeps its unit; compare it with another amount
check-this-is = this is { $what }
check-different-type = different type
check-list-of-one-type = a list holds values of one type: expected { $expected }, found { $found }
check-branches-differ = the two branches differ: { $first } and { $second }
check-cannot-negate = cannot negate { $found }
check-cannot-negate-label = only numbers, amounts and rates have a sign
check-rate-too-large = this rate is too large
check-integer-too-large = this whole number is too large
check-integer-too-large-label = beyond 9 223 372 036 854 775 807
check-range-kinds = a range goes between two values of one kind, found { $first } and { $second }
check-not-a-range = not a range
check-cannot-order = `{ $operator }` cannot compare { $what }
check-cannot-compare = cannot compare { $first } with { $second }
check-compare-label = `{ $operator }` needs two values of the same kind
check-in-kinds = `in` looks for { $item } among values that are { $among }
check-in-kinds-label = the two sides differ
check-in-needs-range = `in` needs a range or a list on its right, found { $found }
check-in-needs-range-label = not a range or a list
check-in-needs-range-hint = write a range as `8 ..= 12`
check-money-times-money = cannot multiply an amount of money by an amount of money
check-money-times-money-hint = multiply an amount by a rate or a number
check-date-arithmetic = cannot compute `{ $operator }` with a date
check-date-arithmetic-hint = dates are compared (`<`, `in`), not added
check-cannot-compute = cannot compute { $first } { $operator } { $second }
check-operation-label = { $first } { $operator } { $second }
check-if-let-never-absent = `if let` needs a value that may be absent
check-if-let-never-absent-label = this is { $found }, always present
check-if-let-never-absent-hint = use a plain `if` here
check-maybe-absent = this value may be absent
check-maybe-absent-label = may be `null` in an application
check-maybe-absent-hint = check it first: `if let x = { $written } then x.{ $field } else …`

## Names.
check-unknown-name = unknown name `{ $name }`
check-unknown-name-label = not declared in this rulebook
check-is-a-function = `{ $name }` is a function
check-is-a-function-label = needs its arguments
check-is-a-function-hint = call it: `{ $name }(…)`
check-ambiguous-value = `{ $name }` is a value of several enumerations
check-ambiguous-value-label = ambiguous
check-ambiguous-value-hint = write { $choices }
check-type-not-value = `{ $name }` is a type, not a value
check-type-not-value-label = a type
check-not-a-value-of = `{ $name }` is not a value of `{ $enumeration }`
check-unknown-value-label = unknown value
check-the-values-are = the values are { $values }
check-has-no-field = { $found } has no field `{ $field }`
check-no-such-field = no such field
check-unknown-field = unknown field `{ $name }`
check-not-a-field-of = not a field of `{ $record }`
check-the-fields-are = the fields of `{ $record }` are { $fields }
check-unknown-type = unknown type `{ $name }`
check-unknown-type-label = not a type of this rulebook
check-the-types-are = the types are { $types }

## Functions and aggregates.
check-not-an-aggregate = `{ $name }` does not go over a list
check-not-an-aggregate-label = not an aggregate
check-not-an-aggregate-hint = the aggregates are `sum`, `count`, `all` and `any`: `sum(c in list: …)`
check-aggregate-needs-list = `{ $name }` goes over a list, found { $found }
check-not-a-list = not a list
check-sum-of-non-numbers = `sum` adds numbers, amounts or rates, found { $found }
check-cannot-be-added = cannot be added
check-argument-count = `{ $name }` takes { $expected ->
        [one] { $expected } argument
       *[other] { $expected } arguments
    }, found { $found }
check-argument-count-label = wrong number of arguments
check-write = write `{ $usage }`
check-needs-two-values = `{ $name }` needs at least two values
check-too-few-arguments = too few arguments
check-min-max-unordered = `{ $name }` compares numbers, amounts, rates or dates, found { $found }
check-cannot-be-compared = cannot be compared
check-same-unit-hint = compare values of the same unit
check-min-max-kinds = `{ $name }` compares values of one kind: { $expected } and { $found }
check-abs-of-non-number = `abs` takes a number, an amount or a rate, found { $found }
check-no-sign = no sign
check-count-of-non-list = `count` counts the items of a list, found { $found }
check-present-of-non-optional = `present` tells whether a value that may be absent is there, found { $found }
check-always-present = always present
check-eligible-application-list = `eligible` applies to a list of the application
check-not-an-application-list = not a list of the application
check-application-list-hint = write a list field of the application, such as `{ $example }`
check-aggregate-needs-binder = `{ $name }` goes over a list with a name for each item
check-aggregate-needs-binder-label = missing `x in list:`
check-not-a-function = `{ $name }` is not a function
check-not-a-function-label = a value, not a function
check-unknown-function = unknown function `{ $name }`
check-aggregate-without-condition = `{ $name }({ $binder } in …)` needs `:` and what to compute for each item
check-aggregate-without-condition-label = missing `: …`
check-count-without-condition-hint = `count(list)` counts every item; write `{ $usage }`
check-round-arguments-label = what it rounds, to which unit, and how
check-unknown-rounding-unit = unknown rounding unit `{ $name }`
check-rounding-unit-needed = `round` rounds to the `euro` or to the `cent`
check-rounding-unit-label = expected `euro` or `cent`
check-unknown-rounding-mode = unknown rounding mode `{ $name }`
check-rounding-mode-needed = `round` needs a rounding mode
check-rounding-mode-label = expected `half_up`, `down` or `up`
check-rounding-mode-hint = `half_up` is the usual administrative rounding: a half counts as one

## Declarations.
check-missing-header = this rulebook has no header
check-missing-header-label = expected `rulebook "…" year "…"` here
check-missing-header-hint = start the file with `rulebook "title" year "2023-2024" source "the note"`
check-missing-input = this rulebook declares no application
check-missing-input-label = no `input` declaration
check-missing-input-hint = declare the fields of an application with `input demande { "{" } … { "}" }`
check-second-input = a second `input` declaration
check-second-input-label = the application is already declared
check-second-header = a second `rulebook` header
check-second-header-label = the header is already given
check-not-a-school-year = `{ $year }` is not a school year
check-not-a-school-year-label = expected two consecutive years
check-not-a-school-year-hint = write the school year as `2023-2024`
check-extends-not-loaded = the rulebook this one extends was not loaded
check-extends-not-loaded-label = not found
check-extends-not-loaded-hint = check it with its rules directory: `clas-rules check --rules-dir rules FILE`
check-missing-year = the header gives no school year
check-missing-year-label = no `year`
check-missing-year-hint = add `year "2023-2024"` after the title
check-first-declared-here = first declared here
check-second-declaration = second declaration
check-again-here = again here
check-choose-another-name = choose another name
check-variant-twice = `{ $value }` appears twice in `{ $enumeration }`
check-builtin-type-name = `{ $name }` is a built-in type
check-type-twice = the type `{ $name }` is declared twice
check-field-twice = the field `{ $field }` of `{ $record }` is declared twice
check-name-of-a-type = `{ $name }` is already the name of a type or of the application
check-declared-twice = { $kind ->
        [def] the function
        [let] the value
        [output] the output
        [rule] the rule
        [assert] the assertion
       *[param] the parameter
    } `{ $name }` is declared twice
check-argument-twice = the argument `{ $name }` is named twice
check-item-output-twice = `{ $name }` is declared twice for each item of `{ $list }`
check-endless-record = the record `{ $name }` contains itself
check-endless-record-label = this field makes the record endless
check-endless-record-hint = use `optional` or `list` for a record that refers to itself
check-range-of-unordered = only numbers, amounts, rates and dates have ranges
check-cannot-be-ordered = cannot be ordered
check-change-without-extends = `{ $keyword }` changes the rulebook this one extends, and it extends none
check-change-without-extends-label = nothing to change
check-change-without-extends-hint = add `extends "2023-2024"` (the year it builds on) to the header
check-message-not-here = only rules and assertions have a `message`
check-message-not-here-hint = use `label` to name an output for staff
check-label-not-here = a rule has a `message`, not a `label`: a `label` names a value (param, let, def, output)
check-not-used-here = not used here
check-for-needs-a-list = `for` needs a list
check-for-application-list = `for` applies only to a list of the application
check-not-an-application-field = not a field of the application

## Rules and their messages.
check-rule-without-message = the rule `{ $name }` has no message
check-rule-without-message-label = staff would not know why it fired
check-rule-without-message-hint = add `message "…"`: a sentence in French that explains the decision
check-unknown-placeholder = unknown parameter `{ $name }` in the message
check-quoted-here = quoted here
check-did-you-mean-placeholder = did you mean `{ "{" }{ $name }{ "}" }`?
check-placeholder-hint = a message can quote a parameter by its name in braces, `{ "{" }prix_plafond{ "}" }`; write `{ "{{" }` for a brace
check-message-quotes-application = the message quotes `{ $name }`, which depends on the application
check-message-quotes-application-hint = a message can quote parameters and values computed from them only

## Values computed when the rulebook loads.
check-default-cannot-be-computed = this default cannot be computed: { $why }
check-default-cannot-be-computed-hint = a default is a figure or a parameter, not a value computed from the application
check-cannot-be-computed = `{ $name }` cannot be computed: { $why }
check-fails-here = fails here
check-items-kept-in = the items kept in `{ $list }`
check-evaluation-too-deep = computing { $name } nests more than { $limit } operations deep, through the declarations it uses
check-rule-too-deep = checking the rule `{ $name }` nests more than { $limit } operations deep, through the declarations it uses
check-evaluation-too-deep-hint = no rulebook needs this: use fewer declarations, each using the next, or simpler expressions
check-param-reads-application = the parameter `{ $name }` depends on the application
check-reads-application = reads the application
check-param-reads-application-hint = a parameter is a figure of the note; use `let` for a value computed from the application
check-cycle = these declarations depend on each other: { $chain }
check-cycle-label = the cycle starts here
check-cycle-hint = a value cannot be computed from itself; break the cycle
check-cycle-part = { $name } is part of the cycle

## Assertions.
check-assert-reads-application = the assertion `{ $name }` depends on the application
check-assert-reads-application-hint = assertions check the rulebook's own figures when it loads; use a `rule` for a condition on applications
check-assert-fails = the assertion `{ $name }` does not hold
check-assert-fails-label = this does not hold
check-assert-message = { $text }
check-assert-value = `{ $name }` is { $value }
check-assert-values = { $values }
check-assert-cannot-be-computed = the assertion `{ $name }` cannot be computed: { $why }

## Warnings that keep a rulebook maintainable.
lint-unused-param = unused parameter `{ $name }`
lint-unused-let = unused value `{ $name }`
lint-unused-label = no rule, value or output uses it
lint-unused-param-hint = remove it, or refer to it where the note applies it
lint-unused-let-hint = remove it, or make it an `output` if staff should see it
lint-unused-def = unused function `{ $name }`
lint-unused-def-label = never called
lint-bare-figure = the figure `{ $figure }` is written in { $kind ->
        [def] a function
        [rule] a rule
        [output] an output
       *[let] a derived value
    }
lint-bare-figure-label = a bare figure
lint-bare-figure-hint = declare it as a `param` with its `source`, so that next year's rulebook changes the value and not the rule
lint-missing-source = the { $kind ->
        [rule] rule
       *[param] parameter
    } `{ $name }` does not cite the note
lint-missing-source-label = no `source`
lint-missing-source-hint = add `source "§…"` with the section of the note it comes from
lint-never-rounded = the amount `{ $name }` is never rounded
lint-never-rounded-label = may hold fractions of a cent
lint-never-rounded-hint = round it explicitly, e.g. `round(…, euro, half_up)`

## How a function is written, in hints.
check-usage-round = round(amount, euro|cent, half_up|down|up)
check-usage-aggregate = { $name }({ $binder } in list: …)
check-ceiling-not-money = `ceiling` expects a money value of the rulebook: `{ $name }` is not one, or the output is not an amount
check-ceiling-not-money-label = the ceiling of an amount is a money parameter or computed value
check-ceiling-not-here = only per-item outputs (`output … for …`) have a `ceiling`
check-not-a-layer-name = `{ $layer }` cannot name a layer of rules
check-not-a-layer-name-label = invalid layer name
check-not-a-layer-name-hint = write it in lower-case letters, digits and hyphens, like `national` or `caf-63`
