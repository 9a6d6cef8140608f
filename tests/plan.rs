//! The compiled plan that campaigns use decides exactly as the tree walker
//! that `eval` and `--explain` use: the same outcome, or the same error at
//! the same place. Checked on every rulebook of the repository that
//! compiles on its own (the real ones, the language examples, and
//! `tests/plan/every-form.clas`, which mixes every form and number kind),
//! on generated applications and on the same applications with values
//! pushed to their edges (zero, negative, huge, absent, empty, other labels),
//! each outcome built in the buffers of the one before, as campaigns do;
//! and on the 2023-2024 rulebook with its parameters set to edge values.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::eval::{self, Plan, PlanScratch};
use clas_rules::program::{Program, Type};
use clas_rules::rulebook::{self, RulesSource};
use clas_rules::value::{Date, Value};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every rulebook that compiles on its own, by name.
fn rulebooks() -> Vec<(String, Program)> {
    let mut all = Vec::new();
    let rules = RulesSource::Dir(root().join("rules"));
    for year in ["2023-2024", "2024-2025"] {
        let found = rulebook::for_year(&rules, year).unwrap();
        let program = rulebook::load(&rules, found).unwrap().program.unwrap();
        all.push((format!("rules {year}"), program));
    }
    for dir in ["tests/lang/ok", "tests/plan"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "clas"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let compiled = rulebook::compile(&name, &text);
            let program = compiled
                .program
                .unwrap_or_else(|| panic!("{} does not compile", path.display()));
            all.push((name, program));
        }
    }
    all
}

/// A small deterministic generator (xorshift), so that a failure is
/// reproduced by its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    fn pick<T: Clone>(&mut self, choices: &[T]) -> T {
        choices[self.below(choices.len())].clone()
    }
}

/// Every place of a value with its type: field and item positions from the root.
fn places(
    program: &Program,
    value: &Value,
    ty: &Type,
    path: &mut Vec<usize>,
    out: &mut Vec<(Vec<usize>, Type)>,
) {
    out.push((path.clone(), ty.clone()));
    match (value, ty) {
        (Value::Record(fields), Type::Record(id)) => {
            for (index, (field, def)) in fields.iter().zip(&program.records[*id].fields).enumerate() {
                path.push(index);
                places(program, field, &def.ty, path, out);
                path.pop();
            }
        }
        (Value::List(items), Type::List(item)) => {
            for (index, value) in items.iter().enumerate() {
                path.push(index);
                places(program, value, item, path, out);
                path.pop();
            }
        }
        (Value::Absent, Type::Optional(_)) => {}
        (value, Type::Optional(inner)) => places(program, value, inner, path, out),
        _ => {}
    }
}

fn money(text: &str) -> Value {
    Value::Money(text.parse().unwrap())
}

/// A value of the same type at the edge of what an application may hold.
fn edge(program: &Program, value: &Value, ty: &Type, rng: &mut Rng) -> Value {
    match (ty, value) {
        (Type::Optional(_), v) if *v != Value::Absent && rng.below(2) == 0 => Value::Absent,
        (Type::Optional(inner), v) => edge(program, v, inner, rng),
        (Type::Integer, _) => {
            Value::Integer(rng.pick(&[0, -1, 1, 7, 8, 12, 13, 1_000_000, i64::MAX, i64::MIN]))
        }
        (Type::Money, _) => rng.pick(&[
            money("0"),
            money("0.01"),
            money("-5"),
            money("7885"),
            money("7885.01"),
            money("1000000000000000000000000000"),
            Value::Money(Decimal::MAX),
        ]),
        (Type::Decimal, _) => Value::Decimal(rng.pick(&[
            Decimal::ZERO,
            Decimal::new(5, 1),
            Decimal::new(-3, 0),
            Decimal::new(3, 0),
            Decimal::new(1, 20),
            Decimal::MAX,
        ])),
        (Type::Rate, _) => Value::Rate(rng.pick(&[
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::new(-5, 1),
            Decimal::new(325, 3),
        ])),
        (Type::Date, _) => {
            let (y, m, d) = rng.pick(&[
                (1, 1, 1),
                (9999, 12, 31),
                (2023, 6, 12),
                (2023, 7, 24),
                (2023, 7, 25),
                (2024, 2, 29),
            ]);
            Value::Date(Date::new(y, m, d).unwrap())
        }
        (Type::Text, _) => Value::Text(Arc::from(rng.pick(&[
            "",
            "ELAN",
            "  élan   caf ",
            "MSA-63-PUY DE DOME",
            "MSA-63-PUY DE DÔME",
            "MSA-63",
            "msa 63",
            "Conseil départemental",
        ]))),
        (Type::Bool, v) => Value::Bool(!v.as_bool()),
        (Type::Enum(id), _) => Value::Enum(*id as u32, rng.below(program.enums[*id].variants.len()) as u32),
        (Type::List(_), Value::List(items)) => match rng.below(3) {
            0 => Value::List(Arc::from(Vec::new())),
            1 => Value::List(items.iter().chain(items.iter()).cloned().collect()),
            _ => Value::List(items.iter().skip(1).cloned().collect()),
        },
        (_, v) => v.clone(),
    }
}

