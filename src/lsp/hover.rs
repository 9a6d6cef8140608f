//! Hover: what a name is, its type, its value (computed when the rulebook
//! loads), the section of the note it cites, and for a parameter its value in
//! each year's rulebook.

use super::server::View;
use crate::decision::render_in_sentence;
use crate::i18n::{Lang, Message};
use crate::msg;
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
    let lang = view.lang;
    let mut text = describe(program, &symbol, lang)?;
    if let Symbol::Global(name) = &symbol
        && let Some(years) = values_by_year(view, name)
    {
        text.push_str("\n\n");
        text.push_str(&msg!("hover-by-year", years = years).render(lang));
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

fn severity_words(severity: RuleSeverity) -> Message {
    match severity {
        RuleSeverity::Refuse => msg!("hover-severity-refuse"),
        RuleSeverity::Incomplete => msg!("hover-severity-incomplete"),
        RuleSeverity::Warn => msg!("hover-severity-warn"),
        RuleSeverity::Info => msg!("hover-severity-info"),
    }
}

/// What a symbol is, in Markdown, for staff.
pub fn describe(program: &Program, symbol: &Symbol, lang: Lang) -> Option<String> {
    let say = |message: Message| message.render(lang);
    Some(match symbol {
        Symbol::Global(name) => {
            let global = program.globals.iter().find(|g| &g.name == name)?;
            let kind = match global.kind {
                GlobalKind::Param => "param",
                GlobalKind::Let => "let",
                GlobalKind::Output => "output",
            };
            let mut text = say(msg!(
                "hover-global",
                kind = kind,
                name = name.as_str(),
                type = TypeName(&global.ty, program).to_string()
            ));
            if let Some(label) = &global.label {
                text.push_str(&say(msg!("hover-label", label = label.as_str())));
            }
            if let Some(value) = &global.constant {
                text.push_str(&format!(
                    "\n\n= **{}**",
                    render_in_sentence(value, &global.ty, program)
                ));
            } else if global.kind != GlobalKind::Param {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-computed-per-application")));
            }
            if let Some(source) = &global.source {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-source", source = source.as_str())));
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
            say(msg!(
                "hover-def",
                name = name.as_str(),
                params = params.join(", "),
                type = TypeName(&def.ty, program).to_string()
            ))
        }
        Symbol::Rule(name) => {
            let Some(rule) = program.rules.iter().find(|r| &r.name == name) else {
                return Some(say(msg!("hover-assert", name = name.as_str())));
            };
            let severity = severity_words(rule.severity);
            let mut text = match rule.scope.and_then(|l| program.item_lists.get(l)) {
                Some(list) => say(msg!(
                    "hover-rule-per-item",
                    name = name.as_str(),
                    severity = severity,
                    list = list.path_text.as_str()
                )),
                None => say(msg!("hover-rule", name = name.as_str(), severity = severity)),
            };
            // The rule's message is the rulebook's own words, in French.
            text.push_str(&format!("\n\n« {} »", rule.message));
            if let Some(source) = &rule.source {
                text.push_str("\n\n");
                text.push_str(&say(msg!("hover-source", source = source.as_str())));
            }
            text
        }
        Symbol::Type(name) => {
            if let Some(enumeration) = program.enums.iter().find(|e| &e.name == name) {
                say(msg!(
                    "hover-enum",
                    name = name.as_str(),
                    values = enumeration.variants.join(" | ")
                ))
            } else {
                let record = program.records.iter().find(|r| &r.name == name)?;
                let fields: Vec<String> = record
                    .fields
                    .iter()
                    .map(|f| format!("- `{}` : `{}`", f.name, TypeName(&f.ty, program)))
                    .collect();
                format!(
                    "{}\n\n{}",
                    say(msg!("hover-record", name = name.as_str())),
                    fields.join("\n")
                )
            }
        }
        Symbol::Input => {
            let record = program.records.get(program.input)?;
            let fields: Vec<String> = record
                .fields
                .iter()
                .map(|f| format!("- `{}` : `{}`", f.name, TypeName(&f.ty, program)))
                .collect();
            format!(
                "{}\n\n{}",
                say(msg!("hover-input", name = program.input_name.as_str())),
                fields.join("\n")
            )
        }
        Symbol::Field(record, field) => {
            let def = program
                .records
                .iter()
                .find(|r| &r.name == record)?
                .fields
                .iter()
                .find(|f| &f.name == field)?;
            let mut text = say(msg!(
                "hover-field",
                record = record.as_str(),
                field = field.as_str(),
                type = TypeName(&def.ty, program).to_string(),
                words = TypeInWords(&def.ty, program).message()
            ));
            if let Some(default) = &def.default {
                text.push_str("\n\n");
                text.push_str(&say(msg!(
                    "hover-default",
                    value = render_in_sentence(default, &def.ty, program)
                )));
            }
            text
        }
        Symbol::Variant(enumeration, variant) => say(msg!(
            "hover-variant",
            value = variant.as_str(),
            enumeration = enumeration.as_str()
        )),
        Symbol::ItemOutput(list, name) => {
            let output = program
                .item_lists
                .iter()
                .find(|l| &l.key == list)?
                .outputs
                .iter()
                .find(|o| &o.name == name)?;
            say(msg!(
                "hover-item-output",
                list = list.as_str(),
                name = name.as_str(),
                type = TypeName(&output.ty, program).to_string()
            ))
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
