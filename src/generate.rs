//! Synthetic applications for benchmarks and tests of batch runs: driven by
//! the rulebook's input schema (so every year's schema works), with values
//! drawn around the rulebook's own figures so that most applications are
//! plausible and a realistic share is refused or incomplete. Deterministic
//! for a seed.

use crate::program::{GlobalKind, Program, Type};
use crate::value::{Date, Value};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A small, fast, seeded generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high.saturating_sub(low))
            .unwrap_or(0)
            .saturating_add(1);
        low.saturating_add(i64::try_from(self.next_u64() % span.max(1)).unwrap_or(0))
    }

    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

const NAMES: [&str; 12] = [
    "Les Volcans Savants",
    "Centre social de la Tour",
    "Les Puys",
    "La Chaîne des Dômes",
    "Les Couzes",
    "Mairie de Saint-Éloy",
    "Les Combrailles",
    "Le Livradois",
    "Les Monts Dore",
    "Artense",
    "Val d'Allier",
    "Les Bois Noirs",
];

/// The value of a parameter of the rulebook, if it has one of that name.
fn param<'p>(program: &'p Program, name: &str) -> Option<&'p Value> {
    program
        .globals
        .iter()
        .find(|g| g.kind == GlobalKind::Param && g.name == name)
        .and_then(|g| g.constant.as_ref())
}

/// A date near a range of the rulebook: usually inside, sometimes just out.
fn date_near(rng: &mut Rng, range: Option<&Value>, fallback_year: i32) -> String {
    let (low, high) = match range {
        Some(Value::Range(bounds)) => match (&bounds.0, &bounds.1) {
            (Value::Date(a), Value::Date(b)) => (*a, *b),
            _ => return format!("{fallback_year}-06-20"),
        },
        _ => return format!("{fallback_year}-06-20"),
    };
    let inside = rng.chance(95);
    let year = low.year();
    let (month, day) = if inside {
        // Spread over the months of the range.
        let month = rng.between(6, 7);
        (month, rng.between(1, 28))
    } else {
        (8, rng.between(1, 28))
    };
    let candidate = Date::new(
        year,
        u32::try_from(month).unwrap_or(6),
        u32::try_from(day).unwrap_or(1),
    );
    match candidate {
        Some(date) if !inside || (date >= low && date <= high) => date.to_string(),
        _ => low.to_string(),
    }
}

struct Generator<'p> {
    program: &'p Program,
    rng: Rng,
    year: i32,
}

