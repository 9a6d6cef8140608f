# The language server: what the editor shows besides the diagnostics.

lsp-inherited-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    } in what this rulebook inherits, first in `{ $file }`: { $first }
lsp-action-replace = Replace with `{ $name }`
lsp-action-add-source = Add the section of the note it comes from (`source "§…"`)
lsp-action-outdent = Start the declaration at the beginning of the line
lsp-action-override = Override `{ $name }` for this year ({ $value } until now)
