# The command line: its own errors and summaries.

cli-rulebook-has-errors = the rulebook `{ $name }` has errors
cli-batch-no-rulebook = no rulebook without errors to decide with
cli-batch-format = a campaign is written as `--format json` (JSON Lines) or `--format csv`
cli-cannot-read = cannot read `{ $path }`: { $why }
cli-cannot-read-stdin = cannot read standard input: { $why }
cli-cannot-read-folder = cannot read the folder `{ $path }`
cli-file-problem = `{ $path }`: { $why }
cli-check-summary = { $rulebooks ->
        [one] 1 rulebook checked
       *[other] { $rulebooks } rulebooks checked
    }: { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }
cli-eval-csv-needs-batch = `--format csv` is for `--batch`; one decision is written as `human` or `json`
cli-eval-no-application = give an application (a JSON file, or `-` for standard input)
cli-eval-rulebook-has-errors = the rulebook `{ $name }` has errors; no decision was made
cli-eval-wrong-year = the application is for the school year `{ $year }` but the rulebook `{ $name }` is for `{ $rulebook_year }`
cli-eval-wrong-caf = the application is addressed to Caf { $caf } but the rulebook `{ $name }` is the one of Caf { $rulebook_caf }
cli-eval-invalid-application = the application has { $count ->
        [one] 1 problem
       *[other] { $count } problems
    }; no decision was made
cli-eval-cannot-decide = the decision could not be computed: { $why }
cli-eval-no-year = the application has no `annee_scolaire` text, so no rulebook can be chosen; give one with `--rules`
cli-fmt-summary = { $rulebooks ->
        [one] 1 rulebook
       *[other] { $rulebooks } rulebooks
    }: { $changed } reformatted, { $failed } not formatted
cli-fmt-check-summary = { $rulebooks ->
        [one] 1 rulebook
       *[other] { $rulebooks } rulebooks
    }: { $changed } to reformat, { $failed } not formatted
cli-fmt-failed = `{ $path }`: { $why }
cli-lsp-stopped = the language server stopped: { $why }
cli-unknown-language = clas-rules speaks `fr` and `en`, not `{ $tag }`: messages are in French
cli-missing-command = give a command: `check`, `eval`, `diff`, `test`, `years`, `fmt`, `explain`…
cli-unknown-argument = unknown option `{ $argument }`
cli-unknown-command = unknown command `{ $command }`
cli-invalid-value = `{ $value }` is not a value of `{ $argument }`
cli-invalid-value-among = `{ $value }` is not a value of `{ $argument }`: the values are { $valid }
cli-missing-argument = missing: { $argument }
cli-argument-conflict = `{ $argument }` cannot go with `{ $other }`
cli-bad-arguments = the command line is not understood ({ $detail })
cli-see-help = see `clas-rules --help`

## clas-rules explain
explain-unknown-code = `{ $code }` is not a code of clas-rules
explain-list-hint = `clas-rules explain` alone lists every code
explain-not-written = the explanation of `{ $code }` is not written yet

## Replacing a file whole or not at all.
write-failed = cannot write `{ $path }`: { $why } (while { $doing }); the file is unchanged
write-failed-direct = cannot write `{ $path }`: { $why } (while { $doing })
write-failed-left-behind = cannot write `{ $path }`: { $why } (while { $doing }); the file is unchanged; remove the temporary file `{ $temporary }`
write-step-follow-link = following the link
write-step-inspect = reading its permissions
write-step-create = creating a temporary file beside it
write-step-write = writing the new text
write-step-sync = saving the new text to the disk
write-step-permissions = giving the new text the file's permissions
write-step-rename = putting the new text in place
write-step-direct = writing to it
cli-cannot-write-json = cannot write the decision as JSON: { $why }

## diff and test
cli-diff-no-applications = give applications to compare (files or folders), or `--rules` to compare the rulebooks
cli-cannot-read-it = cannot read it: { $why }
cli-test-no-rules-dir = no rules directory here; give the folder of the test cases
cli-test-no-case = no test case under `{ $path }` (a test case is a JSON file with a `demande`)

