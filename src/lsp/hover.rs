//! Hover: what a name is, its type, its value (computed when the rulebook
//! loads), the section of the note it cites, and for a parameter its value in
//! each year's rulebook.

use super::server::View;
use crate::decision::render_in_sentence;
use crate::program::{GlobalKind, Program, Symbol, TypeInWords, TypeName};
use crate::rulebook;
use crate::syntax::ast::RuleSeverity;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// The hover of the name under the cursor.
pub fn hover(view: &View, position: Position) -> Option<Hover> {
    let offset = view.document.lines.offset(&view.document.text, position);
    let Some((span, symbol)) = view.analysis.symbol_at(offset) else {
        return local_hover(view, offset);
    };
    let program = view.program()?;
    let mut text = describe(program, &symbol)?;
    if let Symbol::Global(name) = &symbol
        && let Some(years) = values_by_year(view, name)
    {
        text.push_str(&format!("\n\n**Par année** : {years}"));
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
    let value = format!(
        "**nom local** `{name}` : `{}` ({})",
        TypeName(&ty, program),
        TypeInWords(&ty, program).message().render(view.lang)
    );
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

fn severity_french(severity: RuleSeverity) -> &'static str {
    match severity {
        RuleSeverity::Refuse => "refus",
        RuleSeverity::Incomplete => "dossier incomplet",
        RuleSeverity::Warn => "avertissement",
        RuleSeverity::Info => "information",
    }
}

/// What a symbol is, in Markdown, for staff.
pub fn describe(program: &Program, symbol: &Symbol) -> Option<String> {
    Some(match symbol {
        Symbol::Global(name) => {
            let global = program.globals.iter().find(|g| &g.name == name)?;
            let kind = match global.kind {
                GlobalKind::Param => "paramètre",
                GlobalKind::Let => "valeur calculée",
                GlobalKind::Output => "résultat de la décision",
            };
            let mut text = format!("**{kind}** `{name}` : `{}`", TypeName(&global.ty, program));
            if let Some(label) = &global.label {
                text.push_str(&format!(" — « {label} »"));
            }
            if let Some(value) = &global.constant {
                text.push_str(&format!(
                    "\n\n= **{}**",
                    render_in_sentence(value, &global.ty, program)
                ));
            } else if global.kind != GlobalKind::Param {
                text.push_str("\n\nCalculé pour chaque demande.");
            }
            if let Some(source) = &global.source {
                text.push_str(&format!("\n\nSource : {source}"));
            }
            text
        }
        Symbol::Def(name) => {
            let def = program.defs.iter().find(|d| &d.name == name)?;
            let params: Vec<String> = def
                .params
                .iter()
                .map(|t| TypeName(t, program).to_string())
                .collect();
            format!(
                "**fonction** `{name}({})` : `{}`",
                params.join(", "),
                TypeName(&def.ty, program)
            )
        }
        Symbol::Rule(name) => {
            let Some(rule) = program.rules.iter().find(|r| &r.name == name) else {
                return Some(format!(
                    "**assertion** `{name}` : vérifiée au chargement des règles"
                ));
            };
            let scope = rule
                .scope
                .and_then(|l| program.item_lists.get(l))
                .map(|l| format!(", pour chaque élément de `{}`", l.path_text))
                .unwrap_or_default();
            let mut text = format!(
                "**règle** `{name}` ({}{scope})\n\n« {} »",
                severity_french(rule.severity),
                rule.message
            );
            if let Some(source) = &rule.source {
                text.push_str(&format!("\n\nSource : {source}"));
            }
            text
        }
        Symbol::Type(name) => {
            if let Some(enumeration) = program.enums.iter().find(|e| &e.name == name) {
                format!("**énumération** `{name}` : {}", enumeration.variants.join(" | "))
            } else {
                let record = program.records.iter().find(|r| &r.name == name)?;
                let fields: Vec<String> = record
                    .fields
                    .iter()
                    .map(|f| format!("- `{}` : `{}`", f.name, TypeName(&f.ty, program)))
                    .collect();
                format!("**fiche** `{name}`\n\n{}", fields.join("\n"))
            }
        }
        Symbol::Input => {
            let record = program.records.get(program.input)?;
            let fields: Vec<String> = record
                .fields
                .iter()
                .map(|f| format!("- `{}` : `{}`", f.name, TypeName(&f.ty, program)))
                .collect();
            format!("**la demande** `{}`\n\n{}", program.input_name, fields.join("\n"))
        }
        Symbol::Field(record, field) => {
            let def = program
                .records
                .iter()
                .find(|r| &r.name == record)?
                .fields
                .iter()
                .find(|f| &f.name == field)?;
            let mut text = format!(
                "**champ** `{record}.{field}` : `{}` ({})",
                TypeName(&def.ty, program),
                TypeInWords(&def.ty, program)
                    .message()
                    .render(crate::i18n::Lang::Fr)
            );
            if let Some(default) = &def.default {
                text.push_str(&format!(
                    "\n\nValeur supposée pour les demandes des années précédentes : {}",
                    render_in_sentence(default, &def.ty, program)
                ));
            }
            text
        }
        Symbol::Variant(enumeration, variant) => {
            format!("**valeur** `{variant}` de l'énumération `{enumeration}`")
        }
        Symbol::ItemOutput(list, name) => {
            let output = program
                .item_lists
                .iter()
                .find(|l| &l.key == list)?
                .outputs
                .iter()
                .find(|o| &o.name == name)?;
            format!(
                "**résultat par élément** de `{list}` : `{name}` : `{}`",
                TypeName(&output.ty, program)
            )
        }
    })
}

/// A parameter's value in each year's rulebook: `2023-2024 : 7 885 € → 2024-2025 : 8 000 €`.
fn values_by_year(view: &View, name: &str) -> Option<String> {
    let all = rulebook::all_rulebooks(&view.analysis.source).ok()?;
    let mut years: Vec<(String, String)> = all
        .into_iter()
        .filter_map(|found| {
            let year = found.year.clone()?;
            let compiled = rulebook::load(&view.analysis.source, found).ok()?;
            let program = compiled.program?;
            let global = program
                .globals
                .iter()
                .find(|g| g.name == name && g.kind == GlobalKind::Param)?;
            let value = global.constant.as_ref()?;
            Some((year, render_in_sentence(value, &global.ty, &program)))
        })
        .collect();
    years.sort();
    (!years.is_empty()).then(|| {
        years
            .iter()
            .map(|(y, v)| format!("{y} : {v}"))
            .collect::<Vec<_>>()
            .join(" → ")
    })
}
