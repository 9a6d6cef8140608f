# Syntax errors: what is written is not (yet) a declaration of the rules
# language.

syntax-not-understood = not understood
syntax-not-understood-here = not understood here
syntax-unreadable-declaration = this declaration could not be read
syntax-expected-declaration = expected a declaration
syntax-malformed-declaration = malformed declaration
syntax-expected-found = expected { $expected }, found { $found }
syntax-unexpected = unexpected { $found }
syntax-token = `{ $token }`
syntax-end-of-declaration = the end of the declaration
syntax-nothing = nothing
syntax-declaration-start-hint = each declaration starts at the beginning of a line with `param`, `let`, `rule`, `output`…; continuation lines are indented by two spaces

# What the parser expected, in words.
syntax-a-name = a name
syntax-an-expression = an expression
syntax-a-type = a type
syntax-a-text = a text in straight double quotes
syntax-a-number = a number
syntax-an-amount = an amount in €
syntax-a-rate = a rate in %
syntax-a-date = a date (YYYY-MM-DD)
syntax-a-boolean = `true` or `false`
syntax-a-severity = `refuse`, `incomplete`, `warn` or `info`
syntax-a-trigger = `when` or `unless`
syntax-a-clause = a `message`, `source` or `label` clause
syntax-a-header-field = `year`, `source`, `version` or `extends`
syntax-a-field-access = `.` and a field
syntax-an-operator = an operator
syntax-a-declaration = a declaration (`param`, `let`, `def`, `rule`, `output`, `assert`, `enum`, `record`, `input`)
syntax-an-argument = an argument (`name: type`)
syntax-a-field = a field (`name: type`)
syntax-a-list = a list

syntax-unclosed-text = this text is not closed
syntax-unclosed-text-label = opened here
syntax-unclosed-text-hint = a text ends with `"` on the same line

syntax-decimal-point = `.{ $digits }`: a decimal point in a number
syntax-decimal-point-hint = numbers take a decimal comma, the French way: `32,5 %`, `499,99 €`

syntax-indented-declaration = a declaration starts at the beginning of a line
syntax-indented-declaration-label = `{ $keyword }` is indented: it reads as the continuation of the declaration above
syntax-indented-declaration-hint = remove the spaces before `{ $keyword }` to start a new declaration

syntax-typographic-quote = `{ $quote }`: a typographic quotation mark
syntax-typographic-quote-hint = texts are written between straight double quotes: `"Le dossier est incomplet."` (text copied from a word processor often has other ones)

syntax-name-with-space = the name `{ $name }` is cut into several words
syntax-name-with-space-label = a name holds no space, hyphen or apostrophe
syntax-name-with-space-hint = join the words with `_`: `{ $suggestion }`

syntax-date-with-slashes = `{ $written }`: a date written with slashes
syntax-date-with-slashes-label = would read as two divisions
syntax-date-with-slashes-hint = dates are written year-month-day: `{ $iso }`

syntax-too-deep-label = too deep
syntax-too-deep-hint = split the expression into several `let` declarations
syntax-brackets-too-deep = brackets nested more than { $limit } deep
syntax-declaration-too-long = declaration longer than { $limit } operations
syntax-types-too-deep = types nested more than { $limit } deep
syntax-types-too-deep-hint = no rulebook needs more than a few of `list`, `optional` and `range` in a row

syntax-unknown-escape = unknown escape `{ $escape }` in a text
syntax-unknown-escape-label = in this text
syntax-unknown-escape-hint = write `\"` for a quote, `\\` for a backslash, `\n` for a new line

syntax-drop-field-without-record = `drop field` names a record and its field
syntax-drop-field-without-record-label = which field?
syntax-drop-field-without-record-hint = write `drop field { $record }.name_of_the_field`

syntax-clause-twice = `{ $key }` is given twice
syntax-clause-twice-label = second one here

syntax-impossible-date = `{ $date }` is not a day of the calendar
syntax-impossible-date-label = no such date

syntax-number-whole = the number `{ $digits }`
syntax-number-cut = the number `{ $head }…{ $tail }` ({ $count } characters long)
syntax-number-too-many-digits = { $number } has too many digits to be kept exactly
syntax-number-too-many-digits-label = too many digits
syntax-number-too-large = { $number } is too large
syntax-number-too-large-label = too large
syntax-number-limit-hint = numbers are limited to 28 significant digits
