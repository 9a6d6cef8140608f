# La décision sur une demande, telle que les agents la lisent dans un terminal.

decision-status = Décision : { $status ->
        [eligible] ÉLIGIBLE
        [ineligible] NON ÉLIGIBLE
       *[incomplete] INCOMPLET
    }
decision-rulebook = Référentiel : { $file } (année scolaire { $year }, empreinte { $hash })
decision-rulebook-version = Référentiel : { $file } (année scolaire { $year }, version { $version }, empreinte { $hash })
decision-layer = couche { $layer } : { $file } (empreinte { $hash })
decision-layer-national = cadre national : { $file } (empreinte { $hash })
decision-layer-caf = Caf { $caf } : { $file } (empreinte { $hash })
decision-layer-unnamed = couche sans nom : { $file } (empreinte { $hash })
decision-no-item = (aucun)
decision-item-retained = n° { $number }{ $title } : retenu
decision-item-excluded = n° { $number }{ $title } : exclu
decision-amounts = Montants
decision-amounts-zero = (montants à zéro : la demande n'est pas éligible en l'état)
decision-reasons = Motifs
decision-no-reason = aucune règle ne s'est appliquée
decision-severity = { $severity ->
        [refuse] refus
        [incomplete] pièce manquante
        [warn] avertissement
       *[info] information
    }
decision-citation = règle { $rule }
decision-citation-source = règle { $rule }, { $source }
decision-formulas = Calculs
decision-formulas-rules = Règles appliquées
