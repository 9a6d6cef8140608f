# Campaigns (`eval --batch`): error records, the errors that stop a
# campaign, the summary and the progress bar.

## Choosing an application's rulebook

batch-other-year = the application is for `{ $year }` but the rulebook is for `{ $rulebook_year }`
batch-year-missing = missing, so no rulebook can be chosen
batch-no-rulebook-for-year = no rulebook for `{ $year }`; the years available are { $years }
batch-not-ready = internal error: a rulebook that was not made ready

## Lines that cannot be read

batch-malformed-json = malformed JSON at column { $column }: { $why }
batch-unreadable-record = unreadable CSV record

## What stops a campaign

batch-header-year = { $year }: { $why }
batch-or-else = { $first } / { $next }
batch-header-fits-no-year = the CSV header does not fit the rulebook of any year: { $why }
batch-header-not-for-year = the CSV header does not fit the rulebook of { $year }: { $why }
batch-csv-empty = the CSV file is empty
batch-csv-header = the CSV header (line 1): { $why }
batch-io = cannot read or write: { $why }

## The summary

batch-summary-read = Applications read: { $count }
batch-summary-eligible = eligible: { $count }
batch-summary-ineligible = not eligible: { $count }
batch-summary-incomplete = incomplete: { $count }
batch-summary-errors = in error (not decided): { $count }
batch-summary-precise = read by the detailed reader (not the fast path): { $count }
batch-summary-windows-1252 = lines read as Windows-1252, the encoding of spreadsheets on Windows (not UTF-8): { $count }
batch-summary-amounts = Amounts granted
batch-summary-overflow = warning: a total goes beyond what exact arithmetic holds, the totals are wrong
batch-summary-total = { $name }: { $amount }
batch-summary-by-niveau = By niveau
batch-summary-niveau = { $niveau }: { $count ->
        [one] { $count } application
       *[other] { $count } applications
    }; { $amounts }
batch-summary-niveau-amount = { $name } { $amount }
batch-summary-caf = Caf { $caf }
batch-summary-caf-unknown = Unknown Caf

## The progress bar

batch-progress = { $count ->
        [one] { $count } application
       *[other] { $count } applications
    } ({ $percent } %), { $rate } per second{ $left }
batch-progress-left = , { $seconds } s to go
batch-other-caf = the application is addressed to Caf { $caf } but the rules are those of Caf { $rulebook_caf }
batch-unknown-caf-none = the Caf "{ $caf }" is unknown: the rules folder has a layer for no Caf
batch-unknown-caf = the Caf "{ $caf }" is unknown; the Cafs known are { $cafs }
batch-which-caf = missing: the rules folder has several Cafs ({ $cafs }) and no default
batch-no-rulebook-for-caf-year = Caf { $caf } has no rulebook for `{ $year }`; its years are { $years }
batch-header-caf-year = Caf { $caf }, { $year }: { $why }
