# Les campagnes (`eval --batch`) : les enregistrements en erreur, les erreurs
# qui arrêtent une campagne, le résumé et la barre de progression.

## Le choix des règles d'une demande

batch-other-year = la demande est pour `{ $year }` mais les règles sont pour `{ $rulebook_year }`
batch-year-missing = absent : aucun fichier de règles ne peut être choisi
batch-no-rulebook-for-year = aucun fichier de règles pour `{ $year }` ; les années disponibles sont { $years }
batch-not-ready = erreur interne : des règles qui n'ont pas été préparées

## Les lignes illisibles

batch-malformed-json = JSON mal formé colonne { $column } : { $why }
batch-unreadable-record = ligne CSV illisible

## Ce qui arrête une campagne

batch-header-year = { $year } : { $why }
batch-or-else = { $first } / { $next }
batch-header-fits-no-year = l'en-tête du CSV ne correspond aux règles d'aucune année : { $why }
batch-header-not-for-year = l'en-tête du CSV ne correspond pas aux règles de { $year } : { $why }
batch-csv-empty = le fichier CSV est vide
batch-csv-header = l'en-tête du CSV (ligne 1) : { $why }
batch-io = erreur de lecture ou d'écriture : { $why }

## Le résumé

batch-summary-read = Demandes lues : { $count }
batch-summary-eligible = éligibles : { $count }
batch-summary-ineligible = non éligibles : { $count }
batch-summary-incomplete = incomplètes : { $count }
batch-summary-errors = en erreur (non décidées) : { $count }
batch-summary-precise = lues par le lecteur détaillé (hors voie rapide) : { $count }
batch-summary-windows-1252 = lignes lues en Windows-1252, l'encodage des tableurs sous Windows (et non en UTF-8) : { $count }
batch-summary-amounts = Montants accordés
batch-summary-overflow = attention : un total dépasse la capacité du calcul exact, les totaux sont faux
batch-summary-total = { $name } : { $amount }
batch-summary-by-niveau = Par niveau
batch-summary-niveau = { $niveau } : { $count ->
        [one] { $count } demande
       *[other] { $count } demandes
    } ; { $amounts }
batch-summary-niveau-amount = { $name } { $amount }
batch-summary-caf = Caf { $caf }
batch-summary-caf-unknown = Caf inconnue

## La barre de progression

batch-progress = { $count ->
        [one] { $count } demande
       *[other] { $count } demandes
    } ({ $percent } %), { $rate } par seconde{ $left }
batch-progress-left = , encore { $seconds } s
batch-other-caf = la demande est adressée à la Caf { $caf } mais les règles sont celles de la Caf { $rulebook_caf }
batch-unknown-caf-none = la Caf « { $caf } » est inconnue : le dossier des règles n'a de couche pour aucune Caf
batch-unknown-caf = la Caf « { $caf } » est inconnue ; les Caf connues sont { $cafs }
batch-which-caf = absent : le dossier des règles a plusieurs Caf ({ $cafs }) et aucune par défaut
batch-no-rulebook-for-caf-year = la Caf { $caf } n'a pas de fichier de règles pour `{ $year }` ; ses années sont { $years }
batch-header-caf-year = Caf { $caf }, { $year } : { $why }
