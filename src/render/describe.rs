//! What a declaration of a rulebook is, said once for every place that shows
//! it: the editor's hover (Markdown) and the rulebook's documentation site
//! (HTML) are both built from the [`Description`] made here. Pure: the caller
//! loads the rulebooks of the other years and passes them in.

use crate::decision::render_in_sentence;
use crate::diagnostic::{SourceMap, Span};
use crate::i18n::Message;
use crate::msg;
use crate::program::{GlobalKind, Program, Symbol, Type, TypeInWords, TypeName};
use crate::syntax::ast::RuleSeverity;

/// One year's rulebook, for the values of a parameter over the years.
#[derive(Clone, Copy, Debug)]
pub struct YearProgram<'a> {
    /// The school year (`2023-2024`).
    pub year: &'a str,
    /// Its compiled rulebook.
    pub program: &'a Program,
    /// The texts it was compiled from and the layer of each, in the same
    /// order, to say which file set a value; `None` not to say it.
    pub origin: Option<Origin<'a>>,
}

/// The texts a rulebook was compiled from, with the layer of each.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// The texts.
    pub sources: &'a SourceMap,
    /// The layer of each text (`national`, `caf-63`), `None` for a folder of one layer.
    pub layers: &'a [Option<String>],
}

/// The file whose declaration gave a value, and its layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetIn {
    /// Its name (as the rulebook was loaded: a path).
    pub file: String,
    /// Its layer, if the folder has layers.
    pub layer: Option<String>,
}

/// A parameter's value in one year: `None` when that year has no such parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearValue {
    /// The school year.
    pub year: String,
    /// The value, as a sentence shows it (`7 885 €`).
    pub value: Option<String>,
    /// Which file set it, when the year's rulebook says where it came from.
    pub set_in: Option<SetIn>,
}

/// A field of a record, for the description of the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSummary {
    /// Its name.
    pub name: String,
    /// Its type as written (`optional date`).
    pub written_type: String,
    /// Its type in words.
    pub type_in_words: Message,
    /// The value assumed for the applications of earlier years, if any.
    pub default: Option<String>,
    /// The comment written just above it, if any.
    pub doc: Option<String>,
}

/// What kind of declaration, with what only that kind has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `param`: a figure of the note.
    Param,
    /// `let`: a value derived from others.
    Let,
    /// `output`: a value of the decision.
    Output,
    /// An output computed for each item of a list (`output montant for c in …`).
    ItemOutput {
        /// The list's key in the decision (`collectifs`).
        list: String,
    },
    /// `def`: a function.
    Def {
        /// Its arguments' types, as written.
        params: Vec<String>,
    },
    /// A rule.
    Rule {
        /// What it does when it fires.
        severity: RuleSeverity,
        /// The list whose items it applies to (`demande.collectifs`), if any.
        list: Option<String>,
        /// What staff read when it fires.
        message: String,
    },
    /// An assertion, checked when the rulebook loads.
    Assert,
    /// An enumeration.
    Enum {
        /// Its values, in order, each with its label when it has one.
        values: Vec<(String, Option<String>)>,
    },
    /// A record type.
    Record {
        /// Its fields, in order.
        fields: Vec<FieldSummary>,
    },
    /// The application itself (`demande`).
    Input {
        /// Its fields, in order.
        fields: Vec<FieldSummary>,
    },
    /// A field of a record.
    Field {
        /// The record it belongs to.
        record: String,
        /// The value assumed for the applications of earlier years, if any.
        default: Option<String>,
    },
    /// A value of an enumeration.
    Variant {
        /// The enumeration it belongs to.
        enumeration: String,
    },
}

/// A declaration described for people: the hover and the documentation site
/// show these facts, each in its own markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// Which kind of declaration.
    pub kind: Kind,
    /// Its name in the rulebook.
    pub name: String,
    /// Its name for staff, if the rulebook gives one.
    pub label: Option<String>,
    /// Its type as written (`money`), when it has one.
    pub written_type: Option<String>,
    /// Its type in words (« un montant en euros »), when it has one.
    pub type_in_words: Option<Message>,
    /// Its value, when it does not depend on the application.
    pub value: Option<String>,
    /// Whether it is computed anew for each application (a `let` or an
    /// output without a constant value).
    pub per_application: bool,
    /// For a parameter, its value in each year given, in year order.
    pub by_year: Vec<YearValue>,
    /// The section of the note it cites.
    pub source: Option<String>,
    /// The comment written just above the declaration, if any.
    pub doc: Option<String>,
    /// How it is computed (or, for a rule, when it fires), as written.
    pub formula: Option<String>,
    /// How it is computed, in words (from [`crate::render::words`]).
    pub in_words: Option<Message>,
}

