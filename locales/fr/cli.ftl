# La ligne de commande : ses propres erreurs et ses bilans.

cli-rulebook-has-errors = le fichier de règles `{ $name }` contient des erreurs
cli-batch-no-rulebook = aucun fichier de règles sans erreur pour décider
cli-batch-format = une campagne s'écrit en `--format json` (JSON Lines) ou en `--format csv`
cli-cannot-read = impossible de lire `{ $path }` : { $why }
cli-cannot-read-stdin = impossible de lire l'entrée standard : { $why }
cli-cannot-read-folder = impossible de lire le dossier `{ $path }`
cli-file-problem = `{ $path }` : { $why }
cli-check-summary = { $rulebooks ->
        [one] { $rulebooks } fichier de règles vérifié
       *[other] { $rulebooks } fichiers de règles vérifiés
    } : { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
cli-eval-csv-needs-batch = `--format csv` est réservé à `--batch` ; une décision s'écrit en `human` ou en `json`
cli-eval-no-application = indiquez une demande (un fichier JSON, ou `-` pour l'entrée standard)
cli-eval-rulebook-has-errors = le fichier de règles `{ $name }` contient des erreurs ; aucune décision n'a été prise
cli-eval-wrong-year = la demande porte sur l'année scolaire `{ $year }`, mais le fichier de règles `{ $name }` porte sur `{ $rulebook_year }`
cli-eval-wrong-caf = la demande est adressée à la Caf { $caf }, mais le fichier de règles `{ $name }` est celui de la Caf { $rulebook_caf }
cli-eval-invalid-application = la demande comporte { $count ->
        [one] { $count } problème
       *[other] { $count } problèmes
    } ; aucune décision n'a été prise
cli-eval-cannot-decide = la décision n'a pas pu être calculée : { $why }
cli-eval-no-year = la demande n'a pas d'`annee_scolaire` (un texte) : aucun fichier de règles ne peut être choisi ; indiquez-en un avec `--rules`
cli-fmt-summary = { $rulebooks ->
        [one] { $rulebooks } fichier de règles
       *[other] { $rulebooks } fichiers de règles
    } : { $changed } remis en forme, { $failed } non mis en forme
cli-fmt-check-summary = { $rulebooks ->
        [one] { $rulebooks } fichier de règles
       *[other] { $rulebooks } fichiers de règles
    } : { $changed } à remettre en forme, { $failed } non mis en forme
cli-fmt-failed = `{ $path }` : { $why }
cli-lsp-stopped = le serveur de langage s'est arrêté : { $why }
cli-unknown-language = clas-rules parle `fr` et `en`, pas `{ $tag }` : les messages seront en français
cli-missing-command = indiquez une commande : `check`, `eval`, `diff`, `test`, `years`, `fmt`, `explain`…
cli-unknown-argument = option inconnue `{ $argument }`
cli-unknown-command = commande inconnue `{ $command }`
cli-invalid-value = `{ $value }` n'est pas une valeur possible de `{ $argument }`
cli-invalid-value-among = `{ $value }` n'est pas une valeur possible de `{ $argument }` : les valeurs sont { $valid }
cli-missing-argument = il manque : { $argument }
cli-argument-conflict = `{ $argument }` ne va pas avec `{ $other }`
cli-bad-arguments = la ligne de commande n'est pas comprise ({ $detail })
cli-see-help = voir `clas-rules --help`

## clas-rules explain
explain-unknown-code = `{ $code }` n'est pas un code de clas-rules
explain-list-hint = `clas-rules explain` seul donne la liste de tous les codes
explain-not-written = l'explication de `{ $code }` n'est pas encore écrite

## Remplacer un fichier en entier ou pas du tout.
write-failed = impossible d'écrire `{ $path }` : { $why } (en { $doing }) ; le fichier n'a pas changé
write-failed-direct = impossible d'écrire `{ $path }` : { $why } (en { $doing })
write-failed-left-behind = impossible d'écrire `{ $path }` : { $why } (en { $doing }) ; le fichier n'a pas changé ; supprimez le fichier temporaire `{ $temporary }`
write-step-follow-link = suivant le lien
write-step-inspect = lisant ses droits d'accès
write-step-create = créant un fichier temporaire à côté
write-step-write = écrivant le nouveau texte
write-step-sync = enregistrant le nouveau texte sur le disque
write-step-permissions = donnant au nouveau texte les droits du fichier
write-step-rename = mettant le nouveau texte à sa place
write-step-direct = y écrivant
cli-cannot-write-json = impossible d'écrire la décision en JSON : { $why }

## diff et test
cli-diff-no-applications = indiquez les demandes à comparer (des fichiers ou des dossiers), ou `--rules` pour comparer les fichiers de règles
cli-cannot-read-it = illisible : { $why }
cli-test-no-rules-dir = pas de dossier de règles ici ; indiquez le dossier des cas de test
cli-test-no-case = aucun cas de test dans `{ $path }` (un cas de test est un fichier JSON qui contient une `demande`)

## clas-rules years : la grille des couches et des années
years-title = Règles par couche et par année scolaire
years-layer = Couche
years-layer-name = { $layer }
years-unnamed-layer = (couche unique)
years-year = { $year }
years-file = `{ $file }`
years-cell-absent = —
years-cell-valid = valide
years-cell-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    }
years-cell-extends = { $state }, étend { $year }
years-cell-overlap = { $count } fichiers
years-cell-without-base = sans fichier { $base }
years-cell-unloadable = ne se charge pas
years-legend = « — » : pas de fichier pour cette année ; « valide » : le fichier se vérifie sans erreur.
years-legend-layers =
    « — » : pas de fichier pour cette année.
    Une case de Caf dit si les règles de la Caf pour l'année (le cadre national et la part de la Caf) se vérifient.
years-continuous = Les années de chaque couche se suivent sans chevauchement ni trou :
years-continuous-layer = { $layer } : { $years }
years-layers-consistent = Chaque année de Caf a son fichier national, et chaque année nationale au moins une Caf.
years-problems = { $count ->
        [one] Problème :
       *[other] Problèmes :
    }
years-problem-no-rulebook = aucun fichier de règles (`.clas`) dans ce dossier
years-problem-no-year = { $file } ne déclare pas d'année scolaire (`year` dans l'en-tête)
years-problem-overlap = { $layer } : chevauchement, { $count } fichiers pour la même année { $year } : { $files }
years-problem-errors = { $layer } { $year } : { $count ->
        [one] { $count } erreur (`clas-rules check { $file }` la montre)
       *[other] { $count } erreurs (`clas-rules check { $file }` les montre)
    }
