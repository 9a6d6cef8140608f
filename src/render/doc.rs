//! The rulebook as a document, for reviewers who do not read code: an index
//! of the years, and for each year a page with its parameters (their value in
//! every year), rules, outputs, derived values, functions, the fields of an
//! application, what each declaration uses and what uses it, and what the
//! year changes from the one it extends. Pure: the caller loads the rulebooks
//! and writes the pages; every declaration is described by
//! [`super::describe`], as the editor's hover describes it.

use super::describe::{self, Description, Kind, YearProgram};
use super::html::Tr;
use crate::compare;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::program::{GlobalKind, Program, Reference, Symbol, TypeNames};
use crate::rulebook::Compiled;
use askama::Template;

/// One year's rulebook, loaded without error.
#[derive(Clone, Copy, Debug)]
pub struct YearBook<'a> {
    /// The school year its header declares.
    pub year: &'a str,
    /// The rulebook, with the texts it was compiled from.
    pub compiled: &'a Compiled,
    /// Its program.
    pub program: &'a Program,
}

/// A page of the site: its file name inside the site's folder, and its HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The file name (`index.html`, `2023-2024.html`).
    pub file: String,
    /// The whole page.
    pub html: String,
}

/// A link, relative to the page it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Where it goes (`#param-taux_ps`, `2023-2024.html#rule-x`).
    pub href: String,
    /// The name in the rulebook, shown as code.
    pub name: String,
    /// Its name for staff, if it has one.
    pub label: Option<String>,
}

/// A text with parts written as code (between backticks in the catalogs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Whether the part is code.
    pub code: bool,
    /// The part.
    pub text: String,
}

fn segments(text: &str) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| Segment {
            code: index % 2 == 1,
            text: part.to_string(),
        })
        .collect()
}

/// A year on the index.
#[derive(Clone, Debug)]
pub struct YearSummary {
    year: String,
    href: String,
    title: String,
    source: String,
    version: Option<String>,
    extends: Option<Link>,
    file: String,
}

/// A row of the parameters' table.
#[derive(Clone, Debug)]
pub struct ParamRow {
    anchor: String,
    name: String,
    label: Option<String>,
    doc: Option<String>,
    type_words: Vec<Segment>,
    values: Vec<String>,
    source: Option<String>,
    used_by: Vec<Link>,
}

/// A rule, an output, a derived value or a function.
#[derive(Clone, Debug)]
pub struct Entry {
    anchor: String,
    name: String,
    label: Option<String>,
    doc: Option<String>,
    type_words: Vec<Segment>,
    severity: Option<String>,
    scope: Option<String>,
    condition: Option<String>,
    message: Option<String>,
    value: Option<String>,
    in_words: Option<String>,
    formula: Option<String>,
    source: Option<String>,
    uses: Vec<Link>,
    reads_application: Option<Link>,
    used_by: Vec<Link>,
}

/// A field of a record.
#[derive(Clone, Debug)]
pub struct FieldRow {
    anchor: String,
    name: String,
    type_words: Vec<Segment>,
    default: Option<String>,
    doc: Option<String>,
}

/// A record type, or the application.
#[derive(Clone, Debug)]
pub struct RecordView {
    anchor: String,
    heading: String,
    doc: Option<String>,
    fields: Vec<FieldRow>,
}

/// An enumeration.
#[derive(Clone, Debug)]
pub struct EnumView {
    anchor: String,
    name: String,
    doc: Option<String>,
    /// Each value, and its label when it has one.
    values: Vec<(String, Option<String>)>,
}

/// A row of the table of what a year changes.
#[derive(Clone, Debug)]
pub struct ChangeRow {
    kind: String,
    what: String,
    name: String,
    href: Option<String>,
    code: bool,
    from: Option<String>,
    to: Option<String>,
}

/// What a year changes from the one it extends.
#[derive(Clone, Debug)]
pub struct Changes {
    from: Link,
    rows: Vec<ChangeRow>,
}

#[derive(Template)]
#[template(path = "doc/index.html")]
struct IndexPage<'a> {
    t: Tr,
    title: &'a str,
    years: Vec<YearSummary>,
}