impl Description {
    fn new(kind: Kind, name: &str) -> Description {
        Description {
            kind,
            name: name.to_string(),
            label: None,
            written_type: None,
            type_in_words: None,
            value: None,
            per_application: false,
            by_year: Vec::new(),
            source: None,
            doc: None,
            formula: None,
            in_words: None,
        }
    }

    /// The values of a parameter in the years where it exists.
    pub fn years_present(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_year
            .iter()
            .filter_map(|y| y.value.as_deref().map(|v| (y.year.as_str(), v)))
    }

    /// The values of a parameter in the years where it exists, each with
    /// the file that set it (when known).
    pub fn years_set(&self) -> impl Iterator<Item = (&str, &str, Option<&SetIn>)> {
        self.by_year.iter().filter_map(|y| {
            y.value
                .as_deref()
                .map(|v| (y.year.as_str(), v, y.set_in.as_ref()))
        })
    }
}

/// The words of a rule's severity: « refus », « dossier incomplet »…
pub fn severity_words(severity: RuleSeverity) -> Message {
    match severity {
        RuleSeverity::Refuse => msg!("hover-severity-refuse"),
        RuleSeverity::Incomplete => msg!("hover-severity-incomplete"),
        RuleSeverity::Warn => msg!("hover-severity-warn"),
        RuleSeverity::Info => msg!("hover-severity-info"),
    }
}

/// The comment lines written just above `span` (no blank line between), as
/// one paragraph; `None` when there are none.
fn doc_comment(sources: &SourceMap, span: Span) -> Option<String> {
    let (file, local) = sources.locate(span)?;
    let text = sources.text(file);
    let before = text.get(..local.start)?;
    // Only from the start of the declaration's line.
    let line_start = before.rfind('\n').map(|at| at + 1).unwrap_or(0);
    if !before.get(line_start..)?.trim().is_empty() {
        return None;
    }
    let mut lines: Vec<&str> = Vec::new();
    for line in before.get(..line_start)?.lines().rev() {
        let Some(comment) = line.trim().strip_prefix('#') else {
            break;
        };
        lines.push(comment.trim());
    }
    lines.reverse();
    let paragraph = lines
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!paragraph.is_empty()).then_some(paragraph)
}

/// The comment lines that open a rulebook's own text, before its header: its
/// presentation, as one paragraph per block (a line that starts with `- `
/// starts one too, as an item of a list).
pub fn rulebook_comment(text: &str) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.trim().strip_prefix('#') else {
            break;
        };
        let comment = comment.trim();
        if comment.starts_with("- ") && !current.is_empty() {
            paragraphs.push(current.join(" "));
            current.clear();
        }
        if comment.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(comment);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
}

