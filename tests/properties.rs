//! Properties, checked on generated inputs (proptest):
//!
//! - the formatter: formatting twice changes nothing, and the formatted text
//!   declares exactly what the original did (syntax trees compared without
//!   their spans), on rulebooks built from random declarations laid out
//!   badly (random spaces, line breaks, comments, blank lines), and on the
//!   real rulebooks with their parameter values replaced;
//! - the decisions of the 2023-2024 rulebook: a collectif's Ps never exceeds
//!   the maximum of the note (2 563 €, the rulebook's `ps_maximale`) and never
//!   falls when its expenses rise; every amount is a whole number of euros;
//!   the same application gives the same bytes (JSON and French); the
//!   reasons of a decision are exactly the rules that fired.
//! - the fast reader of campaigns: on applications written as other tools
//!   write JSON (keys shuffled at every level, white space anywhere, amounts
//!   as numbers, escapes in texts and keys) it gives exactly the precise
//!   reader's value, every time; on broken ones, it gives the precise
//!   reader's value or hands over.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use clas_rules::diagnostic::FileId;
use clas_rules::eval::{self, Machine};
use clas_rules::generate::Rng;
use clas_rules::program::Program;
use clas_rules::rulebook::{self, RulesSource};
use clas_rules::syntax::format::{format, same_declaration};
use clas_rules::syntax::parse;
use clas_rules::value::Value;
use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ================================================================ formatter

/// A piece of a declaration: what may be separated from its neighbours by
/// any amount of space, a line break, or a comment.
type Pieces = Vec<String>;

fn ident() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("taux_ps".to_string()),
        Just("prix_plafond".to_string()),
        Just("c".to_string()),
        Just("demande".to_string()),
        Just("collectifs_retenus".to_string()),
        Just("élève_2".to_string()),
        "[a-z][a-z0-9_]{0,8}".prop_filter("not a keyword", |s| !is_keyword(s)),
    ]
}

fn is_keyword(word: &str) -> bool {
    clas_rules::syntax::parser::RESERVED_WORDS.contains(&word)
}

/// A number written the French way, with or without thousands separators.
fn number() -> impl Strategy<Value = String> {
    (0u64..10_000_000, prop::option::of(0u32..100), any::<bool>()).prop_map(|(n, cents, grouped)| {
        let digits = n.to_string();
        let whole = if grouped {
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(' ');
                }
                out.push(c);
            }
            out
        } else {
            digits
        };
        match cents {
            Some(c) => format!("{whole},{c}"),
            None => whole,
        }
    })
}

/// A text literal, with what a formatter might get wrong inside: a `#`,
/// an escaped quote, a French space, an astral character.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"ELAN\"".to_string()),
        Just("\"pas # un commentaire\"".to_string()),
        Just("\"dit \\\"oui\\\"\"".to_string()),
        Just("\"Ps maximale : 2\u{202f}563 €\"".to_string()),
        Just("\"clé 𝄞\"".to_string()),
        "[a-zA-Zé ]{0,12}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        number(),
        number().prop_map(|n| format!("{n} €")),
        number().prop_map(|n| format!("{n}€")),
        number().prop_map(|n| format!("{n} %")),
        (2000u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        Just("true".to_string()),
        Just("false".to_string()),
        text(),
    ]
}