#[derive(Template)]
#[template(path = "doc/year.html")]
struct YearPage<'a> {
    t: Tr,
    title: &'a str,
    heading: String,
    summary: YearSummary,
    presentation: Vec<String>,
    sha256: &'a str,
    other_years: Vec<Link>,
    changes: Option<Changes>,
    years: Vec<String>,
    params: Vec<ParamRow>,
    rules: Vec<Entry>,
    outputs: Vec<Entry>,
    lets: Vec<Entry>,
    defs: Vec<Entry>,
    records: Vec<RecordView>,
    enums: Vec<EnumView>,
}

/// The file of a year's page: the year itself when it is made of plain
/// characters (`2023-2024.html`), else its rank.
fn page_file(year: &str, rank: usize) -> String {
    let plain = !year.is_empty()
        && year
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plain {
        format!("{year}.html")
    } else {
        format!("annee-{}.html", rank + 1)
    }
}

/// A declaration of a program, to link to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Declaration {
    Global(usize),
    Def(usize),
    Rule(usize),
    ItemOutput(usize, usize),
}

/// The anchor of a declaration on its year's page.
fn anchor(program: &Program, declaration: Declaration) -> Option<String> {
    Some(match declaration {
        Declaration::Global(id) => {
            let global = program.globals.get(id)?;
            let kind = match global.kind {
                GlobalKind::Param => "param",
                GlobalKind::Let => "let",
                GlobalKind::Output => "output",
            };
            format!("{kind}-{}", global.name)
        }
        Declaration::Def(id) => format!("def-{}", program.defs.get(id)?.name),
        Declaration::Rule(index) => format!("rule-{}", program.rules.get(index)?.name),
        Declaration::ItemOutput(list, index) => {
            let list = program.item_lists.get(list)?;
            format!("item-output-{}-{}", list.key, list.outputs.get(index)?.name)
        }
    })
}

/// A link to a declaration of the same page.
fn link(program: &Program, declaration: Declaration) -> Option<Link> {
    let (name, label) = match declaration {
        Declaration::Global(id) => {
            let global = program.globals.get(id)?;
            (global.name.clone(), global.label.clone())
        }
        Declaration::Def(id) => (program.defs.get(id)?.name.clone(), None),
        Declaration::Rule(index) => (program.rules.get(index)?.name.clone(), None),
        Declaration::ItemOutput(list, index) => {
            let output = program.item_lists.get(list)?.outputs.get(index)?;
            (output.name.clone(), output.label.clone())
        }
    };
    Some(Link {
        href: format!("#{}", anchor(program, declaration)?),
        name,
        label,
    })
}

/// The declarations an expression uses directly (the item rules behind an
/// `eligible`), each once, in the order met.
fn uses_of(program: &Program, expr: &crate::program::Expr) -> Vec<Declaration> {
    let mut found = Vec::new();
    for reference in expr.references().declarations {
        let targets = match reference {
            Reference::Global(id) => vec![Declaration::Global(id)],
            Reference::Def(id) => vec![Declaration::Def(id)],
            Reference::List(id) => program
                .item_lists
                .get(id)
                .map(|l| l.refusals.iter().map(|r| Declaration::Rule(*r)).collect())
                .unwrap_or_default(),
        };
        for target in targets {
            if !found.contains(&target) {
                found.push(target);
            }
        }
    }
    found
}

/// Every declaration with its expression, in the rulebook's order by kind.
fn declarations(program: &Program) -> Vec<(Declaration, &crate::program::Expr)> {
    let mut all: Vec<(Declaration, &crate::program::Expr)> = Vec::new();
    all.extend(
        program
            .globals
            .iter()
            .enumerate()
            .map(|(id, g)| (Declaration::Global(id), &g.expr)),
    );
    all.extend(
        program
            .defs
            .iter()
            .enumerate()
            .map(|(id, d)| (Declaration::Def(id), &d.body)),
    );
    all.extend(
        program
            .rules
            .iter()
            .enumerate()
            .map(|(index, r)| (Declaration::Rule(index), &r.condition)),
    );
    for (list_id, list) in program.item_lists.iter().enumerate() {
        all.extend(
            list.outputs
                .iter()
                .enumerate()
                .map(|(index, o)| (Declaration::ItemOutput(list_id, index), &o.expr)),
        );
    }
    all
}

/// What uses each declaration: the inverse of [`uses_of`].
struct UsedBy(Vec<(Declaration, Vec<Declaration>)>);

impl UsedBy {
    fn of(program: &Program) -> UsedBy {
        let mut map: Vec<(Declaration, Vec<Declaration>)> = Vec::new();
        for (user, expr) in declarations(program) {
            for used in uses_of(program, expr) {
                match map.iter_mut().find(|(d, _)| *d == used) {
                    Some((_, users)) => users.push(user),
                    None => map.push((used, vec![user])),
                }
            }
        }
        UsedBy(map)
    }

