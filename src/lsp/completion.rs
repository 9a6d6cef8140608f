//! Completion: keywords, parameters and values, functions, enumeration
//! values, and after `demande.` (or any record) its fields, each with its
//! type and what it is.

use super::hover::describe;
use super::server::View;
use crate::i18n::Message;
use crate::msg;
use crate::program::{GlobalKind, Program, Symbol, Type, TypeName};
use crate::syntax::parser::DECLARATION_KEYWORDS;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, Documentation, MarkupContent, MarkupKind,
    Position,
};

const EXPRESSION_KEYWORDS: [&str; 18] = [
    "and",
    "or",
    "not",
    "if",
    "then",
    "else",
    "let",
    "in",
    "true",
    "false",
    "refuse",
    "incomplete",
    "warn",
    "info",
    "when",
    "unless",
    "message",
    "source",
];
const BUILTINS: [&str; 12] = [
    "round",
    "min",
    "max",
    "abs",
    "count",
    "sum",
    "all",
    "any",
    "present",
    "same_text",
    "close_to",
    "eligible",
];

/// How a built-in function is written and what it does, for completion.
fn builtin_doc(name: &str) -> Message {
    match name {
        "round" => msg!("completion-round"),
        "min" => msg!("completion-min"),
        "max" => msg!("completion-max"),
        "abs" => msg!("completion-abs"),
        "count" => msg!("completion-count"),
        "sum" => msg!("completion-sum"),
        "all" => msg!("completion-all"),
        "any" => msg!("completion-any"),
        "present" => msg!("completion-present"),
        "same_text" => msg!("completion-same-text"),
        "close_to" => msg!("completion-close-to"),
        _ => msg!("completion-eligible"),
    }
}

/// The label staff read for the value at `at`, as a completion's text.
fn value_label(enumeration: &crate::program::EnumDef, at: usize) -> Option<String> {
    Some(format!("« {} »", enumeration.given_label(at)?))
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    documentation: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        documentation: documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        ..CompletionItem::default()
    }
}

/// The path written just before the cursor, when the cursor follows a dot:
/// `demande.porteur.` gives `["demande", "porteur"]`.
fn path_before(line: &str) -> Option<Vec<String>> {
    let before = line.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
    let before = before.strip_suffix('.')?;
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.'))
        .map(|(at, c)| at + c.len_utf8())
        .unwrap_or(0);
    let path: Vec<String> = before.get(start..)?.split('.').map(str::to_string).collect();
    (path.iter().all(|p| !p.is_empty())).then_some(path)
}