fn expr() -> impl Strategy<Value = Pieces> {
    let leaf = prop_oneof![
        3 => literal().prop_map(|l| vec![l]),
        3 => ident().prop_map(|i| vec![i]),
        1 => (ident(), ident()).prop_map(|(a, b)| vec![format!("{a}.{b}")]),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        let op = prop_oneof![
            Just("and"),
            Just("or"),
            Just("=="),
            Just("!="),
            Just("<="),
            Just("<"),
            Just(">="),
            Just(">"),
            Just("in"),
            Just("..="),
            Just("+"),
            Just("-"),
            Just("*"),
            Just("×"),
            Just("/"),
        ];
        prop_oneof![
            4 => (inner.clone(), op, inner.clone()).prop_map(|(a, op, b)| {
                let mut out = a;
                out.push(op.to_string());
                out.extend(b);
                out
            }),
            1 => inner.clone().prop_map(|e| [vec!["not".to_string()], e].concat()),
            1 => inner.clone().prop_map(|e| [vec!["-".to_string()], e].concat()),
            2 => inner.clone().prop_map(|e| [vec!["(".to_string()], e, vec![")".to_string()]].concat()),
            2 => (ident(), prop::collection::vec(inner.clone(), 0..4)).prop_map(|(f, args)| {
                let mut out = vec![format!("{f}(")];
                for (i, a) in args.into_iter().enumerate() {
                    if i > 0 {
                        out.push(",".to_string());
                    }
                    out.extend(a);
                }
                out.push(")".to_string());
                out
            }),
            1 => (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| {
                [vec!["if".to_string()], c, vec!["then".to_string()], a, vec!["else".to_string()], b].concat()
            }),
            1 => (ident(), inner.clone(), inner.clone(), inner.clone()).prop_map(|(x, v, a, b)| {
                [
                    vec!["if".to_string(), "let".to_string(), x, "=".to_string()],
                    v,
                    vec!["then".to_string()],
                    a,
                    vec!["else".to_string()],
                    b,
                ]
                .concat()
            }),
            1 => (ident(), ident(), inner.clone(), inner.clone()).prop_map(|(f, x, xs, e)| {
                [vec![format!("{f}("), x, "in".to_string()], xs, vec![":".to_string()], e, vec![")".to_string()]]
                    .concat()
            }),
            1 => prop::collection::vec(inner, 0..4).prop_map(|items| {
                let mut out = vec!["[".to_string()];
                for (i, item) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push(",".to_string());
                    }
                    out.extend(item);
                }
                out.push("]".to_string());
                out
            }),
        ]
    })
}

fn type_expr() -> impl Strategy<Value = Pieces> {
    let base = prop_oneof![
        Just("text"),
        Just("bool"),
        Just("integer"),
        Just("money"),
        Just("rate"),
        Just("date"),
        Just("Collectif"),
    ]
    .prop_map(|t| vec![t.to_string()]);
    (
        prop::option::of(prop_oneof![Just("list"), Just("optional"), Just("range")]),
        base,
    )
        .prop_map(|(wrapper, mut base)| {
            if let Some(w) = wrapper {
                base.insert(0, w.to_string());
            }
            base
        })
}

fn clauses(keys: &'static [&'static str]) -> impl Strategy<Value = Pieces> {
    // Each clause at most once, in any order.
    prop::sample::subsequence(keys.to_vec(), 0..=keys.len())
        .prop_shuffle()
        .prop_flat_map(|ks| {
            let n = ks.len();
            prop::collection::vec(text(), n)
                .prop_map(move |ts| ks.iter().zip(ts).flat_map(|(k, t)| [k.to_string(), t]).collect())
        })
}

fn fields() -> impl Strategy<Value = Pieces> {
    prop::collection::vec((ident(), type_expr(), any::<bool>()), 1..5).prop_map(|fs| {
        let mut out = vec!["{".to_string()];
        for (name, ty, comma) in fs {
            out.push(format!("{name}:"));
            out.extend(ty);
            if comma {
                out.push(",".to_string());
            }
        }
        out.push("}".to_string());
        out
    })
}

