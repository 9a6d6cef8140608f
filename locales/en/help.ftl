# The command line's help (`clas-rules --help`, `clas-rules eval --help`…).

help-usage = Usage:
help-heading-commands = Commands:
help-heading-arguments = Arguments:
help-heading-options = Options:

help-about = Versioned, typed rulebooks for the CLAS funding programme, and the interpreter that applies them
help-check = Checks rulebooks and reports every error and warning; exits 1 on any error
help-eval = Decides one application (exit 2 when the application is invalid), or every application of a file with `--batch`
help-diff = Compares two years of a Caf, or two Cafs for one year (`--caf-from`, `--caf-to`): decisions on the same applications, or the rulebooks themselves (`--rules`)
help-test = Runs the test cases written beside the rulebooks, and lists the rules no case exercises
help-lsp = Serves the Language Server Protocol on standard input and output (for editors)
help-gen = Writes synthetic applications for a year (JSON Lines or CSV), for benchmarks and tests
help-schema = Prints the JSON Schema of an application for a year
help-years = Shows the grid of layers and school years, what each file extends, and checks that each layer's years follow one another
help-fmt = Rewrites rulebooks in the canonical layout (`--check` only lists those that would change)
help-explain = Explains a diagnostic code (`clas-rules explain E0203`): what it means, a wrong example, the fix
help-doc = Writes the rulebooks as a static site for reviewers (`--out DIR`): the years, their parameters, rules, outputs and changes
help-help = Prints this help, or the given command's
help-help-command = The command whose help to print

help-arg-help = Print help
help-arg-version = Print version
help-arg-lang = The language of messages: `fr` (the default) or `en` (also the variable `CLAS_LANG`)
help-arg-rules-dir = The folder of rulebooks (default: `CLAS_RULES_DIR`, else `./rules`, else the rules folder the current folder is in, else the copy built into the program)
help-arg-files = Rulebooks, or folders of rulebooks

help-eval-application = The application, a JSON file; `-` reads standard input
help-eval-batch = Decides every application of a file: JSON Lines (one application per line) or CSV (`.csv`: a header row, dotted column names); `-` reads standard input
help-eval-input-format = With `--batch`: the applications' format, when the file's extension does not say: `jsonl` (one JSON object per line), `csv` (comma-separated, with a header row) or `csv-semicolon` (semicolon-separated, as French spreadsheets write it)
help-eval-summary = With `--batch`: also write the campaign's summary, as JSON, to this file
help-eval-report = With `--batch`: also write the campaign's report, one HTML page, to this file
help-eval-rules = The rulebook to apply (default: the one of the application's school year, `annee_scolaire`)
help-eval-caf = The Caf whose rulebook decides, by its department number (`63`), for an application that does not name its own (`caf`); by default, the rules folder's default Caf, else its only one
help-eval-format = How the decision is written: `human`, French text for staff (the default for one application); `json`, the JSON contract (JSON Lines, the default with `--batch`); `csv`, CSV for scripts (with `--batch`); `csv-semicolon`, the same for a French spreadsheet: semicolons, decimal commas, VRAI and FAUX (with `--batch`); `html`, a printable page (for one application)
help-eval-explain = Also show how each amount was computed and why each rule fired: in sentences (`--explain`, or `--explain=phrases`), or as the rulebook's expressions with their values (`--explain=formules`)

help-diff-from = The school year to compare from (its rulebook)
help-diff-to = The school year to compare to
help-diff-caf = The Caf whose rulebooks of the two years are compared (default: the folder's default Caf, as `eval`)
help-diff-year = The school year of a comparison of two Cafs (with `--caf-from` and `--caf-to`)
help-diff-caf-from = The Caf to compare from (`63`), with `--year`
help-diff-caf-to = The Caf to compare to (`15`), with `--year`
help-diff-rules = Compare the rulebooks themselves rather than decisions
help-diff-keep-dates = Keep the applications' dates as they are. By default they are moved by the years between the two rulebooks, so that an application of one year is read as if it were filed at the same point of the other
help-diff-applications = Applications: JSON files, or folders searched for them (staff test cases are read too: their `demande`)
help-diff-format = How the comparison is written: `human`, text for staff (the default); `json`, for scripts; `html`, a printable page for a committee (not with `--rules`)
help-diff-out = Write to this file (replaced whole) instead of standard output

help-test-dir = The folder searched for test cases (JSON files with a `demande`); by default the rules folder
help-test-update = Rewrite each case's `attendu` to the decision obtained (review the change before keeping it)

help-lsp-stdio = Talk on standard input and output (the only transport, and the default)

help-gen-count = How many applications (1000 by default)
help-gen-seed = The seed: the same seed gives the same applications (1 by default)
help-gen-year = The school year whose schema to follow (default: the latest)
help-gen-format = `json`, JSON Lines (the default), `csv`, or `csv-semicolon` (semicolon-separated)
help-gen-style = How the JSON is written: as the contract's examples (`contrat`, the default), as other tools write it (`autre-outil`: keys in alphabetical order, spaces, amounts as numbers, `\u00e9` escapes), or the same with the keys of every object shuffled (`melange`)
help-gen-caf = The Caf whose schema to follow, by its department number (default: the folder's default Caf); its code is written as each application's top-level `caf` member

help-schema-year = The school year (default: the latest)
help-schema-caf = The Caf, by its department number (default: the folder's default Caf)

help-years-format = How the grid is written: `human`, French text for staff (the default), or `json`

help-fmt-check = Rewrite nothing: list the rulebooks that would change, and exit 1 if any would

help-explain-code = The code, as printed beside an error or a warning (`E0203`); none lists them all

help-doc-rules = The folder of rulebooks (default: as `--rules-dir`)
help-doc-out = The folder the site is written to (created if missing)
help-doc-caf = The Caf whose rulebooks (national layer included) the site shows, by its department number; by default the folder's default Caf, else its only one

help-value-file = FILE
help-value-dir = DIR
help-value-rules-dir = RULES_DIR
help-value-application = APPLICATION
help-value-applications = APPLICATIONS
help-value-caf = CAF
help-value-year = YEAR
help-value-lang = LANG
help-value-form = FORM
help-value-code = CODE
help-value-count = COUNT
help-value-seed = SEED
help-value-format = FORMAT
help-value-style = STYLE
help-value-command = COMMAND
