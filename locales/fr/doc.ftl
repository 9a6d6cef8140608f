# Le site de documentation des règles (`clas-rules doc`), pour les personnes
# qui relisent les règles sans lire le code.
# Les variables entre accolades ({ $nom }) sont remplies par le programme :
# ne les traduisez pas, gardez-les toutes.

## La commande.
doc-no-year = aucun fichier de règles de ce dossier ne déclare d'année scolaire : il n'y a rien à documenter
doc-render-failed = la documentation n'a pas pu être produite : { $detail }
doc-cannot-create = impossible de créer le dossier `{ $dir }` : { $problem }
doc-written = { $pages ->
    [one] { $pages } page écrite
   *[other] { $pages } pages écrites
  } ; ouvrez { $index } dans un navigateur

## Les pages.
doc-site-name = Documentation des règles
doc-index-intro = Chaque année scolaire a sa page : ses paramètres et leur valeur d'une année à l'autre, ses règles, les résultats de la décision, les champs d'une demande, et ce qu'elle change par rapport à l'année qu'elle reprend.
doc-years = Années
doc-years-caption = Les règles de chaque année scolaire
doc-year = Année
doc-year-heading = Règles { $year }
doc-title = Titre
doc-source = Source
doc-version = Version
doc-extends = Reprend
doc-extends-nothing = aucune autre année
doc-not-in-folder = absent de ce dossier
doc-file = Fichier
doc-sha256 = Empreinte SHA-256
doc-rulebook = Les règles de cette année
doc-generated = Produit par clas-rules à partir des fichiers de règles.
doc-all-years = Toutes les années
doc-nav-years = Autres années
doc-nav-contents = Sommaire
doc-changes = Ce que cette année change
doc-changes-from = Par rapport aux règles de
doc-changes-none = Rien ne change.
doc-changes-caption = Déclarations modifiées, ajoutées ou retirées
doc-change = Changement
doc-change-changed = modifié
doc-change-added = ajouté
doc-change-dropped = retiré
doc-declaration = Déclaration
doc-before = Avant
doc-after = Après
doc-kind-param = paramètre
doc-kind-let = valeur calculée
doc-kind-output = résultat
doc-kind-def = fonction
doc-kind-rule = règle
doc-kind-field = champ
doc-params = Paramètres
doc-params-caption = Les chiffres et les dates de la note, année par année
doc-param = Paramètre
doc-rules = Règles
doc-outputs = Résultats de la décision
doc-lets = Valeurs calculées
doc-defs = Fonctions
doc-fields = Les champs d'une demande
doc-application = La demande « { $name } »
doc-record = Fiche « { $name } »
doc-field = Champ
doc-default = Valeur supposée pour une demande d'une année précédente
doc-enums = Listes de valeurs
doc-severity = Effet
doc-scope = Portée
doc-rule-per-item = pour chaque élément de { $list }
doc-output-per-item = pour chaque élément de la liste « { $list } »
doc-condition = Se déclenche
doc-message = Message
doc-type = Type
doc-value = Valeur
doc-computed = Calcul
doc-uses = Utilise
doc-used-by = Utilisé par
doc-the-application = la demande
doc-formula = Formule, telle qu'écrite
