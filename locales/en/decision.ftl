# The decision on one application, as staff read it in a terminal.

decision-status = Decision: { $status ->
        [eligible] ELIGIBLE
        [ineligible] NOT ELIGIBLE
       *[incomplete] INCOMPLETE
    }
decision-rulebook = Rulebook: { $file } (school year { $year }, hash { $hash })
decision-rulebook-version = Rulebook: { $file } (school year { $year }, version { $version }, hash { $hash })
decision-layer = layer { $layer }: { $file } (hash { $hash })
decision-layer-national = national framework: { $file } (hash { $hash })
decision-layer-caf = Caf { $caf }: { $file } (hash { $hash })
decision-layer-unnamed = unnamed layer: { $file } (hash { $hash })
decision-no-item = (none)
decision-item-retained = no. { $number }{ $title }: retained
decision-item-excluded = no. { $number }{ $title }: excluded
decision-amounts = Amounts
decision-amounts-zero = (amounts at zero: the application is not eligible as it stands)
decision-reasons = Reasons
decision-no-reason = no rule applied
decision-severity = { $severity ->
        [refuse] refusal
        [incomplete] missing piece
        [warn] warning
       *[info] information
    }
decision-citation = rule { $rule }
decision-citation-source = rule { $rule }, { $source }
decision-formulas = Computations
decision-formulas-rules = Rules applied