/// One declaration (not the header), as pieces.
fn declaration() -> impl Strategy<Value = Pieces> {
    let valued = |keyword: &'static str| {
        (ident(), type_expr(), expr(), clauses(&["source", "label"])).prop_map(move |(n, t, e, c)| {
            [
                vec![keyword.to_string(), format!("{n}:")],
                t,
                vec!["=".to_string()],
                e,
                c,
            ]
            .concat()
        })
    };
    prop_oneof![
        3 => valued("param"),
        2 => valued("let"),
        1 => valued("override param"),
        1 => (ident(), prop::collection::vec(ident(), 1..5)).prop_map(|(n, vs)| {
            let mut out = vec!["enum".to_string(), n, "=".to_string()];
            for (i, v) in vs.into_iter().enumerate() {
                if i > 0 {
                    out.push("|".to_string());
                }
                out.push(v);
            }
            out
        }),
        1 => (ident(), fields()).prop_map(|(n, f)| [vec!["record".to_string(), n], f].concat()),
        1 => (ident(), fields()).prop_map(|(n, f)| [vec!["input".to_string(), n], f].concat()),
        1 => (ident(), fields()).prop_map(|(n, f)| [vec!["extend record".to_string(), n], f].concat()),
        1 => (ident(), ident(), type_expr(), expr()).prop_map(|(f, p, t, e)| {
            [vec!["def".to_string(), format!("{f}({p}:")], t, vec!["):".to_string(), "money".to_string(), "=".to_string()], e]
                .concat()
        }),
        3 => (
            ident(),
            prop::option::of((ident(), expr())),
            prop::sample::select(&["refuse", "incomplete", "warn", "info"][..]),
            prop::sample::select(&["when", "unless"][..]),
            expr(),
            clauses(&["message", "source"]),
        )
            .prop_map(|(n, scope, sev, trig, e, c)| {
                let mut out = vec!["rule".to_string(), n];
                if let Some((x, xs)) = scope {
                    out.extend(["for".to_string(), x, "in".to_string()]);
                    out.extend(xs);
                }
                out.push(":".to_string());
                out.extend([sev.to_string(), trig.to_string()]);
                out.extend(e);
                out.extend(c);
                out
            }),
        2 => (ident(), type_expr(), expr(), clauses(&["label", "source"])).prop_map(|(n, t, e, c)| {
            [vec!["output".to_string(), format!("{n}:")], t, vec!["=".to_string()], e, c].concat()
        }),
        1 => (ident(), expr(), clauses(&["message", "source"]))
            .prop_map(|(n, e, c)| [vec!["assert".to_string(), format!("{n}:")], e, c].concat()),
        1 => (prop::sample::select(&["param", "rule", "let", "output"][..]), ident())
            .prop_map(|(k, n)| vec!["drop".to_string(), k.to_string(), n]),
    ]
}

/// What goes between two pieces of a declaration.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => Just(" ".to_string()),
        1 => Just("   ".to_string()),
        1 => Just("\t".to_string()),
        3 => (1usize..7).prop_map(|n| format!("\n{}", " ".repeat(n))),
        1 => (1usize..7).prop_map(|n| format!("  # note {n}\n{}", " ".repeat(n))),
        1 => (1usize..5).prop_map(|n| format!("\n{}# ligne à part\n{}", " ".repeat(n + 2), " ".repeat(n))),
    ]
}

/// What goes between two declarations.
fn between() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("\n".to_string()),
        3 => Just("\n\n".to_string()),
        1 => Just("\n\n\n\n".to_string()),
        1 => Just("\n# ---- section\n".to_string()),
        1 => Just("\n# ---- section avec espaces à la fin   \n".to_string()),
        1 => Just("\n\n  # commentaire indenté\n\n".to_string()),
        1 => Just("   \n".to_string()),
    ]
}

/// A rulebook: a header, then declarations laid out at random.
fn rulebook_text() -> impl Strategy<Value = String> {
    let laid_out = (declaration(), prop::collection::vec(gap(), 64)).prop_map(|(pieces, gaps)| {
        let mut out = String::new();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                out.push_str(&gaps[i % gaps.len()]);
            }
            out.push_str(piece);
        }
        out
    });
    (
        prop::collection::vec((laid_out, between()), 1..8),
        prop::option::of(Just("# en-tête\n")),
    )
        .prop_map(|(declarations, lead)| {
            let mut out = lead.unwrap_or("").to_string();
            out.push_str("rulebook \"Essai\"\n  year \"2023-2024\"\n  source \"note\"\n");
            for (declaration, after) in declarations {
                out.push('\n');
                out.push_str(&declaration);
                out.push_str(&after);
            }
            out
        })
}