impl Generator<'_> {
    fn value(&mut self, out: &mut String, name: &str, ty: &Type) {
        let rng = &mut self.rng;
        match ty {
            Type::Optional(inner) => {
                let present = match name {
                    "msa" => rng.chance(25),
                    _ => rng.chance(92),
                };
                if present {
                    self.value(out, name, inner);
                } else {
                    out.push_str("null");
                }
            }
            Type::Bool => {
                let likely = match name {
                    "aide_aux_devoirs_exclusivement" => rng.chance(3),
                    "enfants_propose" | "parents_propose" => rng.chance(30),
                    n if n.contains("propose") => rng.chance(30),
                    _ => rng.chance(95),
                };
                out.push_str(if likely { "true" } else { "false" });
            }
            Type::Integer => {
                // Mostly within the rules, with some at and past the edges.
                let n = match name {
                    "enfants" if rng.chance(90) => rng.between(8, 12),
                    "enfants" => *[7, 13, 6, 14]
                        .get(usize::try_from(rng.between(0, 3)).unwrap_or(0))
                        .unwrap_or(&7),
                    n if n.contains("encadrant") => {
                        if rng.chance(92) {
                            rng.between(2, 3)
                        } else {
                            1
                        }
                    }
                    n if n.contains("annees") => rng.between(0, 8),
                    n if n.contains("collectifs") => rng.between(2, 6),
                    _ => rng.between(0, 10),
                };
                let _ = write!(out, "{n}");
            }
            Type::Decimal | Type::Rate => {
                let _ = write!(out, "{}", rng.between(0, 100));
            }
            Type::Money => {
                let cents = match name {
                    n if n.contains("depense") => rng.between(300_000, 1_000_000),
                    _ => rng.between(30_000, 200_000),
                };
                let amount = Decimal::new(cents, 2);
                if rng.chance(50) {
                    let _ = write!(out, "\"{amount}\"");
                } else {
                    let _ = write!(out, "{amount}");
                }
            }
            Type::Date => {
                let date = match name {
                    "depose_le" => date_near(rng, param(self.program, "periode_depot"), self.year),
                    _ => {
                        let deadline = param(self.program, "date_limite_bilan").and_then(|v| match v {
                            Value::Date(d) => Some(*d),
                            _ => None,
                        });
                        let day = rng.between(1, 25);
                        deadline
                            .and_then(|d| Date::new(d.year(), 7, u32::try_from(day).unwrap_or(1)))
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| format!("{}-07-01", self.year))
                    }
                };
                let _ = write!(out, "\"{date}\"");
            }
            Type::Text => {
                let text = match name {
                    "annee_scolaire" => self.program.header.year.clone(),
                    "plateforme" => if rng.chance(97) { "ELAN" } else { "Courriel" }.to_string(),
                    "financeur" => match param(self.program, "financeur_msa") {
                        Some(Value::Text(label)) if rng.chance(85) => label.to_string(),
                        _ => "MSA 63 PUY DE DOME".to_string(),
                    },
                    _ => {
                        let pick = usize::try_from(rng.next_u64() % NAMES.len() as u64).unwrap_or(0);
                        NAMES.get(pick).copied().unwrap_or("Les Puys").to_string()
                    }
                };
                out.push('"');
                out.push_str(&text.replace('"', "\\\""));
                out.push('"');
            }
            Type::Enum(id) => {
                let variants = self
                    .program
                    .enums
                    .get(*id)
                    .map(|e| e.variants.clone())
                    .unwrap_or_default();
                let pick = usize::try_from(rng.next_u64() % variants.len().max(1) as u64).unwrap_or(0);
                let _ = write!(
                    out,
                    "\"{}\"",
                    variants.get(pick).map(String::as_str).unwrap_or("")
                );
            }
            Type::List(item) => {
                out.push('[');
                if let Type::Enum(id) = **item {
                    // Lists of values (the axes): usually all of them.
                    let variants = self
                        .program
                        .enums
                        .get(id)
                        .map(|e| e.variants.clone())
                        .unwrap_or_default();
                    let mut first = true;
                    for variant in &variants {
                        if self.rng.chance(97) {
                            if !first {
                                out.push(',');
                            }
                            first = false;
                            let _ = write!(out, "\"{variant}\"");
                        }
                    }
                } else {
                    let count = self.rng.between(1, 3);
                    for i in 0..count {
                        if i > 0 {
                            out.push(',');
                        }
                        self.value(out, name, item);
                    }
                }
                out.push(']');
            }
            Type::Record(id) => {
                let fields = self
                    .program
                    .records
                    .get(*id)
                    .map(|r| r.fields.clone())
                    .unwrap_or_default();
                out.push('{');
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "\"{}\":", field.name);
                    self.value(out, &field.name, &field.ty);
                }
                out.push('}');
            }
            Type::Range(_) | Type::EmptyList | Type::Error => out.push_str("null"),
        }
    }
}

/// `count` applications for the rulebook, one JSON object per line.
pub fn applications(
    program: &Program,
    count: u64,
    seed: u64,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let year = program
        .header
        .year
        .split('-')
        .next()
        .and_then(|y| y.parse().ok())
        .unwrap_or(2023);
    let mut generator = Generator {
        program,
        rng: Rng::new(seed),
        year,
    };
    let mut line = String::with_capacity(1024);
    for _ in 0..count {
        line.clear();
        generator.value(&mut line, "demande", &Type::Record(program.input));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
