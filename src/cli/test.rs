//! `clas-rules test [DIR]`: runs the test cases staff wrote beside the
//! rulebooks, shows each difference, lists the rules no case exercises, and
//! with `--update` rewrites the expectations after review.

use super::RulesDirArg;
use crate::cases;
use crate::input::decode;
use crate::rulebook::{self, Compiled, RulesSource};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder searched for test cases (JSON files with a `demande`); by default the rules directory.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Rewrite each case's `attendu` to the decision obtained (review the change before keeping it).
    #[arg(long)]
    update: bool,
    #[command(flatten)]
    rules_dir: RulesDirArg,
}

pub fn run(args: &Args) -> ExitCode {
    let source = match (&args.dir, &args.rules_dir.rules_dir) {
        (Some(dir), None) if std::env::var_os("CLAS_RULES_DIR").is_none() => {
            RulesSource::Dir(rulebook::rules_dir_of(&dir.join("cas")))
        }
        _ => args.rules_dir.source(),
    };
    let dir = match (&args.dir, &source) {
        (Some(dir), _) => dir.clone(),
        (None, RulesSource::Dir(dir) | RulesSource::Open(dir, _)) => dir.clone(),
        (None, RulesSource::Embedded) => {
            super::error(crate::msg!("cli-test-no-rules-dir"));
            return ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    files.extend(super::json_files(&dir));
    files.sort();
    let mut rulebooks: BTreeMap<String, Result<Compiled, String>> = BTreeMap::new();
    let mut fired: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let (mut passed, mut failed, mut updated) = (0usize, 0usize, 0usize);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if !cases::is_case(&text) {
            continue;
        }
        let name = file.display().to_string();
        let outcome = run_case(&text, &source, &mut rulebooks);
        match outcome {
            Err(why) => {
                failed += 1;
                println!("ÉCHEC  {name}\n       {why}");
            }
            Ok((case, decision, year)) => {
                fired
                    .entry(year)
                    .or_default()
                    .extend(decision.reasons.iter().map(|r| r.rule.clone()));
                let differences = match &case.expected {
                    Some(expected) => cases::differences(expected, &decision),
                    None => vec![
                        "aucun `attendu` : lancez `clas-rules test --update` puis relisez-le".to_string(),
                    ],
                };
                if args.update && !differences.is_empty() {
                    let new_text = cases::updated(&text, &case, &decision);
                    match super::write::replace_file(file, new_text.as_bytes()) {
                        Ok(()) => {
                            updated += 1;
                            println!("MIS À JOUR  {name}");
                            for difference in &differences {
                                println!("       {difference}");
                            }
                        }
                        Err(error) => {
                            failed += 1;
                            println!("ÉCHEC  {name}\n       {}", super::say(&error.message()));
                        }
                    }
                } else if differences.is_empty() {
                    passed += 1;
                    let description = case.description.map(|d| format!(" — {d}")).unwrap_or_default();
                    println!("ok     {name}{description}");
                } else {
                    failed += 1;
                    println!("ÉCHEC  {name}");
                    for difference in &differences {
                        println!("       {difference}");
                    }
                }
            }
        }
    }
    println!("\nCouverture : règles qu'aucun cas ne déclenche");
    for (year, compiled) in &rulebooks {
        let Ok(compiled) = compiled else { continue };
        let Some(program) = &compiled.program else {
            continue;
        };
        let seen = fired.get(year).cloned().unwrap_or_default();
        let never: Vec<&str> = program
            .rules
            .iter()
            .map(|r| r.name.as_str())
            .filter(|r| !seen.contains(*r))
            .collect();
        if never.is_empty() {
            println!(
                "  {year} : aucune, chaque règle est exercée ({} règles)",
                program.rules.len()
            );
        } else {
            println!(
                "  {year} : {} sur {} — {}",
                never.len(),
                program.rules.len(),
                never.join(", ")
            );
        }
    }
    println!(
        "\n{passed} réussi(s), {failed} échoué(s){}",
        if updated > 0 {
            format!(", {updated} mis à jour")
        } else {
            String::new()
        }
    );
    if passed + failed + updated == 0 {
        super::error(crate::msg!("cli-test-no-case", path = dir.display().to_string()));
        return ExitCode::from(2);
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

type Outcome = Result<(cases::Case, crate::decision::Decision, String), String>;

fn run_case(
    text: &str,
    source: &RulesSource,
    rulebooks: &mut BTreeMap<String, Result<Compiled, String>>,
) -> Outcome {
    let case = cases::parse(text)?;
    let year = case.year.clone().ok_or("la demande n'a pas d'`annee_scolaire`")?;
    let compiled = rulebooks.entry(year.clone()).or_insert_with(|| {
        let found = rulebook::for_year(source, &year).map_err(|e| super::say(&e.message()))?;
        rulebook::load(source, found).map_err(|e| super::say(&e.message()))
    });
    let compiled = compiled.as_ref().map_err(Clone::clone)?;
    let program = compiled
        .program
        .as_ref()
        .ok_or_else(|| format!("les règles `{}` ont des erreurs", compiled.name))?;
    let input = decode::decode_value(program, &case.application).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.render(super::lang()))
            .collect::<Vec<_>>()
            .join("\n       ")
    })?;
    let mut decision = crate::eval::decide(program, &input, None).map_err(|e| super::say(&e.message()))?;
    decision.rulebook = compiled.reference();
    Ok((case, decision, year))
}
