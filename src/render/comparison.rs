//! A comparison of two years as staff read it (French text) and as
//! scripts read it (JSON); the differences between two rulebooks, the same.

use crate::compare::{ApplicationChange, Change, Comparison};
use crate::decision::{Decision, Status};
use crate::value::{contract_money, french_money};
use rust_decimal::Decimal;
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;

fn status_french(status: Status) -> &'static str {
    match status {
        Status::Eligible => "éligible",
        Status::Ineligible => "non éligible",
        Status::Incomplete => "incomplet",
    }
}

fn signed(amount: Decimal) -> String {
    if amount.is_sign_negative() && !amount.is_zero() {
        format!("−{}", french_money(-amount))
    } else {
        format!("+{}", french_money(amount))
    }
}

/// The comparison in French, for staff.
pub fn text(comparison: &Comparison) -> String {
    let (from, to) = (&comparison.from_year, &comparison.to_year);
    let mut out = format!(
        "Comparaison {from} → {to} sur {} demande(s)\n",
        comparison.applications.len()
    );
    let changed: Vec<&ApplicationChange> = comparison.applications.iter().filter(|a| a.changed()).collect();
    let status_changes = changed
        .iter()
        .filter(|a| matches!((&a.from, &a.to), (Ok(x), Ok(y)) if x.status != y.status))
        .count();
    out.push_str(&format!(
        "{} demande(s) changent, dont {status_changes} de statut ; {} inchangée(s).\n",
        changed.len(),
        comparison.applications.len() - changed.len()
    ));
    if !comparison.amount_parameters.is_empty() {
        out.push_str(&format!(
            "Valeurs modifiées qui entrent dans les montants : {}.\n",
            comparison.amount_parameters.join(", ")
        ));
    }
    for application in &changed {
        out.push_str(&format!("\n{}\n", application.name));
        match (&application.from, &application.to) {
            (Ok(a), Ok(b)) => {
                out.push_str(&format!(
                    "  statut : {} → {}\n",
                    status_french(a.status),
                    status_french(b.status)
                ));
                let after = ApplicationChange::amounts(b);
                for (name, old) in ApplicationChange::amounts(a) {
                    let new = after
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| *v)
                        .unwrap_or(Decimal::ZERO);
                    if new != old {
                        out.push_str(&format!(
                            "  {name} : {} → {} ({})\n",
                            french_money(old),
                            french_money(new),
                            signed(new - old)
                        ));
                    }
                }
            }
            (a, b) => {
                for (year, side) in [(from, a), (to, b)] {
                    if let Err(why) = side {
                        out.push_str(&format!("  pas de décision en {year} : {why}\n"));
                    }
                }
            }
        }
        let (added, gone) = application.rule_changes();
        for rule in &added {
            out.push_str(&format!("  + règle {rule} (s'applique en {to})\n"));
        }
        for rule in &gone {
            out.push_str(&format!("  − règle {rule} (ne s'applique plus)\n"));
        }
        if added.is_empty() && gone.is_empty() && !comparison.amount_parameters.is_empty() {
            out.push_str("  cause : les valeurs modifiées ci-dessus\n");
        }
    }
    let assumed: BTreeSet<String> = comparison
        .applications
        .iter()
        .flat_map(|a| a.assumed.iter().cloned())
        .collect();
    let ignored: BTreeSet<String> = comparison
        .applications
        .iter()
        .flat_map(|a| a.ignored.iter().cloned())
        .collect();
    if !assumed.is_empty() || !ignored.is_empty() || comparison.dates_shifted_by != 0 {
        out.push_str(&format!(
            "\nHypothèses pour lire les demandes avec les règles {to}\n"
        ));
        if comparison.dates_shifted_by != 0 {
            let n = comparison.dates_shifted_by;
            out.push_str(&format!(
                "  dates décalées de {n} an{} (comme si chaque demande était déposée au même moment de l'année suivante)\n",
                if n.abs() > 1 { "s" } else { "" }
            ));
        }
        for field in &assumed {
            out.push_str(&format!("  valeur supposée : {field}\n"));
        }
        for field in &ignored {
            out.push_str(&format!("  champ ignoré : {field}\n"));
        }
    }
    out.push_str(&format!("\nBudget        {from:>16} {to:>16}            écart\n"));
    for (name, old, new) in comparison.budget() {
        let percent = if old.is_zero() {
            String::new()
        } else {
            format!(
                " ({:+.1} %)",
                ((new - old) / old * Decimal::ONE_HUNDRED).round_dp(1)
            )
            .replace('.', ",")
        };
        out.push_str(&format!(
            "  {name:<12}{:>16} {:>16} {:>16}{percent}\n",
            french_money(old),
            french_money(new),
            signed(new - old)
        ));
    }
    out
}

