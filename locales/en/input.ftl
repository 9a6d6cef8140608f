# Applications: the JSON text, then each field and value, and the CSV files
# of a campaign. A field's path ({ $path }) is its name in the JSON contract
# (collectifs[1].enfants): it is not translated.
# Words in backticks (`…`) are the file's own: keep them as they are.

## A field and what is wrong with it

# The title of an error: "`collectifs[1].enfants`: expected …".
input-at-field = `{ $path }`: { $message }
input-wrong-value = expected { $expected }, found { $found }
input-date-words = a date written YYYY-MM-DD
input-expected = expected { $expected }
input-expected-or-null = expected { $expected } (`null` when there is none)
input-null-not-optional = only optional fields may be null
input-range = ranges cannot be given in an application
input-application-is-object = an application is one JSON object, `{ "{" } … { "}" }`
input-not-an-object = expected the application as a JSON object { "{" } … { "}" }, found { $found }
input-unknown-field = unknown field `{ $field }`
input-no-fields = `{ $record }` has no fields
input-fields-are = the fields of `{ $record }` are: { $fields }
input-missing-field = missing field `{ $field }`
input-unreadable = the application could not be read
input-unsupported-type = the type `{ $name }` cannot be given in an application

## Numbers and amounts

input-negative-count = a count cannot be negative, found { $number }
input-too-large = the number `{ $number }` is too large
input-too-precise = the number `{ $number }` has too many decimals
input-decimal-point = write numbers with a decimal point: "{ $fixed }"
input-rate-in-percent = write rates as a number of percent, without the % sign: "{ $fixed }"
input-number-digits-only = write numbers with digits and a decimal point only: "{ $fixed }"
input-money-how = write amounts as a number (6500.5) or a text with two decimals ("6500.50")
input-money-exponent = an amount is written without an exponent, found `{ $number }`
input-money-decimal-point = write amounts with a decimal point: "{ $fixed }"
input-money-digits-only = write amounts with digits and a decimal point only: "{ $fixed }"
input-money-negative = an amount cannot be negative, found `{ $number }`
input-money-fraction = an amount is a whole number of cents, found `{ $number }`

## Dates

input-not-a-day = `{ $date }` is not a day of the calendar
input-date-how = write dates as YYYY-MM-DD: "{ $date }"
input-years-range = years go from 0001 to 9999
input-months-range = months go from 01 to 12
input-days-start = days start at 01
# "February 2023 has 28 days"; { $month } is the month's number.
input-month-days = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } has { $days } days

## Values of a closed list (enumeration)

input-not-a-value = `{ $value }` is not a value of `{ $enumeration }`
input-one-of = expected one of: { $values }

## The JSON text

input-malformed-json = malformed JSON at line { $line }, column { $column }: { $why }
json-found-null = null
json-found-true = true
json-found-false = false
json-found-number = a number ({ $number })
json-found-text = the text "{ $text }"
json-found-list = a list
json-found-object = an object
json-found-token = `{ $token }`
json-found-comment = `{ $token }` (comments are not allowed)
json-found-bom = a byte order mark (U+FEFF), which belongs only at the very start of a file
json-found-code-point = { $code }
json-expected-value = a value
json-expected-end = the end of the input after the value
json-expected-item-separator = `,` or `]` after an item
json-expected-key-or-close = a key in double quotes or `{ "}" }`
json-expected-key = a key in double quotes
json-expected-member-separator = `,` or `{ "}" }` after a member
json-expected-colon = `:` after the key
json-unexpected = expected { $expected }, found { $found }
json-end = unexpected end of input: expected { $expected }
json-unclosed-list = unexpected end of input: the list opened at line { $line }, column { $column } is not closed
json-unclosed-object = unexpected end of input: the object opened at line { $line }, column { $column } is not closed
json-too-deep = nesting deeper than { $levels } levels
json-trailing-comma = trailing `,` before `{ $close }`
json-duplicate-key = duplicate key `{ $key }` in this object (first at line { $line }, column { $column })
json-unpaired-surrogate = unpaired surrogate `{ $escape }` in text
json-bad-unicode-escape = invalid escape `{ $escape }`: expected four hex digits after `\u`
json-escape-control = invalid escape: `\` followed by { $code }
json-invalid-escape = invalid escape `{ $escape }`
json-unterminated-text = unterminated text
json-invalid-number = invalid number `{ $number }`
json-line-break-in-text = unescaped line break in text
json-tab-in-text = unescaped tab in text
json-control-in-text = unescaped control character { $code } in text

## Files that are not UTF-8 text

input-not-utf8-byte = not UTF-8 text: invalid byte { $byte } at { $place } (save the file as UTF-8)
input-not-utf8-truncated = not UTF-8 text: truncated character at { $place } (save the file as UTF-8)
input-place-line-column = line { $line }, column { $column }
input-place-column = column { $column }

## CSV

csv-unclosed-quote = the quoted cell opened at column { $column } is never closed (a `"` is missing, or a `"` inside a cell is not doubled)
csv-unknown-column = unknown column `{ $column }`
csv-unknown-column-suggest = unknown column `{ $column }` (did you mean `{ $suggestion }`?)
csv-duplicate-column = the column `{ $column }` appears twice
csv-missing-column = missing column `{ $column }`
csv-no-cell-for = { $count ->
        [one] no cell for { $columns }
       *[other] no cells for { $columns }
    }
csv-cells-without-column = the cells from column { $column } on have no column name
csv-cell-count = { $cells ->
        [one] { $cells } cell
       *[other] { $cells } cells
    }, but the header has { $columns ->
        [one] { $columns } column
       *[other] { $columns } columns
    }: { $detail } (a separator missing or too many in this row?)
csv-nothing = (nothing)
input-caf-is-text = `caf` names the application's Caf by its department number, as text: `"63"`