years-problem-unloadable = { $layer } { $year } : { $why }
years-problem-gap = { $layer } : trou, aucun fichier pour { $missing } (entre { $after } et { $before })
years-problem-caf-without-base = { $layer } : pas de fichier `{ $base }` pour { $year } : les règles de la Caf { $caf } pour { $year } ne peuvent pas être chargées
years-problem-without-base = { $layer } : pas de fichier `{ $base }` pour { $year } : les règles de cette couche pour { $year } ne peuvent pas être chargées
years-problem-without-top = { $layer } : aucune Caf n'a de fichier pour { $year } : aucune demande de cette année ne peut être décidée
## clas-rules test : les lignes des cas, la couverture et le bilan.
## L'extension VS Code lit ces lignes (editors/vscode/src/core/testOutput.ts) :
## le nom d'un cas commence à la 8e colonne, après `ok     ` ou `ÉCHEC  `.
cli-test-case-passed = ok     { $name }
cli-test-case-passed-described = ok     { $name } — { $description }
cli-test-case-failed = ÉCHEC  { $name }
cli-test-case-updated = MIS À JOUR  { $name }
cli-test-no-expectation = aucun `attendu` : lancez `clas-rules test --update` puis relisez-le
cli-test-no-year = la demande n'a pas d'`annee_scolaire`
cli-test-rulebook-has-errors = les règles `{ $name }` ont des erreurs
cli-test-coverage-title = Couverture : règles qu'aucun cas ne déclenche
cli-test-summary = { $passed } réussi(s), { $failed } échoué(s){ $updated ->
        [0] { "" }
       *[other] , { $updated } mis à jour
    }
## Ce qui ne va pas dans un fichier de cas de test (src/cases.rs).
test-case-malformed-json = JSON mal formé, ligne { $line }, colonne { $column } : { $why }
test-case-no-application = pas de `demande` dans ce fichier
test-case-expected-not-object = `attendu` doit être un objet : { "{" } "statut": …, "resultats": { "{" } … { "}" }, "regles": [ … ] { "}" }
test-case-status-not-text = `statut` s'écrit entre guillemets
test-case-results-not-object = `resultats` doit être un objet : { "{" } "ps": "2563.00" { "}" }
test-case-rules-not-a-list = `regles` doit être une liste : ["depot_dans_la_periode"]
test-case-rules-not-names = `regles` est une liste de noms de règles entre guillemets
test-case-expected-unknown-key = `attendu` ne connaît pas `{ $key }` : seulement `statut`, `resultats` et `regles`
## Les écarts entre le cas et la décision obtenue.
test-case-status-differs = statut : attendu « { $expected } », obtenu « { $obtained } »
test-case-result-differs = { $name } : attendu { $expected }, obtenu { $obtained }
test-case-result-unknown = { $name } : ce résultat n'existe pas dans les règles
test-case-rule-not-applied = règle attendue mais non appliquée : { $rule }
test-case-rule-not-expected = règle appliquée mais non attendue : { $rule }
## La couverture, règle par règle.
cli-test-coverage-of-caf = Caf { $caf }, { $year }
cli-test-coverage-of-year = { $year }
cli-test-coverage-all = { $rulebook } : aucune, chaque règle est exercée ({ $count ->
        [one] { $count } règle
       *[other] { $count } règles
    })
cli-test-coverage-some = { $rulebook } : { $never } sur { $count } — { $rules }