/// A text of the sources, as written (indentation kept relative to its first line).
fn written(sources: &SourceMap, span: Span) -> Option<String> {
    let text = sources.slice(span).trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn field_summaries(
    program: &Program,
    sources: Option<&SourceMap>,
    fields: &[crate::program::FieldDef],
) -> Vec<FieldSummary> {
    fields
        .iter()
        .map(|f| FieldSummary {
            name: f.name.clone(),
            written_type: TypeName(&f.ty, program).to_string(),
            type_in_words: TypeInWords(&f.ty, program).message(),
            default: f.default.as_ref().map(|v| render_in_sentence(v, &f.ty, program)),
            doc: sources.and_then(|s| doc_comment(s, f.span)),
        })
        .collect()
}

fn typed(description: &mut Description, ty: &Type, program: &Program) {
    description.written_type = Some(TypeName(ty, program).to_string());
    description.type_in_words = Some(TypeInWords(ty, program).message());
}

/// The description of a symbol of `program`. `sources` (the texts it was
/// compiled from) gives the comments and formulas as written; `years` (the
/// rulebooks of every year, in any order) gives a parameter's values over
/// the years. `None` for a symbol the program does not declare.
pub fn describe(
    program: &Program,
    sources: Option<&SourceMap>,
    symbol: &Symbol,
    years: &[YearProgram],
) -> Option<Description> {
    let doc = |span: Span| sources.and_then(|s| doc_comment(s, span));
    let formula = |span: Span| sources.and_then(|s| written(s, span));
    Some(match symbol {
        Symbol::Global(name) => {
            let global = program.globals.iter().find(|g| &g.name == name)?;
            let kind = match global.kind {
                GlobalKind::Param => Kind::Param,
                GlobalKind::Let => Kind::Let,
                GlobalKind::Output => Kind::Output,
            };
            let mut d = Description::new(kind, name);
            typed(&mut d, &global.ty, program);
            d.label = global.label.clone();
            d.value = global
                .constant
                .as_ref()
                .map(|value| render_in_sentence(value, &global.ty, program));
            d.per_application = global.constant.is_none() && global.kind != GlobalKind::Param;
            d.source = global.source.clone();
            d.doc = doc(global.span);
            d.formula = formula(global.expr.span);
            if global.kind != GlobalKind::Param {
                d.in_words = sources.map(|s| crate::render::words::expression(program, s, &global.expr));
            }
            if global.kind == GlobalKind::Param {
                d.by_year = values_by_year(name, years);
            }
            d
        }
        Symbol::Def(name) => {
            let def = program.defs.iter().find(|d| &d.name == name)?;
            let params = def
                .params
                .iter()
                .map(|t| TypeName(t, program).to_string())
                .collect();
            let mut d = Description::new(Kind::Def { params }, name);
            typed(&mut d, &def.ty, program);
            d.per_application = true;
            d.doc = doc(def.name_span);
            d.formula = formula(def.body.span);
            d.in_words = sources.map(|s| crate::render::words::expression(program, s, &def.body));
            d
        }
        Symbol::Rule(name) => {
            let Some(rule) = program.rules.iter().find(|r| &r.name == name) else {
                return Some(Description::new(Kind::Assert, name));
            };
            let list = rule
                .scope
                .and_then(|l| program.item_lists.get(l))
                .map(|l| l.path_text.clone());
            let mut d = Description::new(
                Kind::Rule {
                    severity: rule.severity,
                    list,
                    message: rule.message.clone(),
                },
                name,
            );
            d.source = rule.source.clone();
            d.doc = doc(rule.span);
            d.formula = formula(rule.condition.span).map(|condition| {
                let word = if rule.unless { "unless" } else { "when" };
                format!("{} {word} {condition}", rule.severity.keyword())
            });
            d.in_words = sources.map(|s| crate::render::words::condition(program, s, rule));
            d
        }
        Symbol::Type(name) => {
            if let Some(enumeration) = program.enums.iter().find(|e| &e.name == name) {
                let mut d = Description::new(
                    Kind::Enum {
                        values: enumeration
                            .variants
                            .iter()
                            .enumerate()
                            .map(|(at, v)| (v.clone(), enumeration.given_label(at).map(str::to_string)))
                            .collect(),
                    },
                    name,
                );
                d.doc = doc(enumeration.span);
                d
            } else {
                let record = program.records.iter().find(|r| &r.name == name)?;
                let fields = field_summaries(program, sources, &record.fields);
                let mut d = Description::new(Kind::Record { fields }, name);
                d.doc = doc(record.span);
                d
            }
        }
        Symbol::Input => {
            let record = program.records.get(program.input)?;
            let fields = field_summaries(program, sources, &record.fields);
            let mut d = Description::new(Kind::Input { fields }, &program.input_name);
            d.doc = doc(record.span);
            d
        }
        Symbol::Field(record, field) => {
            let def = program
                .records
                .iter()
                .find(|r| &r.name == record)?
                .fields
                .iter()
                .find(|f| &f.name == field)?;
            let mut d = Description::new(
                Kind::Field {
                    record: record.clone(),
                    default: def
                        .default
                        .as_ref()
                        .map(|v| render_in_sentence(v, &def.ty, program)),
                },
                field,
            );
            typed(&mut d, &def.ty, program);
            d.doc = doc(def.span);
            d
        }
        Symbol::Variant(enumeration, variant) => {
            let mut d = Description::new(
                Kind::Variant {
                    enumeration: enumeration.clone(),
                },
                variant,
            );
            d.label = program
                .enums
                .iter()
                .find(|e| &e.name == enumeration)
                .and_then(|e| {
                    let at = e.variants.iter().position(|v| v == variant)?;
                    e.given_label(at).map(str::to_string)
                });
            d
        }
        Symbol::ItemOutput(list, name) => {
            let output = program
                .item_lists
                .iter()
                .find(|l| &l.key == list)?
                .outputs
                .iter()
                .find(|o| &o.name == name)?;
            let mut d = Description::new(Kind::ItemOutput { list: list.clone() }, name);
            typed(&mut d, &output.ty, program);
            d.label = output.label.clone();
            d.per_application = true;
            d.source = output.source.clone();
            d.doc = doc(output.name_span);
            d.formula = formula(output.expr.span);
            d.in_words = sources.map(|s| crate::render::words::expression(program, s, &output.expr));
            d
        }
    })
}

/// A parameter's value in each year, in year order; empty when no year is given.
fn values_by_year(name: &str, years: &[YearProgram]) -> Vec<YearValue> {
    let mut values: Vec<YearValue> = years
        .iter()
        .map(|year| {
            let global = year
                .program
                .globals
                .iter()
                .find(|g| g.name == name && g.kind == GlobalKind::Param);
            YearValue {
                year: year.year.to_string(),
                value: global.and_then(|g| {
                    g.constant
                        .as_ref()
                        .map(|v| render_in_sentence(v, &g.ty, year.program))
                }),
                // The declaration that won (the last `override`) is where the
                // program's value comes from.
                set_in: global.zip(year.origin).and_then(|(g, origin)| {
                    let (file, _) = origin.sources.locate(g.name_span)?;
                    Some(SetIn {
                        file: origin.sources.name(file).to_string(),
                        layer: origin.layers.get(file.0 as usize).cloned().flatten(),
                    })
                }),
            }
        })
        .collect();
    values.sort_by(|a, b| a.year.cmp(&b.year));
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::compile;

    const BOOK: &str = "rulebook \"t\"\n  year \"2023-2024\"\n  source \"s\"\n\nrecord Collectif {\n  # Le nom du groupe.\n  nom: text\n  enfants: integer\n}\n\ninput demande {\n  collectifs: list Collectif\n}\n\n# Le taux de la note.\n# Deux lignes.\nparam taux_ps: rate = 32,5 %\n  source \"§3\"\n\nparam plafond: money = 100 €\n\nrule petit for c in demande.collectifs:\n  refuse unless c.enfants >= 8\n  message \"Trop petit\"\n  source \"§3\"\n\noutput ps: money = plafond * taux_ps\n  label \"Ps\"\n";

    #[test]
    fn a_parameter_has_its_type_value_source_comment_and_years() {
        let compiled = compile("t.clas", BOOK);
        let program = compiled.program.as_ref().unwrap();
        let years = [YearProgram {
            year: "2023-2024",
            program,
            origin: None,
        }];
        let d = describe(
            program,
            Some(&compiled.sources),
            &Symbol::Global("taux_ps".into()),
            &years,
        )
        .unwrap();
        assert_eq!(d.kind, Kind::Param);
        assert_eq!(d.written_type.as_deref(), Some("rate"));
        assert_eq!(d.source.as_deref(), Some("§3"));
        assert_eq!(d.doc.as_deref(), Some("Le taux de la note. Deux lignes."));
        assert_eq!(d.formula.as_deref(), Some("32,5 %"));
        assert_eq!(
            d.years_present().collect::<Vec<_>>(),
            vec![("2023-2024", d.value.as_deref().unwrap())]
        );
        // No comment above `plafond`: a blank line separates it from the last one.
        let d = describe(
            program,
            Some(&compiled.sources),
            &Symbol::Global("plafond".into()),
            &[],
        )
        .unwrap();
        assert_eq!(d.doc, None);
        assert!(d.by_year.is_empty());
    }

    #[test]
    fn a_rule_has_its_severity_list_message_and_condition_as_written() {
        let compiled = compile("t.clas", BOOK);
        let program = compiled.program.as_ref().unwrap();
        let d = describe(
            program,
            Some(&compiled.sources),
            &Symbol::Rule("petit".into()),
            &[],
        )
        .unwrap();
        assert_eq!(
            d.kind,
            Kind::Rule {
                severity: RuleSeverity::Refuse,
                list: Some("demande.collectifs".into()),
                message: "Trop petit".into()
            }
        );
        assert_eq!(d.formula.as_deref(), Some("refuse unless c.enfants >= 8"));
        let d = describe(program, Some(&compiled.sources), &Symbol::Input, &[]).unwrap();
        let Kind::Input { fields } = d.kind else {
            panic!("{d:?}")
        };
        assert_eq!(fields.len(), 1);
        let d = describe(
            program,
            Some(&compiled.sources),
            &Symbol::Type("Collectif".into()),
            &[],
        )
        .unwrap();
        let Kind::Record { fields } = d.kind else {
            panic!("{d:?}")
        };
        assert_eq!(
            fields.first().and_then(|f| f.doc.as_deref()),
            Some("Le nom du groupe.")
        );
    }

    #[test]
    fn the_opening_comment_of_a_rulebook_is_its_presentation() {
        assert_eq!(
            rulebook_comment(
                "# Un.\n# Deux.\n#\n# Trois :\n#   - quatre ;\n#   - cinq.\n\nrulebook \"t\"\n# pas ceci\n"
            ),
            vec!["Un. Deux.", "Trois :", "- quatre ;", "- cinq."]
        );
    }
}
