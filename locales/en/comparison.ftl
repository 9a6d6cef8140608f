# Comparing two years (`clas-rules diff`): text, and the HTML page.
# Variables in braces ({ $name }) are filled in by the program.

## The header

comparison-title = Comparison { $from } → { $to } over { $count ->
        [one] { $count } application
       *[other] { $count } applications
    }
comparison-counts = { $changed ->
        [0] no application changes
        [one] { $changed } application changes, { $status } of them in status
       *[other] { $changed } applications change, { $status } of them in status
    }; { $unchanged } unchanged.
comparison-new-output-zero = New output: “{ $label }”, zero for every application
comparison-new-output-false = New output: “{ $label }”, “no” for every application
comparison-dropped-output-zero = Dropped output: “{ $label }”, which was zero for every application
comparison-dropped-output-false = Dropped output: “{ $label }”, which was “no” for every application
comparison-new-output = New output: “{ $label }”
comparison-dropped-output = Dropped output: “{ $label }”
comparison-label-changed = Label changed: “{ $old }” becomes “{ $new }” (`{ $name }`)
comparison-new-parameter = New parameter (not a changed value): `{ $name }` = { $value }
comparison-dropped-parameter = Dropped parameter: `{ $name }` (was { $value })
comparison-header-line = { $text }.

## Causes

comparison-causes-title = Causes of the changes
comparison-cause-parameter = changed value `{ $name }`: { $from } → { $to }
comparison-cause-rule-new = new rule `{ $name }`
comparison-cause-rule-dropped = dropped rule `{ $name }`
comparison-cause-rule-modified = modified rule `{ $name }`
comparison-cause-rule-same = rule `{ $name }`, unchanged
comparison-cause-value-inline = `{ $name }` ({ $from } → { $to })
comparison-cause-rule-parameters = { $rule }, which depends on { $parameters }
comparison-cause-output-new = new output “{ $label }”
comparison-cause-output-dropped = dropped output “{ $label }”
comparison-cause-output-modified = output “{ $label }” computed differently
comparison-cause-let-new = new derived value `{ $name }`
comparison-cause-let-dropped = dropped derived value `{ $name }`
comparison-cause-let-modified = modified derived value `{ $name }`
comparison-cause-def-new = new function `{ $name }`
comparison-cause-def-dropped = dropped function `{ $name }`
comparison-cause-def-modified = modified function `{ $name }`
comparison-cause-assumptions = no rule or value changed: how the application is read with the { $to } rules (dates moved, values assumed)
comparison-cause-no-decision = no decision for one of the two years
comparison-cause-count = { $cause } — { $count ->
        [one] { $count } application
       *[other] { $count } applications
    }
comparison-cause-parameter-short = `{ $name }`
comparison-cause-rule-short = rule `{ $name }`
comparison-cause-output-short = output “{ $label }”
comparison-cause-definition-short = `{ $name }`
comparison-cause-assumptions-short = reading assumptions
comparison-cause-no-decision-short = no decision

## An application that changes

comparison-status = status: { $from } → { $to }
comparison-status-eligible = eligible
comparison-status-ineligible = ineligible
comparison-status-incomplete = incomplete
comparison-value = { $label }: { $from } → { $to }
comparison-value-difference = { $label }: { $from } → { $to } ({ $difference })
comparison-item = { $label } ({ $list } no. { $number })
comparison-absent = —
comparison-yes = yes
comparison-no = no
comparison-rule-added = + rule `{ $rule }`{ $item }: { $message }
comparison-rule-gone = − rule `{ $rule }`{ $item } no longer applies: { $message }
comparison-rule-item = { " " }({ $list } no. { $number })
comparison-no-decision = no decision in { $year }: { $why }
comparison-application-causes = causes: { $causes }

## Assumptions

comparison-assumptions-title = Assumptions made to read the applications with the { $to } rules
comparison-dates-shifted = dates moved by { $years ->
        [one] { $years } year
       *[other] { $years } years
    } (as if each application were filed at the same point of the next year)
comparison-assumed = value assumed: { $field }
comparison-ignored = field ignored: { $field }

## The budget

comparison-budget = Budget
comparison-difference = difference
comparison-marker-new = (new)
comparison-marker-dropped = (dropped)

## Differences between two rulebooks (`diff --rules`)

comparison-rules-title = Differences between the { $from } and { $to } rules
comparison-rules-none = none
comparison-kind-param = Parameters
comparison-kind-field = Application fields
comparison-kind-rule = Rules
comparison-kind-output = Outputs
comparison-kind-let = Derived values
comparison-kind-def = Functions
comparison-rules-dropped = − { $name } (removed; was: { $old })
comparison-rules-added = + { $name } (new: { $new })

## The HTML page

