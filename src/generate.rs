//! Synthetic applications for benchmarks and tests of batch runs: driven by
//! the rulebook's input schema (so every year's schema works), with values
//! drawn around the rulebook's own figures so that most applications are
//! plausible and a realistic share is refused or incomplete. Deterministic
//! for a seed. Written in the contract's own form, or as other tools write
//! JSON ([`Style::OtherTool`]): the same applications for the same seed,
//! only written differently.

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

/// How the applications are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// As the contract's examples: the schema's order, no spaces, amounts
    /// as numbers or texts, texts as they are.
    #[default]
    Contract,
    /// As other tools write JSON (Python's `json.dumps(…, sort_keys=True)`,
    /// `jq -S`, serde_json's own `Value`): keys in alphabetical order, a
    /// space after `:` and `,`, amounts as JSON numbers without trailing
    /// zeros, every character beyond ASCII as a `\uXXXX` escape.
    OtherTool,
    /// [`Style::OtherTool`] with the keys of every object shuffled, each
    /// object its own way: the worst case for a reader that expects an order.
    Shuffled,
}

/// How to write the applications, beyond their values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Form {
    /// The style of the JSON text.
    pub style: Style,
    /// A top-level text member `"caf"` with this code, when given.
    pub caf: Option<String>,
}

struct Generator<'p> {
    program: &'p Program,
    rng: Rng,
    year: i32,
    style: Style,
    /// Draws the order of keys, apart from `rng` so that every style gives
    /// the same values for a seed.
    layout: Rng,
    /// A member to add to the next object written (the top-level `caf`).
    extra: Option<(String, String)>,
}

/// `text` as a JSON string (with its quotes), in `style`.
fn push_text(out: &mut String, text: &str, style: Style) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if style != Style::Contract && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl Generator<'_> {
    fn comma(&self) -> &'static str {
        match self.style {
            Style::Contract => ",",
            Style::OtherTool | Style::Shuffled => ", ",
        }
    }

    fn colon(&self) -> &'static str {
        match self.style {
            Style::Contract => ":",
            Style::OtherTool | Style::Shuffled => ": ",
        }
    }

    /// An object of `members` (each `(key, "key":value)`), in the style's order.
    fn record(&mut self, out: &mut String, mut members: Vec<(String, String)>) {
        if let Some(extra) = self.extra.take() {
            members.insert(0, extra);
        }
        match self.style {
            Style::Contract => {}
            Style::OtherTool => members.sort_by(|a, b| a.0.cmp(&b.0)),
            Style::Shuffled => {
                for last in (1..members.len()).rev() {
                    let pick = usize::try_from(self.layout.next_u64() % (last as u64 + 1)).unwrap_or(0);
                    members.swap(last, pick);
                }
            }
        }
        let members: Vec<String> = members.into_iter().map(|(_, member)| member).collect();
        out.push('{');
        for (i, member) in members.iter().enumerate() {
            if i > 0 {
                out.push_str(self.comma());
            }
            out.push_str(member);
        }
        out.push('}');
    }

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
                    // Sessions in the year: most projects plan about one a week.
                    n if n.contains("seances") => {
                        if rng.chance(85) {
                            rng.between(30, 40)
                        } else {
                            rng.between(20, 29)
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
                let as_text = rng.chance(50);
                if self.style != Style::Contract {
                    // A number, as a float prints: 922.9, 5000.
                    let _ = write!(out, "{}", amount.normalize());
                } else if as_text {
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
                push_text(out, &text, self.style);
            }
            Type::Enum(id) => {
                let variants = self
                    .program
                    .enums
                    .get(*id)
                    .map(|e| e.variants.clone())
                    .unwrap_or_default();
                let pick = usize::try_from(rng.next_u64() % variants.len().max(1) as u64).unwrap_or(0);
                push_text(
                    out,
                    variants.get(pick).map(String::as_str).unwrap_or(""),
                    self.style,
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
                                out.push_str(self.comma());
                            }
                            first = false;
                            push_text(out, variant, self.style);
                        }
                    }
                } else {
                    let count = self.rng.between(1, 3);
                    for i in 0..count {
                        if i > 0 {
                            out.push_str(self.comma());
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
                // The top-level object's extra member goes to it, not to the ones inside.
                let extra = self.extra.take();
                let mut members = Vec::with_capacity(fields.len() + 1);
                for field in &fields {
                    let mut member = String::new();
                    push_text(&mut member, &field.name, self.style);
                    member.push_str(self.colon());
                    self.value(&mut member, &field.name, &field.ty);
                    members.push((field.name.clone(), member));
                }
                self.extra = extra;
                self.record(out, members);
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
    applications_in(program, count, seed, &Form::default(), out)
}

/// [`applications`] written in a form: the same values for a seed, whatever
/// the style.
pub fn applications_in(
    program: &Program,
    count: u64,
    seed: u64,
    form: &Form,
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
        style: form.style,
        layout: Rng::new(seed ^ 0x005E_ED0F_0A7E_5EED),
        extra: None,
    };
    let mut line = String::with_capacity(1024);
    for _ in 0..count {
        line.clear();
        generator.extra = form.caf.as_ref().map(|caf| {
            let mut member = String::new();
            push_text(&mut member, "caf", form.style);
            member.push_str(generator.colon());
            push_text(&mut member, caf, form.style);
            ("caf".to_string(), member)
        });
        generator.value(&mut line, "demande", &Type::Record(program.input));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
