# Words and phrasings shared by every message of clas-rules.
# Variables in braces ({ $name }) are filled in by the program: keep them all.

severity-error = error
severity-warning = warning
# The first line of a diagnostic: "error[E0203]: unknown name `taux_pss`".
diagnostic-header = { $kind }: { $message }
diagnostic-hint = hint: { $hint }
diagnostic-excerpt = line { $line } has { $characters } characters: only an excerpt is shown
# Lists: "a, b or c", "a, b and c".
list-or = { $first } or { $last }
list-and = { $first } and { $last }
label-here = here
did-you-mean = did you mean `{ $name }`?
did-you-mean-accents = `{ $written }` and `{ $name }` differ only by their accents: write `{ $name }`, exactly as it is declared
# Problems told one after the other: "a; b; c".
list-then = { $first }; { $next }