## clas-rules years: the grid of layers and years
years-title = Rulebooks by layer and school year
years-layer = Layer
years-layer-name = { $layer }
years-unnamed-layer = (single layer)
years-year = { $year }
years-file = `{ $file }`
years-cell-absent = —
years-cell-valid = valid
years-cell-errors = { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }
years-cell-extends = { $state }, extends { $year }
years-cell-overlap = { $count } files
years-cell-without-base = no { $base } file
years-cell-unloadable = does not load
years-legend = "—": no file for that year; "valid": the file checks without error.
years-legend-layers =
    "—": no file for that year.
    A Caf's cell says whether the Caf's rules for the year (the national framework and the Caf's own part) check.
years-continuous = The years of each layer follow one another without overlap or gap:
years-continuous-layer = { $layer }: { $years }
years-layers-consistent = Every Caf year has its national file, and every national year at least one Caf.
years-problems = { $count ->
        [one] Problem:
       *[other] Problems:
    }
years-problem-no-rulebook = no rulebook file (`.clas`) in this folder
years-problem-no-year = { $file } declares no school year (`year` in its header)
years-problem-overlap = { $layer }: overlap, { $count } files for the same year { $year }: { $files }
years-problem-errors = { $layer } { $year }: { $count ->
        [one] { $count } error (`clas-rules check { $file }` shows it)
       *[other] { $count } errors (`clas-rules check { $file }` shows them)
    }
years-problem-unloadable = { $layer } { $year }: { $why }
years-problem-gap = { $layer }: gap, no file for { $missing } (between { $after } and { $before })
years-problem-caf-without-base = { $layer }: no `{ $base }` file for { $year }: the rules of Caf { $caf } for { $year } cannot be loaded
years-problem-without-base = { $layer }: no `{ $base }` file for { $year }: this layer's rules for { $year } cannot be loaded
years-problem-without-top = { $layer }: no Caf has a file for { $year }: no application of that year can be decided
## clas-rules test: the lines of the cases, the coverage and the summary.
## The VS Code extension reads these lines (editors/vscode/src/core/testOutput.ts):
## a case's name starts at the 8th column, after `ok     ` or `FAILED `.
cli-test-case-passed = ok     { $name }
cli-test-case-passed-described = ok     { $name } — { $description }
cli-test-case-failed = FAILED { $name }
cli-test-case-updated = UPDATED { $name }
cli-test-no-expectation = no `attendu`: run `clas-rules test --update`, then review it
cli-test-no-year = the application has no `annee_scolaire`
cli-test-rulebook-has-errors = the rulebook `{ $name }` has errors
cli-test-coverage-title = Coverage: rules no case triggers
cli-test-summary = { $passed } passed, { $failed } failed{ $updated ->
        [0] { "" }
       *[other] , { $updated } updated
    }
## What is wrong with a test case file (src/cases.rs).
test-case-malformed-json = malformed JSON, line { $line }, column { $column }: { $why }
test-case-no-application = no `demande` in this file
test-case-expected-not-object = `attendu` must be an object: { "{" } "statut": …, "resultats": { "{" } … { "}" }, "regles": [ … ] { "}" }
test-case-status-not-text = `statut` is written in quotes
test-case-results-not-object = `resultats` must be an object: { "{" } "ps": "2563.00" { "}" }
test-case-rules-not-a-list = `regles` must be a list: ["depot_dans_la_periode"]
test-case-rules-not-names = `regles` is a list of rule names in quotes
test-case-expected-unknown-key = `attendu` does not know `{ $key }`: only `statut`, `resultats` and `regles`
## The differences between the case and the decision obtained.
test-case-status-differs = statut: expected "{ $expected }", got "{ $obtained }"
test-case-result-differs = { $name }: expected { $expected }, got { $obtained }
test-case-result-unknown = { $name }: the rules have no such result
test-case-rule-not-applied = rule expected but not applied: { $rule }
test-case-rule-not-expected = rule applied but not expected: { $rule }
## The coverage, rule by rule.
cli-test-coverage-of-caf = Caf { $caf }, { $year }
cli-test-coverage-of-year = { $year }
cli-test-coverage-all = { $rulebook }: none, every rule is exercised ({ $count ->
        [one] { $count } rule
       *[other] { $count } rules
    })
cli-test-coverage-some = { $rulebook }: { $never } of { $count } — { $rules }