/// Formats `text` and checks the two properties of the formatter on it.
fn check_formatter(text: &str) -> Result<(), TestCaseError> {
    let (module, diagnostics) = parse(FileId(0), text);
    prop_assert!(
        diagnostics.is_empty(),
        "the generator wrote something that does not parse:\n{text}\n{diagnostics:?}"
    );
    let once = format(text).map_err(|e| TestCaseError::fail(format!("{e}\n--- input ---\n{text}")))?;
    let twice = format(&once).map_err(|e| TestCaseError::fail(format!("{e}\n--- once ---\n{once}")))?;
    prop_assert_eq!(
        &twice,
        &once,
        "formatting twice changed the text; input:\n{}",
        text
    );
    let (again, diagnostics) = parse(FileId(0), &once);
    prop_assert!(diagnostics.is_empty());
    prop_assert_eq!(again.declarations.len(), module.declarations.len());
    for (before, after) in module.declarations.iter().zip(&again.declarations) {
        prop_assert!(
            same_declaration(before, after),
            "{:?}\nbecame\n{:?}\n--- input ---\n{}\n--- formatted ---\n{}",
            before,
            after,
            text,
            once
        );
    }
    // Every comment is kept.
    let comments = |t: &str| {
        t.lines()
            .filter_map(|l| l.find("# ").map(|i| l[i..].trim_end().to_string()))
            .filter(|c| {
                c.starts_with("# note")
                    || c.starts_with("# ligne")
                    || c.starts_with("# comm")
                    || c.starts_with("# ----")
                    || c.starts_with("# en-")
            })
            .count()
    };
    prop_assert_eq!(
        comments(&once),
        comments(text),
        "a comment was lost:\n{}\n---\n{}",
        text,
        once
    );
    // Where comments go: one at the start of a line between declarations
    // stays there; one on a line of its own inside a declaration is aligned
    // with the line of code under it.
    let lines: Vec<&str> = once.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("# ---- section") {
            prop_assert_eq!(
                indent(line),
                0,
                "moved: {:?}\n--- input ---\n{}\n--- formatted ---\n{}",
                line,
                text,
                once
            );
        }
        if line.trim_start().starts_with("# ligne à part") {
            let next = lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if let Some(next) = next.filter(|n| indent(n) > 0 && !n.trim_start().starts_with('}')) {
                prop_assert_eq!(
                    indent(line),
                    indent(next),
                    "not aligned: {:?} above {:?}\n--- input ---\n{}\n--- formatted ---\n{}",
                    line,
                    next,
                    text,
                    once
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 300, max_shrink_iters: 2000, ..Config::default() })]

    #[test]
    fn formatting_is_idempotent_and_keeps_the_declarations(text in rulebook_text()) {
        check_formatter(&text)?;
    }
}

// ---------------------------------------------------------------- real rulebooks, other values

/// A literal of the kind a parameter's type asks for.
fn value_for(ty: &str) -> BoxedStrategy<String> {
    match ty {
        "money" => number().prop_map(|n| format!("{n} €")).boxed(),
        "rate" => number().prop_map(|n| format!("{n} %")).boxed(),
        "integer" => (0u64..100_000).prop_map(|n| n.to_string()).boxed(),
        "date" => (2000u32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
            .boxed(),
        "text" => text().boxed(),
        "range integer" => (0u64..50, 0u64..50)
            .prop_map(|(a, b)| format!("{a} ..= {}", a + b))
            .boxed(),
        "range date" => (2000u32..2100, 1u32..13, 1u32..29, 1u32..29)
            .prop_map(|(y, m, d1, d2)| format!("{y}-{m:02}-{d1:02} ..= {y}-{m:02}-{d2:02}"))
            .boxed(),
        "list text" => prop::collection::vec(text(), 0..4)
            .prop_map(|ts| format!("[{}]", ts.join(", ")))
            .boxed(),
        _ => Just(String::new()).boxed(),
    }
}

/// The real rulebooks, each parameter's value replaced by a generated one.
fn mutated_rulebook() -> impl Strategy<Value = String> {
    let files = vec![
        "rules/national/2023-2024.clas",
        "rules/national/2024-2025.clas",
        "rules/caf-63/2023-2024.clas",
        "rules/caf-63/2024-2025.clas",
    ];
    prop::sample::select(files).prop_flat_map(|file| {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let strategies: Vec<BoxedStrategy<String>> = lines
            .iter()
            .map(|line| {
                let param = line
                    .strip_prefix("override param ")
                    .or_else(|| line.strip_prefix("param "));
                match param.and_then(|rest| {
                    let (_, after_colon) = rest.split_once(": ")?;
                    let (ty, _) = after_colon.split_once(" = ")?;
                    Some(ty.to_string())
                }) {
                    Some(ty) => {
                        let head = line[..line.find(" = ").unwrap() + 3].to_string();
                        value_for(&ty)
                            .prop_map(move |v| {
                                if v.is_empty() {
                                    String::new()
                                } else {
                                    format!("{head}{v}")
                                }
                            })
                            .boxed()
                    }
                    None => Just(String::new()).boxed(),
                }
            })
            .collect();
        strategies.prop_map(move |replacements| {
            lines
                .iter()
                .zip(replacements)
                .map(|(line, new)| if new.is_empty() { line.clone() } else { new })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        })
    })
}

proptest! {
    #![proptest_config(Config { cases: 100, ..Config::default() })]

    #[test]
    fn the_real_rulebooks_with_other_values_format_the_same_way(text in mutated_rulebook()) {
        check_formatter(&text)?;
    }
}

// ================================================================ decisions

fn program_2023() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    PROGRAM.get_or_init(|| {
        let dir = RulesSource::Dir(root().join("rules"));
        let found = rulebook::for_year(&dir, "2023-2024").unwrap();
        let compiled = rulebook::load(&dir, found).unwrap();
        compiled.program.unwrap()
    })
}

