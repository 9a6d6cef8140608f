//! Inheritance: a rulebook that `extends` another states only its changes.
//! Merging works on syntax trees, before checking, so the merged rulebook is
//! checked as one: its diagnostics point into whichever file each
//! declaration came from.

use crate::check::suggest;
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::i18n::{Code, Message, codes};
use crate::msg;
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

    fn error(&mut self, code: Code, span: Span, message: Message, label: Message, hint: Option<Message>) {
        let diagnostic = Diagnostic::new(code, self.file, span, message, label);
        self.diagnostics.push(match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        });
    }

    fn not_found_hint(&self, namespace: Namespace, name: &str) -> Option<Message> {
        let names = self.names_of(namespace);
        suggest::did_you_mean(name, names.iter().map(String::as_str))
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
                    Diagnostic::new(
                        codes::MISSING_OVERRIDE,
                        self.file,
                        name.span,
                        msg!(
                            "extend-already-declared",
                            name = name.name.as_str(),
                            parent = parent.as_str()
                        ),
                        msg!("extend-declared-again-here"),
                    )
                    .with_label(
                        span,
                        msg!(
                            "extend-inherited-declaration",
                            kind = word,
                            parent = parent.as_str()
                        ),
                    )
                    .with_hint(msg!(
                        "extend-missing-override-hint",
                        kind = word,
                        name = name.name.as_str()
                    )),
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
            let hint = self
                .not_found_hint(namespace, &name.name)
                .or_else(|| Some(msg!("extend-override-new-hint", name = name.name.as_str())));
            self.error(
                codes::OVERRIDE_UNKNOWN,
                name.span,
                msg!(
                    "extend-nothing-to-override",
                    name = name.name.as_str(),
                    parent = parent.as_str()
                ),
                msg!("extend-not-inherited"),
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
                codes::OVERRIDE_CHANGES_TYPE,
                name.span,
                msg!(
                    "extend-other-kind",
                    name = name.name.as_str(),
                    old = old,
                    new = new,
                    parent = parent.as_str()
                ),
                msg!("extend-other-kind-label"),
                Some(msg!(
                    "extend-write-override",
                    kind = old,
                    name = name.name.as_str()
                )),
            );
            return;
        }
        if let (Some(old), Some(new)) = (declared_type(previous), declared_type(&declaration)) {
            let (old_ty, new_ty) = (print::type_expr(old), print::type_expr(new));
            if old_ty != new_ty {
                self.error(
                    codes::OVERRIDE_CHANGES_TYPE,
                    new.span,
                    msg!(
                        "extend-changes-type",
                        name = name.name.as_str(),
                        old = old_ty,
                        new = new_ty
                    ),
                    msg!("extend-changes-type-label"),
                    Some(msg!("extend-changes-type-hint", parent = parent.as_str())),
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
                Diagnostic::new(
                    codes::OVERRIDE_SAME_VALUE,
                    self.file,
                    new.value.span,
                    msg!(
                        "extend-same-value",
                        value = print::expr(&new.value),
                        parent = parent.as_str()
                    ),
                    msg!("extend-same-value-label"),
                )
                .with_hint(msg!("extend-same-value-hint")),
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
                    codes::DROP_UNKNOWN,
                    drop.name.span,
                    msg!(
                        "extend-no-record",
                        name = drop.name.name.as_str(),
                        parent = parent.as_str()
                    ),
                    msg!("extend-not-inherited"),
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
                    let hint = suggest::did_you_mean(&field.name, names.iter().map(String::as_str));
                    let record_name = drop.name.name.clone();
                    self.error(
                        codes::DROP_UNKNOWN,
                        field.span,
                        msg!(
                            "extend-no-field",
                            record = record_name,
                            field = field.name.as_str(),
                            parent = parent.as_str()
                        ),
                        msg!("extend-not-inherited"),
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
                    codes::DROP_UNKNOWN,
                    drop.name.span,
                    msg!(
                        "extend-nothing-to-drop",
                        kind = drop.kind.keyword(),
                        name = drop.name.name.as_str(),
                        parent = parent.as_str()
                    ),
                    msg!("extend-not-inherited"),
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
                let mut labels = extension.labels.into_iter();
                for variant in extension.variants {
                    let label = labels.next().flatten();
                    match enumeration.variants.iter().find(|v| v.name == variant.name) {
                        Some(existing) => clashes.push((variant, existing.span)),
                        None => {
                            // Values and labels stay side by side.
                            enumeration.labels.resize(enumeration.variants.len(), None);
                            enumeration.variants.push(variant);
                            enumeration.labels.push(label);
                        }
                    }
                }
            }
            _ => {
                let hint = self.not_found_hint(Namespace::Type, &extension.name.name);
                self.error(
                    codes::EXTEND_UNKNOWN,
                    extension.name.span,
                    msg!(
                        "extend-nothing-to-extend",
                        name = extension.name.name.as_str(),
                        parent = parent.as_str()
                    ),
                    msg!("extend-not-inherited"),
                    hint,
                );
            }
        }
        for (name, existing) in clashes {
            self.diagnostics.push(
                Diagnostic::new(
                    codes::EXTEND_DUPLICATE_FIELD,
                    self.file,
                    name.span,
                    msg!(
                        "extend-already-in",
                        name = name.name.as_str(),
                        target = extension.name.name.as_str()
                    ),
                    msg!("extend-declared-again-here"),
                )
                .with_label(existing, msg!("extend-inherited-from", parent = parent.as_str())),
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
                // The merged rulebook is the child's; `extends` and `over`
                // have done their work.
                header
                    .fields
                    .retain(|(key, _)| key.name != "extends" && key.name != "over");
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
