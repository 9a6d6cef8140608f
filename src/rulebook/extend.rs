//! Inheritance: a rulebook that `extends` another states only its changes.
//! Merging works on syntax trees, before checking, so the merged rulebook is
//! checked as one: its diagnostics point into whichever file each
//! declaration came from.

use crate::check::suggest;
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::syntax::ast::*;
use crate::syntax::print;

/// The names that may clash: types, values (parameters, derived values,
/// functions, outputs), and rules (rules and assertions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Namespace {
    Type,
    Value,
    Rule,
}

fn namespace(declaration: &Declaration) -> Option<Namespace> {
    Some(match declaration {
        Declaration::Enum(_) | Declaration::Record(_) | Declaration::Input(_) => Namespace::Type,
        Declaration::Param(_) | Declaration::Let(_) | Declaration::Def(_) | Declaration::Output(_) => {
            Namespace::Value
        }
        Declaration::Rule(_) | Declaration::Assert(_) => Namespace::Rule,
        Declaration::Override(inner, _) => return namespace(inner),
        Declaration::Header(_) | Declaration::Drop(_) | Declaration::Extend(_) => return None,
    })
}

/// The kind of a declaration as its keyword says it.
fn keyword(declaration: &Declaration) -> &'static str {
    match declaration {
        Declaration::Header(_) => "rulebook",
        Declaration::Enum(_) => "enum",
        Declaration::Record(_) => "record",
        Declaration::Input(_) => "input",
        Declaration::Param(_) => "param",
        Declaration::Let(_) => "let",
        Declaration::Def(_) => "def",
        Declaration::Rule(_) => "rule",
        Declaration::Output(_) => "output",
        Declaration::Assert(_) => "assert",
        Declaration::Override(inner, _) => keyword(inner),
        Declaration::Drop(_) => "drop",
        Declaration::Extend(_) => "extend",
    }
}

fn drop_keyword_matches(kind: DropKind, declaration: &Declaration) -> bool {
    matches!(
        (kind, declaration),
        (DropKind::Param, Declaration::Param(_))
            | (DropKind::Let, Declaration::Let(_))
            | (DropKind::Def, Declaration::Def(_))
            | (DropKind::Rule, Declaration::Rule(_))
            | (DropKind::Output, Declaration::Output(_))
            | (DropKind::Assert, Declaration::Assert(_))
    )
}

/// The type a value declaration states, if it states one.
fn declared_type(declaration: &Declaration) -> Option<&TypeExpr> {
    match declaration {
        Declaration::Param(d) | Declaration::Let(d) => Some(&d.ty),
        Declaration::Output(d) => Some(&d.ty),
        Declaration::Def(d) => Some(&d.ty),
        _ => None,
    }
}

struct Merger {
    declarations: Vec<Declaration>,
    diagnostics: Vec<Diagnostic>,
    parent: String,
    file: FileId,
}

impl Merger {
    fn find(&self, namespace: Namespace, name: &str) -> Option<usize> {
        self.declarations
            .iter()
            .position(|d| self::namespace(d) == Some(namespace) && d.name().is_some_and(|n| n.name == name))
    }

    fn names_of(&self, namespace: Namespace) -> Vec<String> {
        self.declarations
            .iter()
            .filter(|d| self::namespace(d) == Some(namespace))
            .filter_map(|d| d.name().map(|n| n.name.clone()))
            .collect()
    }

