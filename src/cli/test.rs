//! `clas-rules test [DIR]`: runs the test cases staff wrote beside the
//! rulebooks, shows each difference, lists the rules no case exercises, and
//! with `--update` rewrites the expectations after review.

use super::RulesDirArg;
use crate::cases;
use crate::i18n::Message;
use crate::input::decode;
use crate::msg;
use crate::rulebook::{self, Compiled, RulesSource};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
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
            super::error(msg!("cli-test-no-rules-dir"));
            return ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    files.extend(super::json_files(&dir));
    files.sort();
    let mut rulebooks = Rulebooks::new(&source);
    let mut fired: BTreeMap<Key, BTreeSet<String>> = BTreeMap::new();
    let (mut passed, mut failed, mut updated) = (0usize, 0usize, 0usize);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if !cases::is_case(&text) {
            continue;
        }
        let name = file.display().to_string();
        let outcome = run_case(file, &text, &mut rulebooks);
        match outcome {
            Err(why) => {
                failed += 1;
                print_case(&msg!("cli-test-case-failed", name = name.as_str()), &why);
            }
            Ok((case, decision, key)) => {
                fired
                    .entry(key)
                    .or_default()
                    .extend(decision.reasons.iter().map(|r| r.rule.clone()));
                let differences = match &case.expected {
                    Some(expected) => cases::differences(expected, &decision),
                    None => vec![msg!("cli-test-no-expectation")],
                };
                if args.update && !differences.is_empty() {
                    let new_text = cases::updated(&text, &case, &decision);
                    match super::write::replace_file(file, new_text.as_bytes()) {
                        Ok(()) => {
                            updated += 1;
                            print_case(&msg!("cli-test-case-updated", name = name.as_str()), &differences);
                        }
                        Err(error) => {
                            failed += 1;
                            print_case(
                                &msg!("cli-test-case-failed", name = name.as_str()),
                                &[error.message()],
                            );
                        }
                    }
                } else if differences.is_empty() {
                    passed += 1;
                    let line = match &case.description {
                        Some(description) => msg!(
                            "cli-test-case-passed-described",
                            name = name.as_str(),
                            description = description
                        ),
                        None => msg!("cli-test-case-passed", name = name.as_str()),
                    };
                    print_case(&line, &[]);
                } else {
                    failed += 1;
                    print_case(&msg!("cli-test-case-failed", name = name.as_str()), &differences);
                }
            }
        }
    }
    println!("\n{}", super::say(&msg!("cli-test-coverage-title")));
    for (key, compiled) in &rulebooks.compiled {
        let Ok(compiled) = compiled else { continue };
        let Some(program) = &compiled.program else {
            continue;
        };
        let seen = fired.get(key).cloned().unwrap_or_default();
        let never: Vec<&str> = program
            .rules
            .iter()
            .map(|r| r.name.as_str())
            .filter(|r| !seen.contains(*r))
            .collect();
        let (caf, year) = key;
        let rulebook = match caf {
            Some(caf) => msg!(
                "cli-test-coverage-of-caf",
                caf = caf.as_str(),
                year = year.as_str()
            ),
            None => msg!("cli-test-coverage-of-year", year = year.as_str()),
        };
        let line = if never.is_empty() {
            msg!(
                "cli-test-coverage-all",
                rulebook = rulebook,
                count = program.rules.len()
            )
        } else {
            msg!(
                "cli-test-coverage-some",
                rulebook = rulebook,
                never = never.len(),
                count = program.rules.len(),
                rules = never.join(", ")
            )
        };
        println!("  {}", super::say(&line));
    }
    println!(
        "\n{}",
        super::say(&msg!(
            "cli-test-summary",
            passed = passed,
            failed = failed,
            updated = updated
        ))
    );
    if passed + failed + updated == 0 {
        super::error(msg!("cli-test-no-case", path = dir.display().to_string()));
        return ExitCode::from(2);
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A rulebook by the Caf it decides for (`None` in a folder without Cafs)
/// and its school year.
type Key = (Option<String>, String);

/// The rulebooks the cases asked for, each compiled once.
struct Rulebooks<'s> {
    source: &'s RulesSource,
    /// The Caf of a case that names none and sits in no Caf's folder, once known.
    default_caf: Option<Result<Option<String>, Message>>,
    compiled: BTreeMap<Key, Result<Compiled, Message>>,
}

impl<'s> Rulebooks<'s> {
    fn new(source: &'s RulesSource) -> Self {
        Rulebooks {
            source,
            default_caf: None,
            compiled: BTreeMap::new(),
        }
    }

    /// The Caf of a case whose application and folder name none: the
    /// folder's default Caf, else its only one, else none (a folder without
    /// Cafs).
    fn default_caf(&mut self) -> Result<Option<String>, Message> {
        let source = self.source;
        self.default_caf
            .get_or_insert_with(|| {
                let all = rulebook::all_rulebooks(source).map_err(|e| e.message())?;
                rulebook::default_caf(source, &all, None).map_err(|e| e.message())
            })
            .clone()
    }

    /// The rulebook of a Caf and a year, compiled on first use.
    fn get(&mut self, key: &Key) -> Result<&Compiled, Message> {
        let source = self.source;
        let (caf, year) = key;
        self.compiled
            .entry(key.clone())
            .or_insert_with(|| {
                let found = rulebook::for_caf_year(source, caf.as_deref(), year).map_err(|e| e.message())?;
                rulebook::load(source, found).map_err(|e| e.message())
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// A case's line (`ok     NAME`, `ÉCHEC  NAME`…), then each of its details
/// (differences, or why it could not run) indented under the name.
fn print_case(line: &Message, details: &[Message]) {
    println!("{}", super::say(line));
    for detail in details {
        println!("       {}", super::say(detail));
    }
}

/// A case decided, or why it could not be: one message a line.
type Outcome = Result<(cases::Case, crate::decision::Decision, Key), Vec<Message>>;

/// Decides one case with the rulebook of its Caf (its application's `caf`,
/// else its folder's, else the default Caf) and of its year.
fn run_case(file: &Path, text: &str, rulebooks: &mut Rulebooks) -> Outcome {
    let case = cases::parse(text).map_err(|why| vec![why])?;
    let year = case.year.clone().ok_or_else(|| vec![msg!("cli-test-no-year")])?;
    // The folder a case sits in, whatever way its path was given.
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let caf = match cases::caf_of_case(&case, &absolute) {
        Some(caf) => Some(caf),
        None => rulebooks.default_caf().map_err(|why| vec![why])?,
    };
    let key = (caf, year);
    let compiled = rulebooks.get(&key).map_err(|why| vec![why])?;
    let program = compiled.program.as_ref().ok_or_else(|| {
        vec![msg!(
            "cli-test-rulebook-has-errors",
            name = compiled.name.as_str()
        )]
    })?;
    let input = decode::decode_value(program, &case.application)
        .map_err(|errors| errors.iter().map(decode::InputError::titled).collect::<Vec<_>>())?;
    let mut decision = crate::eval::decide(program, &input, None).map_err(|e| vec![e.message()])?;
    decision.rulebook = compiled.reference();
    Ok((case, decision, key))
}