/// The comparison as JSON.
pub fn json(comparison: &Comparison) -> Json {
    let side = |decision: &Result<Decision, String>| match decision {
        Ok(d) => json!({
            "status": d.status.key(),
            "outputs": d.outputs.iter().map(|o| (o.name.clone(), o.json.clone())).collect::<serde_json::Map<_, _>>(),
            "rules": d.reasons.iter().map(|r| r.rule.clone()).collect::<Vec<_>>(),
        }),
        Err(why) => json!({ "error": why }),
    };
    json!({
        "from": comparison.from_year,
        "to": comparison.to_year,
        "amount_parameters": comparison.amount_parameters,
        "dates_shifted_by_years": comparison.dates_shifted_by,
        "applications": comparison.applications.iter().map(|a| {
            let (added, gone) = a.rule_changes();
            json!({
                "name": a.name,
                "changed": a.changed(),
                "from": side(&a.from),
                "to": side(&a.to),
                "rules_added": added,
                "rules_gone": gone,
                "assumed": a.assumed,
                "ignored": a.ignored,
            })
        }).collect::<Vec<_>>(),
        "budget": comparison.budget().iter().map(|(name, old, new)| json!({
            "output": name,
            "from": contract_money(*old),
            "to": contract_money(*new),
            "difference": contract_money(*new - *old),
        })).collect::<Vec<_>>(),
    })
}

/// The differences between two rulebooks, in French, side by side.
pub fn changes_text(from_year: &str, to_year: &str, changes: &[Change]) -> String {
    let mut out = format!("Différences entre les règles {from_year} et {to_year}\n");
    if changes.is_empty() {
        out.push_str("  aucune\n");
    }
    let kinds = [
        ("param", "Paramètres"),
        ("field", "Champs de la demande"),
        ("rule", "Règles"),
        ("output", "Résultats"),
        ("let", "Valeurs calculées"),
        ("def", "Fonctions"),
    ];
    for (kind, title) in kinds {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}\n"));
        for change in of_kind {
            match (&change.from, &change.to) {
                (Some(a), Some(b)) if kind == "param" => {
                    out.push_str(&format!("  ~ {} : {a} → {b}\n", change.name));
                }
                (Some(a), Some(b)) => {
                    out.push_str(&format!(
                        "  ~ {}\n      {from_year} : {a}\n      {to_year} : {b}\n",
                        change.name
                    ));
                }
                (Some(a), None) => out.push_str(&format!("  − {} (retiré ; était : {a})\n", change.name)),
                (None, Some(b)) => out.push_str(&format!("  + {} (nouveau : {b})\n", change.name)),
                (None, None) => {}
            }
        }
    }
    out
}

/// The differences between two rulebooks, as JSON.
pub fn changes_json(from_year: &str, to_year: &str, changes: &[Change]) -> Json {
    json!({
        "from": from_year,
        "to": to_year,
        "changes": changes.iter().map(|c| json!({
            "kind": c.kind,
            "name": c.name,
            "from": c.from,
            "to": c.to,
        })).collect::<Vec<_>>(),
    })
}