/// The completion items at the cursor.
pub fn complete(view: &View, position: Position) -> Option<CompletionResponse> {
    let lang = view.lang;
    let text = &view.document.text;
    let offset = view.document.lines.offset(text, position);
    let line_start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map(|at| at + 1)
        .unwrap_or(0);
    let line = text.get(line_start..offset).unwrap_or("");
    let analysis = if view.analysis.compiled.program.is_some() {
        view.analysis
    } else {
        view.last_good.unwrap_or(view.analysis)
    };
    let program = analysis.compiled.program.as_ref();
    if let Some(path) = path_before(line) {
        return Some(CompletionResponse::Array(fields_after(
            view, program?, &path, offset,
        )));
    }
    let mut items = Vec::new();
    if !line.starts_with(char::is_whitespace) {
        items.extend(
            DECLARATION_KEYWORDS
                .iter()
                .map(|k| item(k, CompletionItemKind::KEYWORD, None, None)),
        );
    }
    items.extend(
        EXPRESSION_KEYWORDS
            .iter()
            .map(|k| item(k, CompletionItemKind::KEYWORD, None, None)),
    );
    items.extend(BUILTINS.iter().map(|name| {
        item(
            name,
            CompletionItemKind::FUNCTION,
            Some(builtin_doc(name).render(lang)),
            None,
        )
    }));
    if let Some(program) = program {
        items.push(item(
            &program.input_name,
            CompletionItemKind::VARIABLE,
            Some(msg!("completion-the-application").render(lang)),
            describe(program, &Symbol::Input, lang),
        ));
        for global in &program.globals {
            let kind = match global.kind {
                GlobalKind::Param => CompletionItemKind::CONSTANT,
                GlobalKind::Let => CompletionItemKind::VARIABLE,
                GlobalKind::Output => CompletionItemKind::FIELD,
            };
            items.push(item(
                &global.name,
                kind,
                Some(TypeName(&global.ty, program).to_string()),
                describe(program, &Symbol::Global(global.name.clone()), lang),
            ));
        }
        for def in &program.defs {
            items.push(item(
                &def.name,
                CompletionItemKind::FUNCTION,
                Some(TypeName(&def.ty, program).to_string()),
                describe(program, &Symbol::Def(def.name.clone()), lang),
            ));
        }
        for enumeration in &program.enums {
            items.push(item(
                &enumeration.name,
                CompletionItemKind::ENUM,
                None,
                describe(program, &Symbol::Type(enumeration.name.clone()), lang),
            ));
            for (at, variant) in enumeration.variants.iter().enumerate() {
                items.push(item(
                    variant,
                    CompletionItemKind::ENUM_MEMBER,
                    Some(enumeration.name.clone()),
                    value_label(enumeration, at),
                ));
            }
        }
        for record in program.records.iter().filter(|r| r.name != program.input_name) {
            items.push(item(
                &record.name,
                CompletionItemKind::STRUCT,
                None,
                describe(program, &Symbol::Type(record.name.clone()), lang),
            ));
        }
        for ty in [
            "bool", "integer", "decimal", "money", "rate", "date", "text", "list", "optional", "range",
        ] {
            items.push(item(ty, CompletionItemKind::TYPE_PARAMETER, None, None));
        }
    }
    // Names bound in the declaration around the cursor (`c` in `for c in …`).
    for local in &analysis.compiled.names.locals {
        if analysis.global(offset) >= local.scope.start
            && analysis.global(offset) <= local.scope.end
            && let Some(program) = program
        {
            items.push(item(
                &local.name,
                CompletionItemKind::VARIABLE,
                Some(TypeName(&local.ty, program).to_string()),
                None,
            ));
        }
    }
    Some(CompletionResponse::Array(items))
}

/// The fields of what `path` names: the application, a local, a value.
fn fields_after(view: &View, program: &Program, path: &[String], offset: usize) -> Vec<CompletionItem> {
    let Some((root, rest)) = path.split_first() else {
        return Vec::new();
    };
    let analysis = if view.analysis.compiled.program.is_some() {
        view.analysis
    } else {
        view.last_good.unwrap_or(view.analysis)
    };
    let mut ty = if *root == program.input_name {
        Type::Record(program.input)
    } else if let Some(ty) = analysis.local_type(
        root,
        offset.min(analysis.compiled.sources.text(analysis.file()).len()),
    ) {
        ty
    } else if let Some(global) = program.globals.iter().find(|g| &g.name == root) {
        global.ty.clone()
    } else if let Some(enumeration) = program.enums.iter().find(|e| &e.name == root) {
        return enumeration
            .variants
            .iter()
            .enumerate()
            .map(|(at, v)| {
                item(
                    v,
                    CompletionItemKind::ENUM_MEMBER,
                    Some(enumeration.name.clone()),
                    value_label(enumeration, at),
                )
            })
            .collect();
    } else {
        return Vec::new();
    };
    for field in rest {
        let Type::Record(id) = ty else { return Vec::new() };
        let Some(next) = program
            .records
            .get(id)
            .and_then(|r| r.fields.iter().find(|f| &f.name == field))
        else {
            return Vec::new();
        };
        ty = next.ty.clone();
    }
    let Type::Record(id) = ty else { return Vec::new() };
    let Some(record) = program.records.get(id) else {
        return Vec::new();
    };
    record
        .fields
        .iter()
        .map(|field| {
            item(
                &field.name,
                CompletionItemKind::FIELD,
                Some(TypeName(&field.ty, program).to_string()),
                describe(
                    program,
                    &Symbol::Field(record.name.clone(), field.name.clone()),
                    view.lang,
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_path_before_a_dot() {
        assert_eq!(
            path_before("  refuse unless demande.porteur."),
            Some(vec!["demande".into(), "porteur".into()])
        );
        assert_eq!(path_before("x = c.enf"), Some(vec!["c".into()]));
        assert_eq!(path_before("x = 32,5"), None);
        assert_eq!(path_before("x = ."), None);
    }
}