/// A generated application (`clas-rules gen`'s generator), as JSON.
fn application() -> impl Strategy<Value = serde_json::Value> {
    any::<u64>().prop_map(|seed| {
        let mut out = Vec::new();
        clas_rules::generate::applications(program_2023(), 1, seed, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    })
}

fn decode(document: &serde_json::Value) -> Value {
    clas_rules::input::decode::decode(program_2023(), &document.to_string())
        .unwrap_or_else(|e| panic!("{e:?}\n{document}"))
}

fn global(program: &Program, name: &str) -> Value {
    let id = program.globals.iter().position(|g| g.name == name).unwrap();
    Machine::new(program, None).global(id).unwrap()
}

/// The `montant` of each collectif.
fn montants(program: &Program, outcome: &eval::Outcome) -> Vec<Decimal> {
    let list = program
        .item_lists
        .iter()
        .position(|l| l.key == "collectifs")
        .unwrap();
    let at = program.item_lists[list]
        .outputs
        .iter()
        .position(|o| o.name == "montant")
        .unwrap();
    outcome.items[list]
        .iter()
        .map(|item| match &item.outputs[at] {
            Value::Money(m) => *m,
            other => panic!("montant is {other:?}"),
        })
        .collect()
}

fn output(program: &Program, outcome: &eval::Outcome, name: &str) -> Value {
    let at = program
        .outputs
        .iter()
        .position(|id| program.globals[*id].name == name)
        .unwrap();
    outcome.outputs[at].clone()
}

fn ps_maximale() -> Decimal {
    match global(program_2023(), "ps_maximale") {
        Value::Money(m) => m,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_maximum_of_the_rulebook_is_the_maximum_of_the_note() {
    // §3 of the note: "la valeur maximale de la Ps est de 2 563 €".
    assert_eq!(ps_maximale(), Decimal::from(2563));
}

fn every_money(value: &Value, out: &mut Vec<Decimal>) {
    match value {
        Value::Money(m) => out.push(*m),
        Value::Record(items) | Value::List(items) => items.iter().for_each(|v| every_money(v, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(Config { cases: 400, ..Config::default() })]

    #[test]
    fn a_collectif_never_gets_more_than_the_maximum(document in application()) {
        let program = program_2023();
        let outcome = eval::outcome(program, &decode(&document)).unwrap();
        for montant in montants(program, &outcome) {
            prop_assert!(montant <= ps_maximale(), "{montant} > {}", ps_maximale());
            prop_assert!(montant >= Decimal::ZERO);
        }
    }

    #[test]
    fn a_collectif_never_gets_less_when_its_expenses_rise(
        document in application(),
        which in any::<prop::sample::Index>(),
        cents in 1u64..2_000_000,
    ) {
        let program = program_2023();
        let collectifs = document["collectifs"].as_array().unwrap().len();
        prop_assume!(collectifs > 0);
        let i = which.index(collectifs);
        let before = eval::outcome(program, &decode(&document)).unwrap();
        let mut raised = document.clone();
        // Written as a number or as a text: the same amount.
        let old: Decimal = document["collectifs"][i]["depenses"].to_string().trim_matches('"').parse().unwrap();
        let new = old + Decimal::new(cents as i64, 2);
        raised["collectifs"][i]["depenses"] = serde_json::Value::String(format!("{new:.2}"));
        let after = eval::outcome(program, &decode(&raised)).unwrap();
        prop_assert_eq!(after.status, before.status, "expenses alone changed the status");
        let (b, a) = (montants(program, &before), montants(program, &after));
        prop_assert!(a[i] >= b[i], "collectif {}: {} € of expenses gave {}, {} € gave {}", i, old, b[i], new, a[i]);
        for j in (0..collectifs).filter(|j| *j != i) {
            prop_assert_eq!(a[j], b[j], "another collectif's Ps moved");
        }
        match (output(program, &before, "ps"), output(program, &after, "ps")) {
            (Value::Money(b), Value::Money(a)) => prop_assert!(a >= b, "total Ps fell: {} -> {}", b, a),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_amount_is_a_whole_number_of_euros(document in application()) {
        let program = program_2023();
        let outcome = eval::outcome(program, &decode(&document)).unwrap();
        let mut amounts = Vec::new();
        outcome.outputs.iter().for_each(|v| every_money(v, &mut amounts));
        for list in &outcome.items {
            for item in list {
                item.outputs.iter().for_each(|v| every_money(v, &mut amounts));
            }
        }
        prop_assert!(!amounts.is_empty());
        for amount in amounts {
            prop_assert_eq!(amount, amount.trunc(), "{} is not whole euros", amount);
        }
        // And as written in the JSON contract: "…\.00".
        let decision = eval::decide(program, &decode(&document), None).unwrap();
        let json = decision.to_json();
        for (name, value) in json["outputs"].as_object().unwrap() {
            // Amounts only: the carrier's name is a text output too.
            if let Some(text) = value.as_str().filter(|_| name != "porteur") {
                prop_assert!(text.ends_with(".00"), "{name}: {text}");
            }
        }
    }

    #[test]
    fn the_same_application_gives_the_same_bytes(document in application()) {
        let program = program_2023();
        let text = document.to_string();
        let first = eval::decide(program, &decode(&document), None).unwrap();
        let second = eval::decide(
            program,
            &clas_rules::input::decode::decode(program, &text).unwrap(),
            None,
        )
        .unwrap();
        prop_assert_eq!(first.to_json().to_string(), second.to_json().to_string());
        prop_assert_eq!(first.to_human(), second.to_human());
    }

    #[test]
    fn the_reasons_are_exactly_the_rules_that_fired(document in application()) {
        let program = program_2023();
        let input = decode(&document);
        let outcome = eval::outcome(program, &input).unwrap();
        let decision = eval::decide(program, &input, None).unwrap();
        let mut fired: Vec<(String, Option<usize>)> = outcome
            .fired
            .iter()
            .map(|f| (program.rules[f.rule].name.clone(), f.item.map(|(_, i)| i)))
            .collect();
        let mut reasons: Vec<(String, Option<usize>)> = decision
            .reasons
            .iter()
            .map(|r| (r.rule.clone(), r.item.as_ref().map(|(_, i)| *i)))
            .collect();
        fired.sort();
        reasons.sort();
        prop_assert_eq!(&reasons, &fired);
        for reason in &decision.reasons {
            let rule = program.rules.iter().find(|r| r.name == reason.rule).unwrap();
            prop_assert_eq!(reason.severity, rule.severity);
            prop_assert_eq!(&reason.message, &rule.message);
        }
        prop_assert_eq!(decision.status, outcome.status);
    }
}

// ---------------------------------------------------------------- whole campaigns

#[test]
fn a_campaign_gives_the_same_bytes_on_one_thread_and_on_several() {
    let dir = std::env::temp_dir().join(format!("clas-rules-properties-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("campagne.jsonl");
    let mut out = Vec::new();
    clas_rules::generate::applications(program_2023(), 3000, 42, &mut out).unwrap();
    std::fs::write(&file, &out).unwrap();
    let run = |threads: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_clas-rules"))
            .args(["eval", "--batch", file.to_str().unwrap()])
            .current_dir(root())
            .env_remove("CLAS_RULES_DIR")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        output.stdout
    };
    let one = run("1");
    assert_eq!(one.iter().filter(|b| **b == b'\n').count(), 3000);
    assert_eq!(run("3"), one);
    assert_eq!(run("1"), one);
}

/// JSON white space: none most of the time, else a few of its four characters.
fn space(rng: &mut Rng, out: &mut String) {
    if rng.chance(60) {
        return;
    }
    for _ in 0..rng.between(1, 3) {
        out.push([' ', '\t', '\n', '\r'][rng.between(0, 3) as usize]);
    }
}

/// A JSON text with some characters escaped (`\u00e9`, `\/`, `\n`…).
fn escaped(rng: &mut Rng, text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            '/' if rng.chance(50) => out.push_str("\\/"),
            c if rng.chance(if c.is_ascii() { 5 } else { 60 }) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    if rng.chance(50) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    } else {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `value` written as another tool might: the keys of every object in a
/// random order, white space wherever JSON allows it, amounts written as
/// texts turned into numbers, texts (keys included) with escapes.
fn write_other(rng: &mut Rng, value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(members) => {
            let mut order: Vec<(&String, &serde_json::Value)> = members.iter().collect();
            for last in (1..order.len()).rev() {
                order.swap(last, rng.between(0, last as i64) as usize);
            }
            out.push('{');
            space(rng, out);
            for (i, (key, member)) in order.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    space(rng, out);
                }
                escaped(rng, key, out);
                space(rng, out);
                out.push(':');
                space(rng, out);
                match member {
                    // The Caf is a text, even when it is all digits.
                    serde_json::Value::String(caf) if key == "caf" => escaped(rng, caf, out),
                    _ => write_other(rng, member, out),
                }
                space(rng, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            space(rng, out);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    space(rng, out);
                }
                write_other(rng, item, out);
                space(rng, out);
            }
            out.push(']');
        }
        // An amount written as a text ("5294.59"): as a number, most times.
        serde_json::Value::String(text)
            if !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && rng.chance(80) =>
        {
            out.push_str(text)
        }
        serde_json::Value::String(text) => escaped(rng, text, out),
        other => out.push_str(&other.to_string()),
    }
}

/// A generated application (`clas-rules gen`'s generator, in any of its
/// styles), written again as another tool might ([`write_other`]), beside
/// its text as generated.
fn other_tools_application() -> impl Strategy<Value = (String, String)> {
    (any::<u64>(), any::<u64>(), 0..3u8, any::<bool>()).prop_map(|(seed, form_seed, style, caf)| {
        let form = clas_rules::generate::Form {
            style: match style {
                0 => clas_rules::generate::Style::Contract,
                1 => clas_rules::generate::Style::OtherTool,
                _ => clas_rules::generate::Style::Shuffled,
            },
            // Half name their Caf, wherever the style puts the member.
            caf: caf.then(|| "63".to_string()),
        };
        let mut out = Vec::new();
        clas_rules::generate::applications_in(program_2023(), 1, seed, &form, &mut out).unwrap();
        let generated = String::from_utf8(out).unwrap();
        let document: serde_json::Value = serde_json::from_str(&generated).unwrap();
        let mut rng = Rng::new(form_seed);
        let mut text = String::new();
        space(&mut rng, &mut text);
        write_other(&mut rng, &document, &mut text);
        space(&mut rng, &mut text);
        (generated, text)
    })
}

/// A generated application's JSON text (in the contract's form, or as
/// another tool writes it), then one edit of it: a character replaced,
/// removed or inserted, from a set that breaks JSON, numbers, dates and
/// names in the ways typing does.
fn mutated_application() -> impl Strategy<Value = String> {
    let edit_chars = prop::sample::select(vec![
        '"', '\\', ',', ':', '{', '}', '[', ']', '-', '.', 'e', '0', '9', ' ', 'é', 'x', '\t', '\u{0}', 'u',
    ]);
    let place = (any::<bool>(), any::<prop::sample::Index>());
    let text = prop_oneof![
        any::<u64>().prop_map(|seed| {
            let mut out = Vec::new();
            clas_rules::generate::applications(program_2023(), 1, seed, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        }),
        other_tools_application().prop_map(|(_, text)| text),
    ];
    (text, place, 0..3u8, edit_chars).prop_map(|(text, (at_value, at), kind, c)| {
        let text = text.trim_end();
        let chars: Vec<char> = text.chars().collect();
        // Half the edits fall where a value starts, where they matter most.
        let value_starts: Vec<usize> = (1..chars.len()).filter(|&i| chars[i - 1] == ':').collect();
        let at = if at_value {
            value_starts[at.index(value_starts.len())]
        } else {
            at.index(chars.len())
        };
        let mut edited: Vec<char> = chars.clone();
        match kind {
            0 => edited[at] = c,
            1 => {
                edited.remove(at);
            }
            _ => edited.insert(at, c),
        }
        edited.into_iter().collect()
    })
}

/// The fast reader of campaigns, with its buffers and learned key orders
/// kept from one case to the next, as in a campaign.
fn fast_decode(text: &str) -> Option<Value> {
    fast_decode_with_caf(text).map(|(value, _)| value)
}

/// [`fast_decode`], with what the fast reader says of the application's
/// top-level `caf` ([`clas_rules::input::fast::Scratch::caf_read`]).
fn fast_decode_with_caf(text: &str) -> Option<(Value, Option<Option<String>>)> {
    static PREPARED: OnceLock<clas_rules::input::fast::Prepared<'static>> = OnceLock::new();
    thread_local! {
        static SCRATCH: std::cell::RefCell<clas_rules::input::fast::Scratch> = Default::default();
    }
    let prepared = PREPARED.get_or_init(|| clas_rules::input::fast::Prepared::new(program_2023()));
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let value = prepared.decode(text, &mut scratch)?;
        let caf = scratch.caf_read(text).map(|caf| caf.map(str::to_string));
        Some((value, caf))
    })
}

/// A campaign checks the Caf it guessed against the one the fast reader
/// read: that one must be the application's top-level `caf` text, or
/// "cannot tell" only when that text has escapes.
fn check_caf_read(text: &str) -> Result<(), TestCaseError> {
    if let Some((_, caf)) = fast_decode_with_caf(text) {
        let top = clas_rules::input::fast::caf_hint(text);
        match caf {
            Some(caf) => prop_assert_eq!(caf.as_deref(), top.as_deref(), "{}", text),
            None => prop_assert!(
                top.is_some() && text.contains('\\'),
                "the Caf read is not told, yet the top-level caf is {:?}\n{}",
                top,
                text
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config::with_cases(5000))]

    /// Campaigns read applications with a fast reader and fall back on the
    /// precise one: whatever the fast reader accepts, the precise reader
    /// accepts too, with the same value.
    #[test]
    fn the_fast_reader_accepts_only_what_the_precise_reader_accepts(text in mutated_application()) {
        let program = program_2023();
        let precise = clas_rules::input::decode::decode(program, &text);
        if let Some(fast) = clas_rules::input::fast::decode(program, &text) {
            prop_assert_eq!(Ok(fast), precise.clone(), "{}", text);
        }
        if let Some(fast) = fast_decode(&text) {
            prop_assert_eq!(Ok(fast), precise, "{}", text);
        }
        check_caf_read(&text)?;
    }

    /// What other tools write, the fast reader reads itself (it never hands
    /// it over: the share left to the precise reader is zero), with the
    /// precise reader's value, which is the application's as generated.
    #[test]
    fn the_fast_reader_reads_what_other_tools_write((generated, text) in other_tools_application()) {
        let program = program_2023();
        let precise = clas_rules::input::decode::decode(program, &text);
        prop_assert!(precise.is_ok(), "{:?}\n{}", precise, text);
        let fast = fast_decode(&text);
        prop_assert!(fast.is_some(), "the fast reader handed over\n{}", text);
        prop_assert_eq!(fast.clone().ok_or(()), precise.map_err(|_| ()), "{}", text);
        prop_assert_eq!(
            fast.ok_or(()),
            clas_rules::input::decode::decode(program, &generated).map_err(|_| ()),
            "{}",
            text
        );
        let year = clas_rules::input::fast::year_hint(&text);
        prop_assert_eq!(year.as_deref(), Some("2023-2024"), "{}", text);
        check_caf_read(&text)?;
    }
}