    fn links(&self, program: &Program, declaration: Declaration) -> Vec<Link> {
        self.0
            .iter()
            .find(|(d, _)| *d == declaration)
            .map(|(_, users)| users.iter().filter_map(|u| link(program, *u)).collect())
            .unwrap_or_default()
    }
}

/// The words a page needs from a description.
fn entry(
    book: &YearBook,
    declaration: Declaration,
    symbol: &Symbol,
    expr: &crate::program::Expr,
    used_by: &UsedBy,
    lang: Lang,
) -> Option<Entry> {
    let program = book.program;
    let d: Description = describe::describe(program, Some(&book.compiled.sources), symbol, &[])?;
    let say = |message: Message| message.render(lang);
    let (severity, scope, message) = match &d.kind {
        Kind::Rule {
            severity,
            list,
            message,
        } => (
            Some(say(describe::severity_words(*severity))),
            list.as_ref()
                .map(|list| say(msg!("doc-rule-per-item", list = list.as_str()))),
            Some(message.clone()),
        ),
        Kind::ItemOutput { list } => (
            None,
            Some(say(msg!("doc-output-per-item", list = list.as_str()))),
            None,
        ),
        _ => (None, None, None),
    };
    let is_rule = matches!(d.kind, Kind::Rule { .. });
    let non_empty = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
    let references = expr.references();
    Some(Entry {
        anchor: anchor(program, declaration)?,
        name: d.name.clone(),
        label: d.label.clone(),
        doc: d.doc.clone(),
        type_words: d
            .type_in_words
            .as_ref()
            .map(|m| segments(&m.render(lang)))
            .unwrap_or_default(),
        severity,
        scope,
        condition: if is_rule {
            non_empty(d.in_words.as_ref().map(|m| m.render(lang)))
        } else {
            None
        },
        message,
        value: d.value.clone().or_else(|| {
            d.per_application
                .then(|| say(msg!("hover-computed-per-application")))
        }),
        in_words: if is_rule {
            None
        } else {
            non_empty(d.in_words.as_ref().map(|m| m.render(lang)))
        },
        formula: d.formula.clone(),
        source: d.source.clone(),
        uses: uses_of(program, expr)
            .into_iter()
            .filter_map(|u| link(program, u))
            .collect(),
        reads_application: references.input.then(|| Link {
            href: format!("#record-{}", program.record_name(program.input)),
            name: program.input_name.clone(),
            label: None,
        }),
        used_by: used_by.links(program, declaration),
    })
}

fn summary(books: &[YearBook], rank: usize, book: &YearBook, lang: Lang) -> YearSummary {
    let header = &book.program.header;
    let extends = book.compiled.extends.first().map(|parent| {
        match books.iter().enumerate().find(|(_, b)| &b.compiled.name == parent) {
            Some((at, b)) => Link {
                href: page_file(b.year, at),
                name: b.year.to_string(),
                label: None,
            },
            None => Link {
                href: String::new(),
                name: parent.clone(),
                label: Some(say_in(lang, msg!("doc-not-in-folder"))),
            },
        }
    });
    YearSummary {
        year: book.year.to_string(),
        href: page_file(book.year, rank),
        title: header.title.clone(),
        source: header.source.clone(),
        version: header.version.clone(),
        extends,
        file: book.compiled.name.clone(),
    }
}

fn say_in(lang: Lang, message: Message) -> String {
    message.render(lang)
}

/// The anchor of a declaration named in a change (`Collectif.enfants` for a field).
fn change_anchor(program: &Program, kind: &str, name: &str) -> Option<String> {
    let exists = match kind {
        "param" | "let" | "output" => program.globals.iter().any(|g| g.name == name),
        "def" => program.defs.iter().any(|d| d.name == name),
        "rule" => program.rules.iter().any(|r| r.name == name),
        "field" => {
            let (record, field) = name.split_once('.')?;
            program
                .records
                .iter()
                .any(|r| r.name == record && r.fields.iter().any(|f| f.name == field))
        }
        _ => false,
    };
    if kind == "output" && !program.globals.iter().any(|g| g.name == name) {
        // An output computed for each item of a list.
        return program.item_lists.iter().find_map(|list| {
            list.outputs
                .iter()
                .any(|o| o.name == name)
                .then(|| format!("item-output-{}-{name}", list.key))
        });
    }
    exists.then(|| match kind {
        "field" => format!("field-{}", name.replacen('.', "-", 1)),
        _ => format!("{kind}-{name}"),
    })
}

