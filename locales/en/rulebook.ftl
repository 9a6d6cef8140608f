# Loading rulebooks: files, years, `extends`, and merging a rulebook into
# the one it extends (`override`, `drop`, `extend`); and the formatter.

## Why a file could not be read.
io-not-found = the file does not exist
io-permission-denied = permission denied
io-is-a-directory = this is a folder, not a file
io-file-too-large = the file would be larger than this system allows
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-other = { $detail }
io-not-utf8 = not UTF-8 text (invalid byte at line { $line }, column { $column }, offset { $offset })

load-cannot-read = cannot read `{ $path }`: { $why }
load-no-rulebook-at-all = no rulebook for the school year `{ $year }`, and no rulebook at all in the rules directory
load-no-rulebook-for-year = no rulebook for the school year `{ $year }`; the years available are { $years }
load-two-for-year = two rulebooks declare the school year `{ $year }`: `{ $first }` and `{ $second }`
load-extends = `{ $file }` extends `{ $target }`: { $why }
load-cycle = these rulebooks extend each other in a circle: { $chain }
load-extends-itself = a rulebook cannot extend itself
load-extends-no-year = no rulebook declares that year
load-extends-no-year-among = no rulebook declares that year; the years available are { $years }
load-extends-outside = `extends` can only name a rulebook inside the rules directory
load-extends-no-such-file = no such rulebook in the rules directory
load-extends-too-long = more than { $limit } rulebooks extend one another

## A new year on top of the previous one.
extend-already-declared = `{ $name }` is already declared in `{ $parent }`
extend-declared-again-here = declared again here
extend-inherited-declaration = the { $kind } of `{ $parent }`
extend-missing-override-hint = to change it, write `override { $kind } { $name } …`
extend-override-new-hint = `{ $name }` is new this year: declare it without `override`
extend-nothing-to-override = nothing to override: `{ $name }` is not declared in `{ $parent }`
extend-not-inherited = not inherited
extend-other-kind = `{ $name }` is a `{ $old }` in `{ $parent }`, not a `{ $new }`
extend-other-kind-label = another kind of declaration
extend-write-override = write `override { $kind } { $name } …`
extend-changes-type = the override changes the type of `{ $name }` from `{ $old }` to `{ $new }`
extend-changes-type-label = another type
extend-changes-type-hint = an override keeps the type of `{ $parent }`; declare a new name for a new type
extend-same-value = the override keeps the value `{ $value }` of `{ $parent }`
extend-same-value-label = same value
extend-same-value-hint = remove the override: the value is inherited
extend-no-record = no record `{ $name }` in `{ $parent }`
extend-no-field = `{ $record }` has no field `{ $field }` in `{ $parent }`
extend-nothing-to-drop = nothing to drop: no `{ $kind }` named `{ $name }` in `{ $parent }`
extend-nothing-to-extend = nothing to extend: no such type `{ $name }` in `{ $parent }`
extend-already-in = `{ $name }` is already in `{ $target }`
extend-inherited-from = inherited from `{ $parent }`

## The formatter.
format-syntax-errors = not formatted: the rulebook has { $count ->
        [one] a syntax error
       *[other] { $count } syntax errors
    }
format-meaning-changed = not formatted: the new layout would change { $what } (a bug of the formatter; the file is left alone)
format-what-stopped = nothing: the formatter stopped unexpectedly
format-what-syntax = the syntax
format-what-count = the number of declarations
format-what-order = the order of the declarations
format-what-line = line { $line }
layer-changed-under-override = the national value of `{ $name }` changed: `{ $old }` in { $year_before }, `{ $new }` in { $year_now }, and this `override` still replaces it
layer-changed-under-override-label = replaces `{ $value }`
layer-changed-under-override-hint = check that the Caf's value is still meant; if it should follow the national value, remove the `override`
load-caf-no-year = Caf { $caf } has no rulebook for the school year `{ $year }`; its years are { $years }
load-layer-no-year = the layer `{ $layer }` has no rulebook for the school year `{ $year }`; its years are { $years }
load-over = `{ $file }` is written over the layer `{ $layer }`: { $why }
load-over-cycle = layers are written over each other in a circle
load-over-no-layer = no rulebook of the folder `{ $dir }` belongs to this layer; if it is in another folder, name the rules folder with `--rules-dir`
load-over-no-year = this layer has no rulebook for the school year `{ $year }`; its years are { $years }
load-unknown-caf-none = the Caf "{ $caf }" is unknown: the rules folder has a layer for no Caf
load-unknown-caf = the Caf "{ $caf }" is unknown; the rules folder knows the Cafs { $cafs }
load-which-caf = the rules folder has several Cafs ({ $cafs }) and no default: name it in the application (field `caf`) or with `--caf`
load-settings = cannot read the settings `{ $file }`: { $why }
load-settings-problem = line { $line }, column { $column }: this file expects lines like `caf_par_defaut = "63"` (and comments after `#`)
