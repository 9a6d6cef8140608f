//! Hover: what a name is, its type, its value (computed when the rulebook
//! loads), the section of the note it cites, and for a parameter its value in
//! each year's rulebook of the file's layer, with the layer and file that set
//! it; in the national layer, which Cafs replace the name with `override`,
//! and in which year and file. The facts come from [`crate::render::describe`],
//! which the documentation site shows too; this file writes them in Markdown.

use super::analysis::{Analysis, file_label, layer_words};
use super::server::View;
use crate::i18n::{Lang, Message};
use crate::msg;
use crate::program::{GlobalKind, Program, Symbol, TypeInWords, TypeName};
use crate::render::describe::{self, Description, FieldSummary, Kind, Origin, SetIn, YearProgram};
use crate::rulebook::{self, RulesSource};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Uri};

/// The hover of the name under the cursor.
pub fn hover(view: &View, position: Position) -> Option<Hover> {
    let offset = view.document.lines.offset(&view.document.text, position);
    let Some((span, symbol)) = view.analysis.symbol_at(offset) else {
        return local_hover(view, offset);
    };
    let program = view.program()?;
    // The texts the program was compiled from: the current analysis's, or
    // the last good one's when the program is that one's.
    let sources = if view.analysis.compiled.program.is_some() {
        &view.analysis.compiled.sources
    } else {
        &view.last_good?.compiled.sources
    };
    let is_param = matches!(&symbol, Symbol::Global(name)
        if program.globals.iter().any(|g| &g.name == name && g.kind == GlobalKind::Param));
    let others = if is_param { layer_by_year(view) } else { Vec::new() };
    let years: Vec<YearProgram> = others
        .iter()
        .filter_map(|(year, analysis)| {
            Some(YearProgram {
                year,
                program: analysis.compiled.program.as_ref()?,
                origin: Some(Origin {
                    sources: &analysis.compiled.sources,
                    layers: &analysis.file_layers,
                }),
            })
        })
        .collect();
    let description = describe::describe(program, Some(sources), &symbol, &years)?;
    let mut text = markdown_in(&description, program, view.lang, &view.analysis.source);
    if let Symbol::Global(name) = &symbol {
        let replaced = replaced_by(view, name);
        if !replaced.is_empty() {
            text.push_str("\n\n");
            text.push_str(&msg!("hover-replaced-by", cafs = replaced.join(" · ")).render(view.lang));
        }
    }
    let range = view
        .analysis
        .local(span)
        .map(|local| view.document.lines.range(&view.document.text, local));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range,
    })
}

/// The hover of a name bound in the declaration (`c` in `for c in …`).
fn local_hover(view: &View, offset: usize) -> Option<Hover> {
    let text = &view.document.text;
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let start = text
        .get(..offset)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name(*c))
        .last()
        .map(|(at, _)| at)
        .unwrap_or(offset);
    let end = offset
        + text
            .get(offset..)?
            .chars()
            .take_while(|c| is_name(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let name = text.get(start..end).filter(|n| !n.is_empty())?;
    let analysis = view.analysis;
    let ty = analysis.local_type(name, offset)?;
    let program = view.program()?;
    let value = msg!(
        "hover-local",
        name = name,
        type = TypeName(&ty, program).to_string(),
        words = TypeInWords(&ty, program).message()
    )
    .render(view.lang);
    let range = view
        .document
        .lines
        .range(text, crate::diagnostic::Span::new(start, end));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    })
}

/// What a symbol is, in Markdown, for staff (without its values in other years).
pub fn describe(program: &Program, symbol: &Symbol, lang: Lang) -> Option<String> {
    let description = describe::describe(program, None, symbol, &[])?;
    Some(markdown_in(&description, program, lang, &RulesSource::Embedded))
}

