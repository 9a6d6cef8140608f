# The campaign report (`eval --batch FILE --report report.html`): one page
# for the committee and managers, who read neither a terminal nor a rules
# file.

## The words of the page

campaign-title = CLAS campaign report
campaign-statuses = Decisions
campaign-status = Decision
campaign-applications = Applications
campaign-share = Share
campaign-status-eligible = eligible
campaign-status-ineligible = not eligible
campaign-status-incomplete = incomplete
campaign-status-error = in error (not decided)
campaign-records = records read
campaign-budget = Budget
campaign-budget-output = Amount
campaign-budget-amount = Total
campaign-by-niveau = By level
campaign-niveau = Level
campaign-by-carrier = By carrier
campaign-carrier = Carrier
campaign-no-carrier = The applications of these rules name no carrier: no budget by carrier.
campaign-amounts = Amounts per group
campaign-bucket = Range
campaign-count = Count
campaign-refusals = Refusals, exclusions and incomplete applications
campaign-notices = Warnings and information
campaign-rank = Rank
campaign-message = Message
campaign-section = Section
campaign-items = Times (one per item)
campaign-none-fired = No rule of this kind applied.
campaign-severity-refuse = refusal
campaign-severity-exclusion = exclusion
campaign-severity-incomplete = incomplete
campaign-severity-warn = warning
campaign-severity-info = information
campaign-yes-no = Yes or no
campaign-question = Question
campaign-yes = Yes
campaign-no = No
campaign-no-yes-no = These rules give no yes-or-no answer.
campaign-errors = Records in error
campaign-no-errors = No record in error: every application was decided.
campaign-error-codes = Errors by code
campaign-code = Code
campaign-error-list = The records in error
campaign-line = Line
campaign-field = Field
campaign-whole-record = (the whole record)
campaign-rulebooks = The rules that decided
campaign-rulebook-title = Title
campaign-rulebook-files = Files (and the fingerprint of each)
campaign-caf = Caf
campaign-nav = Contents
campaign-whole = The whole campaign
campaign-comparison = The Cafs compared
campaign-comparison-decisions = Each Caf's decisions
campaign-caf-and-year = Caf and year
campaign-comparison-cafs = Each Caf's amounts
campaign-comparison-years = Each Caf's applications decided and amounts, by school year
campaign-records-read = Records read
campaign-amounts-by-caf = The distribution of the amounts depends on each Caf's rulebooks: it is given in each Caf's part, below.
campaign-caf-unknown = Unknown Caf
campaign-comparison-applications-title = Applications decided by Caf and year
campaign-rulebook-year = Year
campaign-rulebook-version = Version
campaign-rulebook-hash = SHA-256 fingerprint
campaign-rulebook-decided = Applications decided
campaign-no-version = (no version)
campaign-footer = Page made by clas-rules from the applications file and the rules above: the same files give the same page.
campaign-overflow = Warning: a total goes beyond what exact arithmetic holds; the totals of this page are wrong.

## The sentences with figures

campaign-intro = File read: { $file } — { $records } { $count ->
        [one] record
       *[other] records
    }.
campaign-statuses-title = Decisions of the campaign
campaign-statuses-description = { $list }.
campaign-status-part = { $label }: { $count }
campaign-budget-title = Budget of the campaign by amount
campaign-budget-description = { $list }.
campaign-budget-part = { $label }: { $amount }
campaign-budget-intro = Amounts granted to the eligible applications, in the rules' order.
campaign-carriers-top = The { $shown } carriers with the largest amounts ({ $last }) are listed one by one; the { $others } others are added up on the last line.
campaign-carriers-all = { $count ->
        [one] The carrier is listed
       *[other] The { $shown } carriers are listed, the largest amounts ({ $last }) first.
    }
campaign-carriers-untracked = Beyond { $tracked } different carriers, the applications of the carriers met afterwards ({ $applications }) are counted together on the last line: the ranking does not take these carriers into account.
campaign-other-carriers = other carriers ({ $count })
campaign-histogram-heading = { $output } ({ $list }, rules { $year })
campaign-histogram-title = Distribution of the amounts “{ $output }” per { $list } (rules { $year })
campaign-histogram-empty-ranges = The ranges without any amount are not listed in the table.
campaign-histogram-description = { $counted } amounts, from { $lowest } to { $highest }, in { $bars } ranges of { $width }{ $ceiling }.
campaign-histogram-ceiling-said = ; the ceiling, { $amount }, is marked by a line
campaign-histogram-counted = Amounts counted: { $counted }, those of the items kept in eligible applications, from { $lowest } to { $highest }.
campaign-histogram-excluded = Items excluded by a rule, counted apart (no amount): { $excluded }.
campaign-histogram-outside = Items of applications not eligible or incomplete, not counted: { $outside }.
campaign-histogram-ceiling = The ceiling the rules declare, { $label } (`{ $name }`), is { $amount }: it is marked on the chart by a red line.
campaign-histogram-ceiling-unlabelled = The ceiling the rules declare, `{ $name }`, is { $amount }: it is marked on the chart by a red line.
campaign-histogram-no-ceiling = The rules declare no ceiling for this amount: none is marked.
campaign-histogram-empty = No amount counted: no item kept in an eligible application.
campaign-bucket-range = from { $low } to less than { $high }
campaign-bucket-last = from { $low } to { $high }
campaign-ceiling-legend = ceiling: { $amount }
campaign-refusals-intro = The rules that refused an application, excluded an item or made an application incomplete, the most frequent first. An application may have several.
campaign-notices-intro = The rules that warn or inform, without changing the decision, the most frequent first.
campaign-yes-no-intro = Among the { $eligible } eligible applications (an application not eligible or incomplete always answers no). The reasons for a no are the warnings above.
campaign-errors-intro = { $count ->
        [one] One record was not decided.
       *[other] { $shown } records were not decided.
    }
campaign-errors-more = …and { $more } more records in error, not listed here (the page lists at most { $limit }): the decisions the campaign wrote give them all.
campaign-rulebooks-intro = { $count ->
        [one] One rules file decided the applications of this campaign.
       *[other] { $count } rules files decided the applications of this campaign, each those of its school year.
    }

campaign-caf-name = Caf { $caf }
campaign-caf-year = { $caf }, { $year }
campaign-comparison-amounts-title = { $output } by Caf and year
campaign-chart-of = { $title } — { $scope }
campaign-caf-intro = The applications of { $caf }: { $records } { $count ->
        [one] record
       *[other] records
    }, decided by its rulebooks.
campaign-caf-unknown-intro = { $count ->
        [one] One record names a Caf the rules folder has no rulebook for, or names none and there is no default Caf: it is in error.
       *[other] { $count } records name a Caf the rules folder has no rulebook for, or name none and there is no default Caf: they are in error.
    }
campaign-comparison-intro = { $count ->
        [one] One Caf.
       *[other] The campaign's applications come under { $count } Cafs (by each application's "caf" field, else the default Caf). Each is decided by the rulebook of its Caf and year; the whole, at the top of the page, adds them up.
    }
campaign-rulebooks-intro-cafs = { $count ->
        [one] One rulebook decided these applications: the national framework and the Caf's layer, each file with its fingerprint.
       *[other] { $count } rulebooks decided these applications, each those of its Caf and school year: the national framework and the Caf's layer, each file with its fingerprint.
    }

## The command line

cli-report-cannot-render = the campaign report could not be made: { $why }
cli-report-needs-batch = `--report` reports on a campaign: it needs `--batch FILE`
