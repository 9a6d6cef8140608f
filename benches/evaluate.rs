//! Criterion benchmarks of the core on the 2023-2024 rulebook: one
//! evaluation of an application already decoded (by the compiled plan that
//! campaigns use, and by the tree walker that explains), decoding (the fast
//! reader) plus evaluation from JSON text, and the precise reader alone. `cargo bench --bench evaluate`.

use clas_rules::rulebook::{self, RulesSource};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn program() -> clas_rules::program::Program {
    let source = RulesSource::Dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"));
    let found = rulebook::for_year(&source, "2023-2024")
        .ok()
        .and_then(|f| rulebook::load(&source, f).ok());
    found
        .and_then(|c| c.program)
        .unwrap_or_else(|| std::process::exit(1))
}

fn applications(program: &clas_rules::program::Program, count: u64) -> Vec<String> {
    let mut out = Vec::new();
    if clas_rules::generate::applications(program, count, 42, &mut out).is_err() {
        std::process::exit(1);
    }
    String::from_utf8_lossy(&out)
        .lines()
        .map(str::to_string)
        .collect()
}

fn benches(c: &mut Criterion) {
    let program = program();
    let texts = applications(&program, 1000);
    let decoded: Vec<_> = texts
        .iter()
        .filter_map(|t| clas_rules::input::decode::decode(&program, t).ok())
        .collect();
    let mut group = c.benchmark_group("2023-2024");
    group.throughput(Throughput::Elements(decoded.len() as u64));
    let plan = clas_rules::eval::Plan::new(&program);
    group.bench_function("evaluate 1000 decoded applications (compiled plan)", |b| {
        let mut scratch = clas_rules::eval::PlanScratch::default();
        b.iter(|| {
            for input in &decoded {
                // As campaigns do: the next outcome reuses this one's buffers.
                if let Ok(outcome) = black_box(plan.outcome(input, &mut scratch)) {
                    scratch.recycle(outcome);
                }
            }
        })
    });
    group.bench_function("evaluate 1000 decoded applications (tree walker)", |b| {
        let mut scratch = clas_rules::eval::Scratch::default();
        b.iter(|| {
            for input in &decoded {
                let _ = black_box(clas_rules::eval::outcome_in(&program, input, &mut scratch));
            }
        })
    });
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function(
        "decode (fast reader) and evaluate (plan) 1000 JSON applications",
        |b| {
            let mut scratch = clas_rules::eval::PlanScratch::default();
            b.iter(|| {
                for text in &texts {
                    if let Some(input) = clas_rules::input::fast::decode(&program, text)
                        && let Ok(outcome) = black_box(plan.outcome(&input, &mut scratch))
                    {
                        scratch.recycle(outcome);
                    }
                }
            })
        },
    );
    group.bench_function("decode (precise reader) 1000 JSON applications", |b| {
        b.iter(|| {
            for text in &texts {
                let _ = black_box(clas_rules::input::decode::decode(&program, text));
            }
        })
    });
    group.finish();
}

criterion_group!(evaluate, benches);
criterion_main!(evaluate);
