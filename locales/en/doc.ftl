# The rulebook documentation site (`clas-rules doc`), for people who review
# the rules without reading code.

## The command.
doc-no-year = no rulebook of this folder declares a school year: there is nothing to document
doc-render-failed = the documentation could not be made: { $detail }
doc-cannot-create = cannot create the folder `{ $dir }`: { $problem }
doc-written = { $pages ->
    [one] { $pages } page written
   *[other] { $pages } pages written
  }; open { $index } in a browser

## The pages.
doc-site-name = Rulebook documentation
doc-index-intro = Each school year has its page: its parameters and their value from one year to the next, its rules, the outputs of the decision, the fields of an application, and what it changes from the year it extends.
doc-years = Years
doc-years-caption = The rules of each school year
doc-year = Year
doc-year-heading = Rules { $year }
doc-title = Title
doc-source = Source
doc-version = Version
doc-extends = Extends
doc-extends-nothing = no other year
doc-not-in-folder = not in this folder
doc-file = File
doc-sha256 = SHA-256 digest
doc-rulebook = This year's rules
doc-generated = Made by clas-rules from the rulebook files.
doc-all-years = All years
doc-nav-years = Other years
doc-nav-contents = Contents
doc-changes = What this year changes
doc-changes-from = Compared with the rules of
doc-changes-none = Nothing changes.
doc-changes-caption = Declarations changed, added or dropped
doc-change = Change
doc-change-changed = changed
doc-change-added = added
doc-change-dropped = dropped
doc-declaration = Declaration
doc-before = Before
doc-after = After
doc-kind-param = parameter
doc-kind-let = derived value
doc-kind-output = output
doc-kind-def = function
doc-kind-rule = rule
doc-kind-field = field
doc-params = Parameters
doc-params-caption = The figures and dates of the note, year by year
doc-param = Parameter
doc-rules = Rules
doc-outputs = Outputs of the decision
doc-lets = Derived values
doc-defs = Functions
doc-fields = The fields of an application
doc-application = The application “{ $name }”
doc-record = Record “{ $name }”
doc-field = Field
doc-default = Value assumed for an application of an earlier year
doc-enums = Lists of values
doc-severity = Effect
doc-scope = Scope
doc-rule-per-item = for each item of { $list }
doc-output-per-item = for each item of the list “{ $list }”
doc-condition = Fires
doc-message = Message
doc-type = Type
doc-value = Value
doc-computed = Computation
doc-uses = Uses
doc-used-by = Used by
doc-the-application = the application
doc-formula = Formula, as written
