# The language server: what the editor shows besides the diagnostics.

lsp-inherited-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    } in what this rulebook inherits, first in `{ $file }`: { $first }
lsp-layer-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    } in `{ $file }` ({ $layer }), which this rulebook is written over; the first: { $first }
lsp-layer-national = national framework
lsp-layer-caf = Caf { $caf }
lsp-layer-named = layer { $layer }
lsp-action-replace = Replace with `{ $name }`
lsp-action-add-source = Add the section of the note it comes from (`source "§…"`)
lsp-action-outdent = Start the declaration at the beginning of the line
lsp-action-override = Override `{ $name }` for this year ({ $value } until now)

## Hover.
hover-by-year = **By year**: { $years }
hover-year-value = { $year }: { $value }
hover-year-value-set = { $year }: { $value } ({ $layer }, { $file })
hover-replaced-by = **Replaced by**: { $cafs }
hover-replaced-value = { $layer }, { $year }: { $value } ({ $file })
hover-replaced = { $layer }, { $year } ({ $file })
hover-local = **local name** `{ $name }`: `{ $type }` ({ $words })
hover-severity-refuse = refusal
hover-severity-incomplete = incomplete file
hover-severity-warn = warning
hover-severity-info = information
hover-global = **{ $kind ->
        [let] computed value
        [output] result of the decision
       *[param] parameter
    }** `{ $name }`: `{ $type }`
hover-label = { " " }— "{ $label }"
hover-computed-per-application = Computed for each application.
hover-source = Source: { $source }
hover-def = **function** `{ $name }({ $params })`: `{ $type }`
hover-assert = **assertion** `{ $name }`: checked when the rules load
hover-rule = **rule** `{ $name }` ({ $severity })
hover-rule-per-item = **rule** `{ $name }` ({ $severity }, for each item of `{ $list }`)
hover-enum = **enumeration** `{ $name }`: { $values }
hover-record = **record** `{ $name }`
hover-input = **the application** `{ $name }`
hover-field = **field** `{ $record }.{ $field }`: `{ $type }` ({ $words })
hover-default = Value assumed for the applications of earlier years: { $value }
hover-variant = **value** `{ $value }` of the enumeration `{ $enumeration }`
hover-item-output = **result per item** of `{ $list }`: `{ $name }`: `{ $type }`

## Completion.
completion-the-application = the application
completion-round = round(amount, euro|cent, half_up|down|up): explicit rounding
completion-min = min(a, b, …): the smallest
completion-max = max(a, b, …): the largest
completion-abs = abs(x): absolute value
completion-count = count(list) or count(x in list: condition)
completion-sum = sum(x in list: amount)
completion-all = all(x in list: condition)
completion-any = any(x in list: condition)
completion-present = present(x): is the optional value given?
completion-same-text = same_text(a, b): the same texts, letter case, accents and spaces aside
completion-close-to = close_to(a, b): nearly the same texts (one or two typos)
completion-eligible = eligible(demande.collectifs): the items no rule excludes

## Rename.
rename-not-a-name = `{ $name }` is not a name: letters, digits and `_`, not starting with a digit
rename-application = the application's name cannot be renamed
rename-clash = `{ $name }` is already declared: renaming would merge two declarations