/// `value` with the place at `path` replaced.
fn replaced(value: &Value, path: &[usize], new: Value) -> Value {
    let Some((first, rest)) = path.split_first() else {
        return new;
    };
    match value {
        Value::Record(fields) => {
            let mut fields = fields.to_vec();
            fields[*first] = replaced(&fields[*first], rest, new);
            Value::Record(fields.into())
        }
        Value::List(items) => {
            let mut items = items.to_vec();
            items[*first] = replaced(&items[*first], rest, new);
            Value::List(items.into())
        }
        other => other.clone(),
    }
}

/// What the comparison of one rulebook met.
#[derive(Default, Debug)]
struct Seen {
    applications: usize,
    decided: usize,
    errors: usize,
}

fn compare_on(name: &str, program: &Program, count: u64, edits: usize) -> Seen {
    let plan = Plan::new(program);
    let mut scratch = PlanScratch::default();
    let mut out = Vec::new();
    clas_rules::generate::applications(program, count, 7, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut seen = Seen::default();
    for (line, json) in text.lines().enumerate() {
        let original = clas_rules::input::decode::decode(program, json)
            .unwrap_or_else(|e| panic!("{name}: generated application {line} does not decode: {e:?}"));
        let mut value = original.clone();
        for round in 0..=edits {
            if round > 0 {
                let mut all = Vec::new();
                places(
                    program,
                    &value,
                    &Type::Record(program.input),
                    &mut Vec::new(),
                    &mut all,
                );
                let (path, ty) = rng.pick(&all);
                let at = path.iter().try_fold(&value, |v, i| match v {
                    Value::Record(xs) | Value::List(xs) => xs.get(*i),
                    _ => None,
                });
                let new = edge(program, at.unwrap(), &ty, &mut rng);
                value = replaced(&value, &path, new);
            }
            let walked = eval::outcome(program, &value);
            let planned = plan.outcome(&value, &mut scratch);
            assert_eq!(
                planned, walked,
                "{name}: application {line}, edit {round}: {value:?}"
            );
            seen.applications += 1;
            match walked {
                Ok(_) => seen.decided += 1,
                Err(_) => seen.errors += 1,
            }
            // The next outcome is built in this one's buffers, as in campaigns.
            if let Ok(outcome) = planned {
                scratch.recycle(outcome);
            }
        }
    }
    seen
}

#[test]
fn the_plan_decides_as_the_tree_walker_on_every_rulebook() {
    let all = rulebooks();
    assert!(
        all.len() >= 12,
        "expected the real rulebooks, the language examples and the plan's own"
    );
    let mut total = Seen::default();
    for (name, program) in &all {
        let seen = compare_on(name, program, 300, 3);
        total.applications += seen.applications;
        total.decided += seen.decided;
        total.errors += seen.errors;
        assert_eq!(seen.applications, 1200, "{name}");
        assert!(seen.decided > 0, "{name}: no application was decided: {seen:?}");
    }
    eprintln!("{} rulebooks: {total:?}", all.len());
}

#[test]
fn the_plan_meets_the_same_errors_at_the_same_places() {
    // Overflows and divisions by zero, which the edges provoke, end in the
    // same error (message and span) in both: checked above; here, that they
    // do happen, so that the comparison covers the error paths.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plan/every-form.clas");
    let text = std::fs::read_to_string(&path).unwrap();
    let program = rulebook::compile("every-form.clas", &text).program.unwrap();
    let seen = compare_on("every-form.clas", &program, 500, 4);
    eprintln!("{seen:?}");
    assert!(seen.errors > 50, "too few errors to compare: {seen:?}");
    assert!(seen.decided > 500, "too few decisions to compare: {seen:?}");
}

#[test]
fn the_real_rulebooks_give_every_status_through_the_plan() {
    for year in ["2023-2024", "2024-2025"] {
        let rules = RulesSource::Dir(root().join("rules"));
        let found = rulebook::for_year(&rules, year).unwrap();
        let program = rulebook::load(&rules, found).unwrap().program.unwrap();
        let plan = Plan::new(&program);
        let mut scratch = PlanScratch::default();
        let mut out = Vec::new();
        clas_rules::generate::applications(&program, 2000, 11, &mut out).unwrap();
        let mut statuses = std::collections::BTreeSet::new();
        for json in String::from_utf8(out).unwrap().lines() {
            let value = clas_rules::input::decode::decode(&program, json).unwrap();
            statuses.insert(plan.outcome(&value, &mut scratch).unwrap().status.key());
        }
        assert_eq!(
            statuses.into_iter().collect::<Vec<_>>(),
            ["eligible", "incomplete", "ineligible"],
            "{year}"
        );
    }
}

/// The 2023-2024 rulebook with its parameters set to edge values (zero,
/// huge, empty ranges and lists), its assertion dropped (it pins the
/// note's figures): different paths through the same rules.
fn rulebook_with_edge_values(rng: &mut Rng, text: &str) -> String {
    let mut out = String::new();
    let mut in_assert = false;
    for line in text.lines() {
        if line.starts_with("assert ") {
            in_assert = true;
        }
        if in_assert {
            in_assert = !line.trim().is_empty();
            continue;
        }
        let Some(rest) = line.strip_prefix("param ") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let (name, typed) = rest.split_once(": ").unwrap();
        let (ty, _) = typed.split_once(" = ").unwrap();
        let edges: &[&str] = match ty {
            "money" => &["0 €", "1 €", "0,01 €", "7 922 816 251 426 433 759 354 395 033 €"],
            "rate" => &["0 %", "100 %", "250 %", "0,001 %"],
            "integer" => &["0", "1", "9223372036854775807"],
            "range integer" => &["0 ..= 0", "12 ..= 8", "0 ..= 1000"],
            "range date" => &["2023-07-24 ..= 2023-06-12", "0001-01-01 ..= 9999-12-31"],
            "date" => &["0001-01-01", "9999-12-31"],
            "text" => &["\"\"", "\"ELAN\""],
            "list text" => &["[]", "[\"\"]"],
            _ => &[],
        };
        if edges.is_empty() || rng.below(2) == 0 {
            out.push_str(line);
        } else {
            out.push_str(&format!("param {name}: {ty} = {}", rng.pick(edges)));
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_plan_decides_as_the_tree_walker_with_other_values_in_the_rulebook() {
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let source = rulebook::RulesSource::Dir(root().join("rules"));
    let real = rulebook::chain_files(&source, rulebook::for_year(&source, "2023-2024").unwrap()).unwrap();
    let original: String = real.iter().map(|f| f.text.as_str()).collect();
    let (mut compiled, mut changed, mut total) = (0, 0, Seen::default());
    for variant in 0..40 {
        let files: Vec<rulebook::ChainFile> = real
            .iter()
            .map(|f| rulebook::ChainFile {
                text: rulebook_with_edge_values(&mut rng, &f.text),
                ..f.clone()
            })
            .collect();
        let text: String = files.iter().map(|f| f.text.as_str()).collect();
        // Parameters whose value was replaced.
        changed += text
            .lines()
            .filter(|l| l.starts_with("param ") && !original.contains(*l))
            .count();
        let Some(program) = rulebook::compile_layers(&files).program else {
            continue;
        };
        compiled += 1;
        let seen = compare_on(
            &format!("2023-2024 with edge values, variant {variant}"),
            &program,
            60,
            1,
        );
        total.applications += seen.applications;
        total.decided += seen.decided;
        total.errors += seen.errors;
    }
    eprintln!("{compiled} variants compiled, {changed} values replaced: {total:?}");
    assert!(changed >= 40 * 5, "only {changed} values replaced");
    // The real rulebook bounds every amount by its ceiling, so these reach
    // no overflow; the error paths are compared on every-form.clas.
    assert!(compiled >= 20, "only {compiled} of 40 variants compiled");
    assert!(total.decided >= 2000, "{total:?}");
}