    fn error(&mut self, span: Span, message: String, label: &str, hint: Option<String>) {
        let diagnostic = Diagnostic::error(self.file, span, message, label);
        self.diagnostics.push(match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        });
    }

    fn not_found_hint(&self, namespace: Namespace, name: &str) -> Option<String> {
        let names = self.names_of(namespace);
        suggest::closest(name, names.iter().map(String::as_str)).map(|s| format!("did you mean `{s}`?"))
    }

    fn add(&mut self, declaration: Declaration) {
        let Some(namespace) = namespace(&declaration) else {
            self.declarations.push(declaration);
            return;
        };
        let Some(name) = declaration.name().cloned() else {
            return;
        };
        match self.find(namespace, &name.name) {
            Some(index) => {
                let previous = self.declarations.get(index).map(|d| (keyword(d), d.span()));
                let (word, span) = previous.unwrap_or(("declaration", Span::default()));
                let parent = self.parent.clone();
                self.diagnostics.push(
                    Diagnostic::error(
                        self.file,
                        name.span,
                        format!("`{}` is already declared in `{parent}`", name.name),
                        "declared again here",
                    )
                    .with_label(span, format!("the {word} of `{parent}`"))
                    .with_hint(format!("to change it, write `override {word} {} …`", name.name)),
                );
            }
            None => self.declarations.push(declaration),
        }
    }

    fn override_with(&mut self, declaration: Declaration, keyword_span: Span) {
        let (Some(namespace), Some(name)) = (namespace(&declaration), declaration.name().cloned()) else {
            return;
        };
        let parent = self.parent.clone();
        let Some(index) = self.find(namespace, &name.name) else {
            let hint = self.not_found_hint(namespace, &name.name).or_else(|| {
                Some(format!(
                    "`{}` is new this year: declare it without `override`",
                    name.name
                ))
            });
            self.error(
                name.span,
                format!(
                    "nothing to override: `{}` is not declared in `{parent}`",
                    name.name
                ),
                "not inherited",
                hint,
            );
            return;
        };
        let Some(previous) = self.declarations.get(index) else {
            return;
        };
        if keyword(previous) != keyword(&declaration) {
            let (old, new) = (keyword(previous), keyword(&declaration));
            self.error(
                name.span,
                format!("`{}` is a `{old}` in `{parent}`, not a `{new}`", name.name),
                "another kind of declaration",
                Some(format!("write `override {old} {} …`", name.name)),
            );
            return;
        }
        if let (Some(old), Some(new)) = (declared_type(previous), declared_type(&declaration)) {
            let (old_ty, new_ty) = (print::type_expr(old), print::type_expr(new));
            if old_ty != new_ty {
                self.error(
                    new.span,
                    format!(
                        "the override changes the type of `{}` from `{old_ty}` to `{new_ty}`",
                        name.name
                    ),
                    "another type",
                    Some(format!(
                        "an override keeps the type of `{parent}`; declare a new name for a new type"
                    )),
                );
                return;
            }
        }
        if let (
            Declaration::Param(old) | Declaration::Let(old),
            Declaration::Param(new) | Declaration::Let(new),
        ) = (previous, &declaration)
            && print::expr(&old.value) == print::expr(&new.value)
        {
            self.diagnostics.push(
                Diagnostic::warning(
                    self.file,
                    new.value.span,
                    format!(
                        "the override keeps the value `{}` of `{parent}`",
                        print::expr(&new.value)
                    ),
                    "same value",
                )
                .with_hint("remove the override: the value is inherited"),
            );
        }
        let _ = keyword_span;
        if let Some(slot) = self.declarations.get_mut(index) {
            *slot = declaration;
        }
    }

    fn drop_declaration(&mut self, drop: DropDecl) {
        let parent = self.parent.clone();
        if drop.kind == DropKind::Field {
            let Some(field) = &drop.field else { return };
            let record = self.declarations.iter_mut().find_map(|d| match d {
                Declaration::Record(r) | Declaration::Input(r) if r.name.name == drop.name.name => Some(r),
                _ => None,
            });
            let Some(record) = record else {
                let hint = self.not_found_hint(Namespace::Type, &drop.name.name);
                self.error(
                    drop.name.span,
                    format!("no record `{}` in `{parent}`", drop.name.name),
                    "not inherited",
                    hint,
                );
                return;
            };
            match record.fields.iter().position(|f| f.name.name == field.name) {
                Some(position) => {
                    record.fields.remove(position);
                }
                None => {
                    let names: Vec<String> = record.fields.iter().map(|f| f.name.name.clone()).collect();
                    let hint = suggest::closest(&field.name, names.iter().map(String::as_str))
                        .map(|s| format!("did you mean `{s}`?"));
                    let record_name = drop.name.name.clone();
                    self.error(
                        field.span,
                        format!("`{record_name}` has no field `{}` in `{parent}`", field.name),
                        "not inherited",
                        hint,
                    );
                }
            }
            return;
        }
        let position = self.declarations.iter().position(|d| {
            drop_keyword_matches(drop.kind, d) && d.name().is_some_and(|n| n.name == drop.name.name)
        });
        match position {
            Some(position) => {
                self.declarations.remove(position);
            }
            None => {
                let namespace = match drop.kind {
                    DropKind::Rule | DropKind::Assert => Namespace::Rule,
                    _ => Namespace::Value,
                };
                let hint = self.not_found_hint(namespace, &drop.name.name);
                self.error(
                    drop.name.span,
                    format!(
                        "nothing to drop: no `{}` named `{}` in `{parent}`",
                        drop.kind.keyword(),
                        drop.name.name
                    ),
                    "not inherited",
                    hint,
                );
            }
        }
    }

    fn extend(&mut self, extension: ExtendDecl) {
        let parent = self.parent.clone();
        let target = self
            .declarations
            .iter_mut()
            .find(|d| match (d, extension.target) {
                (Declaration::Record(r), ExtendTarget::Record)
                | (Declaration::Input(r), ExtendTarget::Input) => r.name.name == extension.name.name,
                (Declaration::Enum(e), ExtendTarget::Enum) => e.name.name == extension.name.name,
                _ => false,
            });
        let mut clashes = Vec::new();
        match target {
            Some(Declaration::Record(record)) | Some(Declaration::Input(record)) => {
                for field in extension.fields {
                    match record.fields.iter().find(|f| f.name.name == field.name.name) {
                        Some(existing) => clashes.push((field.name, existing.name.span)),
                        None => record.fields.push(field),
                    }
                }
            }
            Some(Declaration::Enum(enumeration)) => {
                for variant in extension.variants {
                    match enumeration.variants.iter().find(|v| v.name == variant.name) {
                        Some(existing) => clashes.push((variant, existing.span)),
                        None => enumeration.variants.push(variant),
                    }
                }
            }
            _ => {
                let hint = self.not_found_hint(Namespace::Type, &extension.name.name);
                self.error(
                    extension.name.span,
                    format!(
                        "nothing to extend: no such type `{}` in `{parent}`",
                        extension.name.name
                    ),
                    "not inherited",
                    hint,
                );
            }
        }
        for (name, existing) in clashes {
            self.diagnostics.push(
                Diagnostic::error(
                    self.file,
                    name.span,
                    format!("`{}` is already in `{}`", name.name, extension.name.name),
                    "declared again here",
                )
                .with_label(existing, format!("inherited from `{parent}`")),
            );
        }
    }
}

/// Applies a rulebook's changes to the one it extends.
pub fn merge(parent: Module, child: Module, parent_name: &str, file: FileId) -> (Module, Vec<Diagnostic>) {
    let mut merger = Merger {
        declarations: parent.declarations,
        diagnostics: Vec::new(),
        parent: parent_name.to_string(),
        file,
    };
    let mut broken = parent.broken;
    broken.extend(child.broken);
    for declaration in child.declarations {
        match declaration {
            Declaration::Header(mut header) => {
                // The merged rulebook is the child's; `extends` has done its work.
                header.fields.retain(|(key, _)| key.name != "extends");
                match merger
                    .declarations
                    .iter_mut()
                    .find(|d| matches!(d, Declaration::Header(_)))
                {
                    Some(slot) => *slot = Declaration::Header(header),
                    None => merger.declarations.insert(0, Declaration::Header(header)),
                }
            }
            Declaration::Override(inner, span) => merger.override_with(*inner, span),
            Declaration::Drop(drop) => merger.drop_declaration(drop),
            Declaration::Extend(extension) => merger.extend(extension),
            other => merger.add(other),
        }
    }
    (
        Module {
            declarations: merger.declarations,
            broken,
        },
        merger.diagnostics,
    )
}