fn kind_words(kind: &str) -> Message {
    match kind {
        "param" => msg!("doc-kind-param"),
        "let" => msg!("doc-kind-let"),
        "output" => msg!("doc-kind-output"),
        "def" => msg!("doc-kind-def"),
        "rule" => msg!("doc-kind-rule"),
        _ => msg!("doc-kind-field"),
    }
}

fn changes(books: &[YearBook], book: &YearBook, lang: Lang) -> Option<Changes> {
    let parent = book.compiled.extends.first()?;
    let (rank, from) = books
        .iter()
        .enumerate()
        .find(|(_, b)| &b.compiled.name == parent)?;
    let from_page = page_file(from.year, rank);
    let rows = compare::rulebook_changes(from.compiled, book.compiled)
        .into_iter()
        .map(|change| {
            let what = match (&change.from, &change.to) {
                (Some(_), Some(_)) => msg!("doc-change-changed"),
                (None, _) => msg!("doc-change-added"),
                (Some(_), None) => msg!("doc-change-dropped"),
            };
            let href = if change.to.is_some() {
                change_anchor(book.program, change.kind, &change.name).map(|a| format!("#{a}"))
            } else {
                change_anchor(from.program, change.kind, &change.name).map(|a| format!("{from_page}#{a}"))
            };
            ChangeRow {
                kind: say_in(lang, kind_words(change.kind)),
                what: say_in(lang, what),
                // A parameter's values are said in words; the rest is rulebook text.
                code: change.kind != "param",
                name: change.name,
                href,
                from: change.from,
                to: change.to,
            }
        })
        .collect();
    Some(Changes {
        from: Link {
            href: from_page,
            name: from.year.to_string(),
            label: None,
        },
        rows,
    })
}

