# L'aide de la ligne de commande (`clas-rules --help`, `clas-rules eval --help`…).

help-usage = Utilisation :
help-heading-commands = Commandes :
help-heading-arguments = Arguments :
help-heading-options = Options :

help-about = Les règles du CLAS (contrat local d'accompagnement à la scolarité), versionnées et typées, et l'interprète qui les applique aux demandes de financement
help-check = Vérifie des fichiers de règles et signale chaque erreur et chaque avertissement ; code de sortie 1 s'il y a une erreur
help-eval = Décide une demande (code de sortie 2 si la demande n'est pas valable), ou toutes celles d'un fichier avec `--batch`
help-diff = Compare deux années d'une Caf, ou deux Caf pour une année (`--caf-from`, `--caf-to`) : les décisions sur les mêmes demandes, ou les règles elles-mêmes (`--rules`)
help-test = Lance les cas de test rangés à côté des règles, et liste les règles qu'aucun cas ne déclenche
help-lsp = Sert le protocole Language Server sur l'entrée et la sortie standard (pour les éditeurs)
help-gen = Écrit des demandes fictives pour une année (JSON Lines ou CSV), pour les essais et les mesures de vitesse
help-schema = Affiche le schéma JSON d'une demande pour une année
help-years = Affiche la grille des couches et des années scolaires : ce que chaque fichier prolonge, et si les années de chaque couche se suivent
help-fmt = Réécrit des fichiers de règles dans la mise en page canonique (`--check` liste seulement ceux qui changeraient)
help-explain = Explique un code de diagnostic (`clas-rules explain E0203`) : ce qu'il veut dire, un exemple fautif, sa correction
help-doc = Écrit les règles en un site statique pour les relecteurs (`--out DOSSIER`) : les années, leurs paramètres, règles, résultats et changements
help-help = Affiche cette aide, ou celle de la commande donnée
help-help-command = La commande dont afficher l'aide

help-arg-help = Affiche l'aide
help-arg-version = Affiche la version
help-arg-lang = La langue des messages : `fr` (par défaut) ou `en` (aussi par la variable `CLAS_LANG`)
help-arg-rules-dir = Le dossier des fichiers de règles (par défaut : `CLAS_RULES_DIR`, sinon `./rules`, sinon le dossier des règles où l'on se trouve, sinon la copie intégrée au programme)
help-arg-files = Fichiers de règles, ou dossiers de fichiers de règles

help-eval-application = La demande, un fichier JSON ; `-` lit l'entrée standard
help-eval-batch = Décide chaque demande d'un fichier : JSON Lines (une demande par ligne) ou CSV (`.csv` : une ligne d'en-tête, des noms de colonnes pointés) ; `-` lit l'entrée standard
help-eval-input-format = Avec `--batch` : le format des demandes quand l'extension du fichier ne le dit pas : `jsonl` (un objet JSON par ligne), `csv` (séparé par des virgules, avec une ligne d'en-tête) ou `csv-semicolon` (séparé par des points-virgules, comme l'écrivent les tableurs en français)
help-eval-summary = Avec `--batch` : écrit aussi le bilan de la campagne, en JSON, dans ce fichier
help-eval-report = Avec `--batch` : écrit aussi le rapport de la campagne, une page HTML, dans ce fichier
help-eval-rules = Le fichier de règles à appliquer (par défaut : celui de l'année scolaire de la demande, `annee_scolaire`)
help-eval-caf = La Caf dont les règles décident, par son numéro de département (`63`), pour une demande qui ne nomme pas la sienne (`caf`) ; par défaut, la Caf par défaut du dossier des règles, sinon sa seule Caf
help-eval-format = La présentation de la décision : `human`, un texte en français pour le personnel (par défaut pour une demande) ; `json`, le contrat JSON (JSON Lines, par défaut avec `--batch`) ; `csv`, un CSV pour les scripts (avec `--batch`) ; `csv-semicolon`, le même pour un tableur en français : points-virgules, virgules décimales, VRAI et FAUX (avec `--batch`) ; `html`, une page imprimable (pour une demande)
help-eval-explain = Montre aussi comment chaque montant est calculé et pourquoi chaque règle s'applique : en phrases (`--explain` ou `--explain=phrases`), ou par les expressions des règles avec leurs valeurs (`--explain=formules`)

help-diff-from = L'année scolaire de départ (ses règles)
help-diff-to = L'année scolaire d'arrivée
help-diff-caf = La Caf dont on compare les règles des deux années (par défaut : la Caf par défaut du dossier, comme pour `eval`)
help-diff-year = L'année scolaire d'une comparaison de deux Caf (avec `--caf-from` et `--caf-to`)
help-diff-caf-from = La Caf de départ (`63`), avec `--year`
help-diff-caf-to = La Caf d'arrivée (`15`), avec `--year`
help-diff-rules = Compare les règles elles-mêmes plutôt que les décisions
help-diff-keep-dates = Garde les dates des demandes telles quelles. Par défaut, elles sont décalées d'autant d'années qu'il y en a entre les deux règles, pour lire une demande d'une année comme si elle avait été déposée au même moment de l'autre
help-diff-applications = Les demandes : des fichiers JSON, ou des dossiers où les chercher (les cas de test sont lus aussi : leur `demande`)
help-diff-format = La présentation : `human`, un texte pour le personnel (par défaut) ; `json`, pour les scripts ; `html`, une page imprimable pour un comité (pas avec `--rules`)
help-diff-out = Écrit dans ce fichier (remplacé en entier) plutôt que sur la sortie standard

help-test-dir = Le dossier où chercher les cas de test (des fichiers JSON avec une `demande`) ; par défaut, le dossier des règles
help-test-update = Réécrit l'`attendu` de chaque cas avec la décision obtenue (relisez le changement avant de le garder)

help-lsp-stdio = Dialogue sur l'entrée et la sortie standard (le seul moyen, et celui par défaut)

help-gen-count = Le nombre de demandes (1000 par défaut)
help-gen-seed = La graine : la même graine donne les mêmes demandes (1 par défaut)
help-gen-year = L'année scolaire dont suivre le schéma (par défaut : la dernière)
help-gen-format = `json`, des JSON Lines (par défaut), `csv`, ou `csv-semicolon` (séparé par des points-virgules)
help-gen-style = La façon d'écrire le JSON : comme les exemples du contrat (`contrat`, par défaut), comme l'écrivent d'autres outils (`autre-outil` : clés par ordre alphabétique, espaces, montants en nombres, lettres accentuées en `\u00e9`), ou de même avec les clés de chaque objet mélangées (`melange`)
help-gen-caf = La Caf dont suivre le schéma, par son numéro de département (par défaut : la Caf par défaut du dossier) ; son numéro est écrit dans le membre `caf` de chaque demande

help-schema-year = L'année scolaire (par défaut : la dernière)
help-schema-caf = La Caf, par son numéro de département (par défaut : la Caf par défaut du dossier)

help-years-format = La présentation : `human`, un texte en français pour le personnel (par défaut), ou `json`

help-fmt-check = Ne réécrit rien : liste les fichiers de règles qui changeraient, et sort avec le code 1 s'il y en a

help-explain-code = Le code, tel qu'il est affiché à côté d'une erreur ou d'un avertissement (`E0203`) ; sans code, la liste de tous

help-doc-rules = Le dossier des fichiers de règles (par défaut : comme pour `--rules-dir`)
help-doc-out = Le dossier où écrire le site (créé s'il n'existe pas)
help-doc-caf = La Caf dont le site montre les règles (cadre national compris), par son numéro de département ; par défaut, la Caf par défaut du dossier, sinon sa seule Caf

help-value-file = FICHIER
help-value-dir = DOSSIER
help-value-rules-dir = DOSSIER_DES_RÈGLES
help-value-application = DEMANDE
help-value-applications = DEMANDES
help-value-caf = CAF
help-value-year = ANNÉE
help-value-lang = LANGUE
help-value-form = FORME
help-value-code = CODE
help-value-count = NOMBRE
help-value-seed = GRAINE
help-value-format = FORMAT
help-value-style = STYLE
help-value-command = COMMANDE