/// A parameter's value in one year, and the layer and file that set it when
/// the folder has layers: « 2024-2025 : 33 % (cadre national,
/// [national/2024-2025.clas](file:///…)) ».
fn year_value(year: &str, value: &str, set_in: Option<&SetIn>, source: &RulesSource, lang: Lang) -> String {
    let Some((set_in, layer)) = set_in.and_then(|s| Some((s, s.layer.as_deref()?))) else {
        return msg!("hover-year-value", year = year, value = value).render(lang);
    };
    let label = file_label(source, &set_in.file);
    let file = match Uri::from_file_path(&set_in.file) {
        Some(uri) => format!("[{label}]({})", uri.as_str()),
        None => format!("`{label}`"),
    };
    msg!(
        "hover-year-value-set",
        year = year,
        value = value,
        layer = layer_words(layer),
        file = file
    )
    .render(lang)
}

/// The Markdown of a description: the same facts as the documentation site.
fn markdown_in(d: &Description, program: &Program, lang: Lang, rules: &RulesSource) -> String {
    let say = |message: Message| message.render(lang);
    let name = d.name.as_str();
    let written_type = d.written_type.clone().unwrap_or_default();
    let fields_list = |fields: &[FieldSummary]| {
        fields
            .iter()
            .map(|f| format!("- `{}` : `{}`", f.name, f.written_type))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let source = |text: &mut String| {
        if let Some(source) = &d.source {
            text.push_str("\n\n");
            text.push_str(&say(msg!("hover-source", source = source.as_str())));
        }
    };
    let mut text = match &d.kind {
        Kind::Param | Kind::Let | Kind::Output => {
            let kind = match d.kind {
                Kind::Let => "let",
                Kind::Output => "output",
                _ => "param",
            };
            let mut text = say(msg!("hover-global", kind = kind, name = name, type = written_type));
            if let Some(label) = &d.label {
                text.push_str(&say(msg!("hover-label", label = label.as_str())));
            }
            if let Some(value) = &d.value {
                text.push_str(&format!("\n\n= **{value}**"));
            } else if d.per_application {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-computed-per-application")));
            }
            source(&mut text);
            let years: Vec<String> = d
                .years_set()
                .map(|(year, value, set_in)| year_value(year, value, set_in, rules, lang))
                .collect();
            if !years.is_empty() {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-by-year", years = years.join(" · "))));
            }
            text
        }
        Kind::Def { params } => say(msg!(
            "hover-def",
            name = name,
            params = params.join(", "),
            type = written_type
        )),
        Kind::Assert => say(msg!("hover-assert", name = name)),
        Kind::Rule {
            severity,
            list,
            message,
        } => {
            let severity = describe::severity_words(*severity);
            let mut text = match list {
                Some(list) => say(msg!(
                    "hover-rule-per-item",
                    name = name,
                    severity = severity,
                    list = list.as_str()
                )),
                None => say(msg!("hover-rule", name = name, severity = severity)),
            };
            // The rule's message is the rulebook's own words, in French.
            text.push_str(&format!("\n\n« {message} »"));
            source(&mut text);
            text
        }
        Kind::Enum { values } => {
            let values: Vec<String> = values
                .iter()
                .map(|(value, label)| match label {
                    Some(label) => format!("`{value}` « {label} »"),
                    None => format!("`{value}`"),
                })
                .collect();
            say(msg!("hover-enum", name = name, values = values.join(" | ")))
        }
        Kind::Record { fields } => format!(
            "{}\n\n{}",
            say(msg!("hover-record", name = name)),
            fields_list(fields)
        ),
        Kind::Input { fields } => format!(
            "{}\n\n{}",
            say(msg!("hover-input", name = program.input_name.as_str())),
            fields_list(fields)
        ),
        Kind::Field { record, default } => {
            let mut text = say(msg!(
                "hover-field",
                record = record.as_str(),
                field = name,
                type = written_type,
                words = d.type_in_words.clone().unwrap_or_else(|| msg!("type-error"))
            ));
            if let Some(default) = default {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-default", value = default.as_str())));
            }
            text
        }
        Kind::Variant { enumeration } => {
            let mut text = say(msg!(
                "hover-variant",
                value = name,
                enumeration = enumeration.as_str()
            ));
            if let Some(label) = &d.label {
                text.push_str(&say(msg!("hover-label", label = label.as_str())));
            }
            text
        }
        Kind::ItemOutput { list } => say(msg!(
            "hover-item-output",
            list = list.as_str(),
            name = name,
            type = written_type
        )),
    };
    if let Some(doc) = &d.doc {
        text.push_str("\n\n");
        text.push_str(doc);
    }
    text
}

/// The rulebook of each year of the hovered file's layer, each loaded with
/// the layers under it (for a parameter's values over the years, and which
/// layer set each). A Caf's file gives the Caf's rulebooks, the ones that
/// decide for it; a national file gives the national chain alone, which
/// every Caf builds on (a Caf's override is not the national value, and
/// picking one Caf among several would be arbitrary).
fn layer_by_year(view: &View) -> Vec<(String, Analysis)> {
    let Ok(all) = rulebook::all_rulebooks(&view.analysis.source) else {
        return Vec::new();
    };
    let layer = view.analysis.layer().map(str::to_string);
    all.into_iter()
        .filter(|found| found.layer == layer)
        .filter_map(|found| {
            let year = found.year.clone()?;
            let analysis = Analysis::load(&view.analysis.source, found).ok()?;
            analysis.compiled.program.is_some().then_some((year, analysis))
        })
        .collect()
}

/// For a name hovered in a file of a layer others are written over (the
/// national one): each `override` of it in those layers' files, by Caf and
/// year, with its value as written for a parameter and the file it is in
/// (« Caf 63, 2024-2025 : 350 € ([caf-63/2024-2025.clas](file:///…)) »).
/// The files are only parsed, not checked: a hover stays quick with many Cafs.
fn replaced_by(view: &View, name: &str) -> Vec<String> {
    let Some(layer) = view.analysis.layer() else {
        return Vec::new();
    };
    let Ok(all) = rulebook::all_rulebooks(&view.analysis.source) else {
        return Vec::new();
    };
    // The layers written over this one (one of their files says so).
    let above: Vec<&str> = all
        .iter()
        .filter(|f| f.over.as_deref() == Some(layer))
        .filter_map(|f| f.layer.as_deref())
        .collect();
    let mut found: Vec<_> = all
        .iter()
        .filter(|f| f.layer.as_deref().is_some_and(|l| above.contains(&l)))
        // A file that never writes the name cannot override it: only the
        // others are parsed (with 101 Cafs, a few files instead of all).
        .filter(|f| f.text.contains(name))
        .filter_map(|f| {
            let (module, _) = crate::syntax::parser::parse(crate::diagnostic::FileId(0), &f.text);
            let value = module.declarations.iter().find_map(|d| match d {
                crate::syntax::ast::Declaration::Override(inner, _) => match inner.as_ref() {
                    crate::syntax::ast::Declaration::Param(v) if v.name.name == name => {
                        Some(Some(crate::syntax::print::expr(&v.value)))
                    }
                    other if other.name().is_some_and(|n| n.name == name) => Some(None),
                    _ => None,
                },
                _ => None,
            })?;
            Some((
                f.layer.clone()?,
                f.year.clone().unwrap_or_default(),
                value,
                &f.name,
            ))
        })
        .collect();
    found.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    found
        .into_iter()
        .map(|(layer, year, value, file)| {
            let label = file_label(&view.analysis.source, file);
            let file = match Uri::from_file_path(file) {
                Some(uri) => format!("[{label}]({})", uri.as_str()),
                None => format!("`{label}`"),
            };
            let caf = layer_words(&layer);
            match value {
                Some(value) => msg!(
                    "hover-replaced-value",
                    layer = caf,
                    year = year.as_str(),
                    value = value.as_str(),
                    file = file
                ),
                None => msg!("hover-replaced", layer = caf, year = year.as_str(), file = file),
            }
            .render(view.lang)
        })
        .collect()
}