fn year_page(books: &[YearBook], rank: usize, book: &YearBook, lang: Lang) -> Result<String, askama::Error> {
    let program = book.program;
    let sources = &book.compiled.sources;
    let years: Vec<YearProgram> = books
        .iter()
        .map(|b| YearProgram {
            year: b.year,
            program: b.program,
            origin: None,
        })
        .collect();
    let used_by = UsedBy::of(program);
    let mut params = Vec::new();
    let mut outputs = Vec::new();
    let mut lets = Vec::new();
    for (id, global) in program.globals.iter().enumerate() {
        let symbol = Symbol::Global(global.name.clone());
        match global.kind {
            GlobalKind::Param => {
                let Some(d) = describe::describe(program, Some(sources), &symbol, &years) else {
                    continue;
                };
                params.push(ParamRow {
                    anchor: format!("param-{}", global.name),
                    name: d.name.clone(),
                    label: d.label.clone(),
                    doc: d.doc.clone(),
                    type_words: d
                        .type_in_words
                        .as_ref()
                        .map(|m| segments(&m.render(lang)))
                        .unwrap_or_default(),
                    values: d
                        .by_year
                        .iter()
                        .map(|y| y.value.clone().unwrap_or_else(|| "—".to_string()))
                        .collect(),
                    source: d.source.clone(),
                    used_by: used_by.links(program, Declaration::Global(id)),
                });
            }
            GlobalKind::Let => lets.extend(entry(
                book,
                Declaration::Global(id),
                &symbol,
                &global.expr,
                &used_by,
                lang,
            )),
            GlobalKind::Output => {}
        }
    }
    for id in &program.outputs {
        if let Some(global) = program.globals.get(*id) {
            outputs.extend(entry(
                book,
                Declaration::Global(*id),
                &Symbol::Global(global.name.clone()),
                &global.expr,
                &used_by,
                lang,
            ));
        }
    }
    for (list_id, list) in program.item_lists.iter().enumerate() {
        for (index, output) in list.outputs.iter().enumerate() {
            outputs.extend(entry(
                book,
                Declaration::ItemOutput(list_id, index),
                &Symbol::ItemOutput(list.key.clone(), output.name.clone()),
                &output.expr,
                &used_by,
                lang,
            ));
        }
    }
    let rules = program
        .rules
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| {
            entry(
                book,
                Declaration::Rule(index),
                &Symbol::Rule(rule.name.clone()),
                &rule.condition,
                &used_by,
                lang,
            )
        })
        .collect();
    let defs = program
        .defs
        .iter()
        .enumerate()
        .filter_map(|(id, def)| {
            entry(
                book,
                Declaration::Def(id),
                &Symbol::Def(def.name.clone()),
                &def.body,
                &used_by,
                lang,
            )
        })
        .collect();
    // The application first, then the records it is made of.
    let mut record_order: Vec<usize> = vec![program.input];
    record_order.extend((0..program.records.len()).filter(|id| *id != program.input));
    let records = record_order
        .into_iter()
        .filter_map(|id| program.records.get(id).map(|r| (id, r)))
        .filter_map(|(id, record)| {
            let symbol = if id == program.input {
                Symbol::Input
            } else {
                Symbol::Type(record.name.clone())
            };
            let d = describe::describe(program, Some(sources), &symbol, &[])?;
            let (Kind::Record { fields } | Kind::Input { fields }) = d.kind else {
                return None;
            };
            let heading = if id == program.input {
                say_in(lang, msg!("doc-application", name = program.input_name.as_str()))
            } else {
                say_in(lang, msg!("doc-record", name = record.name.as_str()))
            };
            Some(RecordView {
                anchor: format!("record-{}", record.name),
                heading,
                doc: d.doc,
                fields: fields
                    .into_iter()
                    .map(|f| FieldRow {
                        anchor: format!("field-{}-{}", record.name, f.name),
                        type_words: segments(&f.type_in_words.render(lang)),
                        name: f.name,
                        default: f.default,
                        doc: f.doc,
                    })
                    .collect(),
            })
        })
        .collect();
    let enums = program
        .enums
        .iter()
        .filter_map(|e| {
            let d = describe::describe(program, Some(sources), &Symbol::Type(e.name.clone()), &[])?;
            let Kind::Enum { values } = d.kind else {
                return None;
            };
            Some(EnumView {
                anchor: format!("enum-{}", e.name),
                name: e.name.clone(),
                doc: d.doc,
                values,
            })
        })
        .collect();
    let other_years = books
        .iter()
        .enumerate()
        .filter(|(at, _)| *at != rank)
        .map(|(at, b)| Link {
            href: page_file(b.year, at),
            name: b.year.to_string(),
            label: None,
        })
        .collect();
    YearPage {
        t: Tr(lang),
        title: &program.header.title,
        heading: say_in(lang, msg!("doc-year-heading", year = book.year)),
        summary: summary(books, rank, book, lang),
        presentation: describe::rulebook_comment(book.compiled.text()),
        sha256: &book.compiled.sha256,
        other_years,
        changes: changes(books, book, lang),
        years: books.iter().map(|b| b.year.to_string()).collect(),
        params,
        rules,
        outputs,
        lets,
        defs,
        records,
        enums,
    }
    .render()
}

/// The pages of the site: `index.html`, then one page per year, in the
/// order of `books` (sorted by year by the caller).
pub fn site(books: &[YearBook], lang: Lang) -> Result<Vec<Page>, askama::Error> {
    let title = books
        .iter()
        .find(|b| b.compiled.extends.is_empty())
        .or(books.first())
        .map(|b| b.program.header.title.as_str())
        .unwrap_or_default();
    let index = IndexPage {
        t: Tr(lang),
        title,
        years: books
            .iter()
            .enumerate()
            .map(|(rank, book)| summary(books, rank, book, lang))
            .collect(),
    }
    .render()?;
    let mut pages = vec![Page {
        file: "index.html".to_string(),
        html: index,
    }];
    for (rank, book) in books.iter().enumerate() {
        pages.push(Page {
            file: page_file(book.year, rank),
            html: year_page(books, rank, book, lang)?,
        });
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_mark_code() {
        assert_eq!(
            segments("un taux (`rate`)"),
            vec![
                Segment {
                    code: false,
                    text: "un taux (".into()
                },
                Segment {
                    code: true,
                    text: "rate".into()
                },
                Segment {
                    code: false,
                    text: ")".into()
                },
            ]
        );
    }

    #[test]
    fn a_year_page_is_named_after_a_plain_year_only() {
        assert_eq!(page_file("2023-2024", 0), "2023-2024.html");
        assert_eq!(page_file("../x", 2), "annee-3.html");
        assert_eq!(page_file("", 0), "annee-1.html");
    }
}