html-comparison-rulebooks = Rulebooks compared
html-comparison-year = Year
html-comparison-file = File
html-comparison-version = Version
html-comparison-hash = SHA-256 fingerprint
html-comparison-summary = In short
html-comparison-budget = The budget of both years
html-comparison-output = Output
html-comparison-outputs = How each output changes
html-comparison-outputs-caption = Each output: the applications where it changes, and its total (an amount) or its number of “yes”
html-comparison-nature = Kind
html-comparison-changed = Applications where it changes
html-comparison-money = amount
html-comparison-bool = yes / no
html-comparison-other = text (not compared)
html-comparison-per-item = , per list item
html-comparison-evolution = Change
html-comparison-statuses = Applications whose status changes
html-comparison-application = Application
html-comparison-causes = Cause
html-comparison-no-status-change = No application changes status.
html-comparison-by-cause = Changes by cause
html-comparison-by-cause-intro = An application can have several causes: it is listed under each.
html-comparison-what-changes = What changes
html-comparison-nothing-changes = No application changes.
html-comparison-assumptions = Assumptions
html-comparison-no-assumptions = None: the applications are read as they are.
html-comparison-generated = Page written by clas-rules diff.
html-comparison-not-given = not given
html-comparison-budget-caption = Budget { $from } and { $to }: each amount summed over every application
html-comparison-status-caption = Applications whose status differs from one year to the other ({ $count })
comparison-chart-title = Budget { $from } and { $to }, by output
comparison-chart-row = { $label }: { $first } in { $from }, { $second } in { $to }
comparison-chart-description = { $rows }.
cli-diff-html-needs-applications = the HTML page compares decisions: give the applications to compare (`--format html` does not go with `--rules`)
html-comparison-count = Applications
html-comparison-applications = Which
html-comparison-details = Each application that changes
html-comparison-details-caption = Each application that changes: what changes, and why

## Comparing two Cafs for one year (`diff --year --caf-from --caf-to`)

comparison-cafs-side = Caf { $caf }
comparison-cafs-title = Comparison Caf { $from } → Caf { $to } in { $year } over { $count ->
        [one] { $count } application
       *[other] { $count } applications
    }
comparison-cafs-rules-differ = Differences between the rules of Caf { $from } and Caf { $to } in { $year }
comparison-cafs-parameters-title = Parameters that differ
comparison-cafs-rules-title = Rules that differ
comparison-cafs-none-parameters = none
comparison-cafs-none-rules = none
comparison-cafs-parameter-differs = ~ { $name }: { $from } → { $to }
comparison-cafs-parameter-only = { $sign } { $name }: Caf { $caf } only ({ $value })
comparison-cafs-rule-only = { $sign } { $name }: Caf { $caf } only
comparison-cafs-cause-rule-same = rule `{ $name }`, the same for both Cafs
comparison-cafs-rules-only = { $sign } { $name } (Caf { $caf } only: { $text })
comparison-cafs-rule-modified = ~ { $name }: written differently
comparison-cafs-output-only = Output of Caf { $caf } only: "{ $label }"
comparison-cafs-output-only-zero = Output of Caf { $caf } only: "{ $label }", zero for every application
comparison-cafs-output-only-false = Output of Caf { $caf } only: "{ $label }", "no" for every application
comparison-cafs-label-differs = Label differs: "{ $old }" for Caf { $from }, "{ $new }" for Caf { $to } (`{ $name }`)
comparison-cafs-cause-parameter = different value `{ $name }`: { $from } → { $to }
comparison-cafs-cause-rule-only = rule of Caf { $caf } only `{ $name }`
comparison-cafs-cause-rule-modified = rule written differently `{ $name }`
comparison-cafs-cause-output-only = output of Caf { $caf } only "{ $label }"
comparison-cafs-cause-output-modified = output "{ $label }" computed differently
comparison-cafs-cause-let-only = derived value of Caf { $caf } only `{ $name }`
comparison-cafs-cause-let-modified = derived value written differently `{ $name }`
comparison-cafs-cause-def-only = function of Caf { $caf } only `{ $name }`
comparison-cafs-cause-def-modified = function written differently `{ $name }`
comparison-cafs-cause-assumptions = no rule or value differs: how the application is read with the rules of Caf { $from } and Caf { $to } (values assumed, fields ignored)
comparison-cafs-cause-no-decision = no decision under one of the two Cafs
comparison-cafs-no-decision = no decision for Caf { $caf }: { $why }
comparison-cafs-marker-only = (Caf { $caf } only)
comparison-cafs-assumptions-title = Assumptions made to read the applications with each Caf's rules
comparison-cafs-caf-not-followed = the Caf an application names (`caf`) is not followed: each application is decided with the rules of Caf { $from }, then with those of Caf { $to } ({ $count ->
        [one] { $count } application names one
       *[other] { $count } applications name one
    })
comparison-cafs-chart-title = Budget of Caf { $from } and Caf { $to } in { $year }, by output
comparison-cafs-chart-row = { $label }: { $first } for Caf { $from }, { $second } for Caf { $to }
html-comparison-caf = Caf
html-comparison-cafs-differences = What differs between the two Cafs
html-comparison-cafs-budget = The budget under each Caf
html-comparison-cafs-budget-caption = Budget { $year } under the rules of Caf { $from } and Caf { $to }: the sum of each amount over every application
html-comparison-cafs-status-caption = The applications whose status changes from one Caf to the other ({ $count })

## Comparing two years for one Caf (`diff --caf`)

comparison-years-of-caf = Rules of Caf { $caf }
comparison-years-other-caf = { $count ->
        [one] { $count } application names Caf { $caf }: it is read
       *[other] { $count } applications name Caf { $caf }: they are read
    } with the rules of Caf { $compared }, the ones compared
