# Le rapport de campagne (`eval --batch FICHIER --report rapport.html`) :
# une page pour le comité et les responsables, qui ne lisent ni un terminal
# ni un fichier de règles.

## Les mots de la page

campaign-title = Rapport de campagne CLAS
campaign-statuses = Décisions
campaign-status = Décision
campaign-applications = Demandes
campaign-share = Part
campaign-status-eligible = éligibles
campaign-status-ineligible = non éligibles
campaign-status-incomplete = incomplètes
campaign-status-error = en erreur (non décidées)
campaign-records = enregistrements lus
campaign-budget = Budget
campaign-budget-output = Montant
campaign-budget-amount = Total
campaign-by-niveau = Par niveau
campaign-niveau = Niveau
campaign-by-carrier = Par porteur
campaign-carrier = Porteur
campaign-no-carrier = Les demandes de ces règles ne nomment pas de porteur : pas de budget par porteur.
campaign-amounts = Montants par collectif
campaign-bucket = Tranche
campaign-count = Nombre
campaign-refusals = Refus, exclusions et demandes incomplètes
campaign-notices = Avertissements et informations
campaign-rank = Rang
campaign-message = Message
campaign-section = Section
campaign-items = Fois (une par élément)
campaign-none-fired = Aucune règle de ce genre ne s'est appliquée.
campaign-severity-refuse = refus
campaign-severity-exclusion = exclusion
campaign-severity-incomplete = incomplet
campaign-severity-warn = avertissement
campaign-severity-info = information
campaign-yes-no = Oui ou non
campaign-question = Question
campaign-yes = Oui
campaign-no = Non
campaign-no-yes-no = Ces règles ne donnent pas de réponse par oui ou non.
campaign-errors = Enregistrements en erreur
campaign-no-errors = Aucun enregistrement en erreur : chaque demande a reçu une décision.
campaign-error-codes = Erreurs par code
campaign-code = Code
campaign-error-list = Les enregistrements en erreur
campaign-line = Ligne
campaign-field = Champ
campaign-whole-record = (l'enregistrement entier)
campaign-rulebooks = Les règles qui ont décidé
campaign-rulebook-title = Titre
campaign-rulebook-files = Fichiers (et empreinte de chacun)
campaign-caf = Caf
campaign-nav = Sommaire
campaign-whole = L'ensemble de la campagne
campaign-comparison = Les Caf comparées
campaign-comparison-decisions = Les décisions de chaque Caf
campaign-caf-and-year = Caf et année
campaign-comparison-cafs = Les montants de chaque Caf
campaign-comparison-years = Les demandes décidées et les montants de chaque Caf, par année scolaire
campaign-records-read = Enregistrements lus
campaign-amounts-by-caf = La répartition des montants dépend des règles de chaque Caf : elle est donnée dans la partie de chaque Caf, plus bas.
campaign-caf-unknown = Caf inconnue
campaign-comparison-applications-title = Demandes décidées par Caf et par année
campaign-rulebook-year = Année
campaign-rulebook-version = Version
campaign-rulebook-hash = Empreinte SHA-256
campaign-rulebook-decided = Demandes décidées
campaign-no-version = (sans version)
campaign-footer = Page produite par clas-rules à partir du fichier de demandes et des règles ci-dessus : les mêmes fichiers donnent la même page.
campaign-overflow = Attention : un total dépasse la capacité du calcul exact ; les totaux de cette page sont faux.

## Les phrases avec des chiffres

campaign-intro = Fichier lu : { $file } — { $records } { $count ->
        [one] enregistrement
       *[other] enregistrements
    }.
campaign-statuses-title = Décisions de la campagne
campaign-statuses-description = { $list }.
campaign-status-part = { $label } : { $count }
campaign-budget-title = Budget de la campagne par montant
campaign-budget-description = { $list }.
campaign-budget-part = { $label } : { $amount }
campaign-budget-intro = Montants accordés aux demandes éligibles, dans l'ordre des règles.
campaign-carriers-top = Les { $shown } porteurs aux montants les plus élevés ({ $last }) sont listés un par un ; les { $others } autres sont additionnés sur la dernière ligne.
campaign-carriers-all = { $count ->
        [one] Le porteur est listé
       *[other] Les { $shown } porteurs sont listés, les montants les plus élevés ({ $last }) d'abord.
    }
campaign-carriers-untracked = Au-delà de { $tracked } porteurs différents, les demandes des porteurs rencontrés ensuite ({ $applications }) sont comptées ensemble dans la dernière ligne : le classement ne tient pas compte de ces porteurs.
campaign-other-carriers = autres porteurs ({ $count })
campaign-histogram-heading = { $output } ({ $list }, règles { $year })
campaign-histogram-title = Répartition des montants « { $output } » par { $list } (règles { $year })
campaign-histogram-empty-ranges = Les tranches sans aucun montant ne sont pas listées dans le tableau.
campaign-histogram-description = { $counted } montants, de { $lowest } à { $highest }, en { $bars } tranches de { $width }{ $ceiling }.
campaign-histogram-ceiling-said = ; le plafond, { $amount }, est marqué d'un trait
campaign-histogram-counted = Montants comptés : { $counted }, ceux des éléments retenus dans les demandes éligibles, de { $lowest } à { $highest }.
campaign-histogram-excluded = Éléments exclus par une règle, comptés à part (sans montant) : { $excluded }.
campaign-histogram-outside = Éléments des demandes non éligibles ou incomplètes, non comptés : { $outside }.
campaign-histogram-ceiling = Le plafond déclaré par les règles, { $label } (`{ $name }`), vaut { $amount } : il est marqué sur le graphique par un trait rouge.
campaign-histogram-ceiling-unlabelled = Le plafond déclaré par les règles, `{ $name }`, vaut { $amount } : il est marqué sur le graphique par un trait rouge.
campaign-histogram-no-ceiling = Les règles ne déclarent pas de plafond pour ce montant : aucun n'est marqué.
campaign-histogram-empty = Aucun montant compté : aucun élément retenu dans une demande éligible.
campaign-bucket-range = de { $low } à moins de { $high }
campaign-bucket-last = de { $low } à { $high }
campaign-ceiling-legend = plafond : { $amount }
campaign-refusals-intro = Les règles qui ont refusé une demande, exclu un élément ou rendu une demande incomplète, les plus fréquentes d'abord. Une demande peut en cumuler plusieurs.
campaign-notices-intro = Les règles qui avertissent ou informent, sans changer la décision, les plus fréquentes d'abord.
campaign-yes-no-intro = Parmi les { $eligible } demandes éligibles (une demande non éligible ou incomplète répond toujours non). Les raisons d'un non sont les avertissements ci-dessus.
campaign-errors-intro = { $count ->
        [one] Un enregistrement n'a pas reçu de décision.
       *[other] { $shown } enregistrements n'ont pas reçu de décision.
    }
campaign-errors-more = …et { $more } autres enregistrements en erreur, non listés ici (la page en liste au plus { $limit }) : les décisions écrites par la campagne les donnent tous.
campaign-rulebooks-intro = { $count ->
        [one] Un fichier de règles a décidé les demandes de cette campagne.
       *[other] { $count } fichiers de règles ont décidé les demandes de cette campagne, chacun celles de son année scolaire.
    }

campaign-caf-name = Caf { $caf }
campaign-caf-year = { $caf }, { $year }
campaign-comparison-amounts-title = { $output } par Caf et par année
campaign-chart-of = { $title } — { $scope }
campaign-caf-intro = Les demandes de la { $caf } : { $records } { $count ->
        [one] enregistrement
       *[other] enregistrements
    }, décidés par ses règles.
campaign-caf-unknown-intro = { $count ->
        [one] Un enregistrement nomme une Caf qui n'a pas de règles dans le dossier, ou n'en nomme aucune sans Caf par défaut : il est en erreur.
       *[other] { $count } enregistrements nomment une Caf qui n'a pas de règles dans le dossier, ou n'en nomment aucune sans Caf par défaut : ils sont en erreur.
    }
campaign-comparison-intro = { $count ->
        [one] Une Caf.
       *[other] Les demandes de la campagne relèvent de { $count } Caf (par le champ « caf » de chaque demande, sinon la Caf par défaut). Chacune est décidée par les règles de sa Caf et de son année ; l'ensemble, en haut de la page, les additionne.
    }
campaign-rulebooks-intro-cafs = { $count ->
        [one] Un fichier de règles a décidé ces demandes : le cadre national et la couche de la Caf, chaque fichier avec son empreinte.
       *[other] { $count } fichiers de règles ont décidé ces demandes, chacun celles de sa Caf et de son année scolaire : le cadre national et la couche de la Caf, chaque fichier avec son empreinte.
    }

## La ligne de commande

cli-report-cannot-render = le rapport de campagne n'a pas pu être composé : { $why }
cli-report-needs-batch = `--report` fait le rapport d'une campagne : il demande `--batch FICHIER`
