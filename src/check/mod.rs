//! Checking: resolves every name once, types every expression, and compiles
//! the syntax tree into a [`Program`]. Reports unknown names, type and unit
//! mismatches, duplicates, cycles, failed assertions and the lints.

mod expr;
mod graph;
mod lints;
pub mod suggest;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::i18n::{Code, Message, codes};
use crate::msg;
use crate::program::*;
use crate::syntax::ast::{self, Declaration, DropDecl, ExtendDecl, TypeExprKind};
use std::collections::HashMap;

/// Checks a parsed file; returns the program when there is no error, and
/// every diagnostic (errors and warnings) either way.
pub fn check(file: FileId, module: &ast::Module) -> (Option<Program>, Vec<Diagnostic>) {
    check_at(file, module, 0)
}

/// Checks a parsed rulebook whose own file starts at offset `origin` (after
/// the files of the rulebooks it extends): file-wide errors point there.
pub fn check_at(file: FileId, module: &ast::Module, origin: usize) -> (Option<Program>, Vec<Diagnostic>) {
    let (program, diagnostics, _) = check_full(file, module, origin);
    (program, diagnostics)
}

/// [`check_at`], with the index of every name's declaration and uses (kept
/// even when there are errors: an editor navigates half-written rulebooks).
pub fn check_full(
    file: FileId,
    module: &ast::Module,
    origin: usize,
) -> (Option<Program>, Vec<Diagnostic>, NameIndex) {
    let mut checker = Checker::new(file);
    checker.origin = origin;
    let program = checker.run(module);
    let names = std::mem::take(&mut checker.names);
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.span(), d.severity));
    let has_error = diagnostics.iter().any(Diagnostic::is_error);
    (if has_error { None } else { program }, diagnostics, names)
}

/// What a value name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ValueName {
    Global(GlobalId),
    Def(DefId),
    Input,
}

/// A declaration whose body is checked after every name is known.
enum Pending<'a> {
    Global(GlobalId, &'a ast::Expr),
    Def(DefId, &'a ast::DefDecl),
    Rule(&'a ast::RuleDecl),
    ItemOutput(&'a ast::OutputDecl),
    Assert(&'a ast::AssertDecl),
}

pub(crate) struct Checker {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
    header: Option<HeaderInfo>,
    enums: Vec<EnumDef>,
    records: Vec<RecordDef>,
    type_names: HashMap<String, Type>,
    variants: HashMap<String, Vec<(EnumId, u32)>>,
    values: HashMap<String, (ValueName, Span)>,
    input_name: String,
    input: Option<RecordId>,
    globals: Vec<Global>,
    defs: Vec<Def>,
    rules: Vec<RuleDef>,
    rule_names: HashMap<String, Span>,
    item_lists: Vec<ItemList>,
    asserts: Vec<(String, Expr, Option<String>, Span)>,
    /// How often each global and def is used, for the unused-declaration lints.
    global_uses: Vec<usize>,
    def_uses: Vec<usize>,
    /// Declarations that did not parse, by keyword and name: their uses are
    /// not reported again as unknown.
    broken: Vec<(String, String)>,
    /// Rule messages that quote parameters (`{prix_plafond}`), filled in once
    /// the parameters are known: rule index, the parts, the message's span.
    messages: Vec<(usize, Vec<MessagePart>, Span)>,
    /// Where the checked file starts, for errors about the whole file.
    origin: usize,
    /// Defaults of application fields, written as expressions, for each
    /// record and field; computed once the parameters are known.
    defaults: Vec<(RecordId, usize, ast::Expr)>,
    /// Every declaration and use of a name, for the language server.
    pub(crate) names: NameIndex,
}

/// A piece of a rule's message: text as written, or a quoted parameter.
#[derive(Clone, Debug)]
enum MessagePart {
    Text(String),
    Global(GlobalId),
}

impl Checker {
    fn new(file: FileId) -> Checker {
        Checker {
            file,
            diagnostics: Vec::new(),
            header: None,
            enums: Vec::new(),
            records: Vec::new(),
            type_names: HashMap::new(),
            variants: HashMap::new(),
            values: HashMap::new(),
            input_name: String::new(),
            input: None,
            globals: Vec::new(),
            defs: Vec::new(),
            rules: Vec::new(),
            rule_names: HashMap::new(),
            item_lists: Vec::new(),
            asserts: Vec::new(),
            global_uses: Vec::new(),
            def_uses: Vec::new(),
            broken: Vec::new(),
            messages: Vec::new(),
            origin: 0,
            defaults: Vec::new(),
            names: NameIndex::default(),
        }
    }

    /// Reports a diagnostic of `code` (an error or a warning, as the code is).
    fn report(&mut self, code: Code, span: Span, message: Message, label: Message) -> Pushed<'_> {
        self.diagnostics
            .push(Diagnostic::new(code, self.file, span, message, label));
        Pushed(self.diagnostics.last_mut())
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn run(&mut self, module: &ast::Module) -> Option<Program> {
        self.broken = module.broken.clone();
        self.declare_types(module);
        self.resolve_records(module);
        let pending = self.declare_values(module);
        self.check_bodies(&pending);
        let header = match self.header.take() {
            Some(header) => header,
            None if self.is_broken("rulebook") => HeaderInfo::default(),
            None => {
                self.report(
                    codes::MISSING_HEADER,
                    Span::new(self.origin, self.origin),
                    msg!("check-missing-header"),
                    msg!("check-missing-header-label"),
                )
                .hint(msg!("check-missing-header-hint"));
                HeaderInfo::default()
            }
        };
        let Some(input) = self.input else {
            if self.is_broken("input") {
                return None;
            }
            self.report(
                codes::MISSING_INPUT,
                Span::new(self.origin, self.origin),
                msg!("check-missing-input"),
                msg!("check-missing-input-label"),
            )
            .hint(msg!("check-missing-input-hint"));
            return None;
        };
        let mut program = Program {
            file: self.file,
            header,
            enums: std::mem::take(&mut self.enums),
            records: std::mem::take(&mut self.records),
            input_name: self.input_name.clone(),
            input,
            globals: std::mem::take(&mut self.globals),
            defs: std::mem::take(&mut self.defs),
            rules: std::mem::take(&mut self.rules),
            item_lists: std::mem::take(&mut self.item_lists),
            outputs: Vec::new(),
        };
        program.outputs = (0..program.globals.len())
            .filter(|id| {
                program
                    .globals
                    .get(*id)
                    .is_some_and(|g| g.kind == GlobalKind::Output)
            })
            .collect();
        // After an error (or a declaration that did not parse), the lints
        // and the constants would only add noise or work on placeholders.
        let ok_so_far = !self.diagnostics.iter().any(Diagnostic::is_error) && module.broken.is_empty();
        if ok_so_far {
            lints::unused(self, module, &program);
        }
        lints::bare_figures(self, module);
        lints::sources(self, module);
        if !ok_so_far {
            return Some(program);
        }
        let Some(graph) = graph::analyse(self, &program) else {
            return Some(program);
        };
        graph::compute_constants(self, &mut program, &graph.constant_order, &graph.depends_on_input);
        lints::unrounded_outputs(self, &program);
        self.fill_messages(&mut program);
        self.compute_defaults(&mut program);
        let asserts = std::mem::take(&mut self.asserts);
        // One machine for all of them: a machine's size is the rulebook's.
        let mut machine = crate::eval::Machine::new(&program, None);
        for (name, condition, message, span) in asserts {
            graph::check_assert(
                self,
                &program,
                &mut machine,
                &name,
                &condition,
                message.as_deref(),
                span,
            );
        }
        Some(program)
    }

    // ------------------------------------------------------------ types

    fn declare_types(&mut self, module: &ast::Module) {
        for declaration in &module.declarations {
            match declaration {
                Declaration::Header(header) => self.header(header),
                Declaration::Enum(decl) => {
                    if !self.declare_type_name(&decl.name, Type::Enum(self.enums.len())) {
                        continue;
                    }
                    let id = self.enums.len();
                    let mut variants: Vec<String> = Vec::new();
                    let mut labels: Vec<Option<String>> = Vec::new();
                    for (index, variant) in decl.variants.iter().enumerate() {
                        if variants.contains(&variant.name) {
                            self.report(
                                codes::DUPLICATE_NAME,
                                variant.span,
                                msg!(
                                    "check-variant-twice",
                                    value = variant.name.as_str(),
                                    enumeration = decl.name.name.as_str()
                                ),
                                msg!("check-again-here"),
                            );
                            continue;
                        }
                        variants.push(variant.name.clone());
                        labels.push(
                            decl.labels
                                .get(index)
                                .and_then(Option::as_ref)
                                .map(|label| label.value.clone()),
                        );
                        self.variants
                            .entry(variant.name.clone())
                            .or_default()
                            .push((id, u32::try_from(index).unwrap_or(u32::MAX)));
                    }
                    self.define(Symbol::Type(decl.name.name.clone()), decl.name.span, decl.span);
                    for variant in &decl.variants {
                        self.define(
                            Symbol::Variant(decl.name.name.clone(), variant.name.clone()),
                            variant.span,
                            decl.span,
                        );
                    }
                    self.enums.push(EnumDef {
                        name: decl.name.name.clone(),
                        variants,
                        labels,
                        span: decl.span,
                    });
                }
                Declaration::Record(decl)
                    if self.declare_type_name(&decl.name, Type::Record(self.records.len())) =>
                {
                    self.define(Symbol::Type(decl.name.name.clone()), decl.name.span, decl.span);
                    self.records.push(RecordDef {
                        name: decl.name.name.clone(),
                        fields: Vec::new(),
                        span: decl.span,
                    });
                }
                Declaration::Input(decl) => {
                    if let Some(previous) = self.input {
                        let previous_span = self.records.get(previous).map(|r| r.span).unwrap_or_default();
                        self.push(
                            Diagnostic::new(
                                codes::SECOND_HEADER,
                                self.file,
                                decl.name.span,
                                msg!("check-second-input"),
                                msg!("check-second-input-label"),
                            )
                            .with_label(previous_span, msg!("check-first-declared-here")),
                        );
                        continue;
                    }
                    self.input = Some(self.records.len());
                    self.input_name = decl.name.name.clone();
                    self.define(Symbol::Input, decl.name.span, decl.span);
                    self.records.push(RecordDef {
                        name: decl.name.name.clone(),
                        fields: Vec::new(),
                        span: decl.span,
                    });
                }
                _ => {}
            }
        }
    }

    fn header(&mut self, header: &ast::Header) {
        if self.header.is_some() {
            self.report(
                codes::SECOND_HEADER,
                header.span,
                msg!("check-second-header"),
                msg!("check-second-header-label"),
            );
            return;
        }
        let mut info = HeaderInfo {
            title: header.title.value.clone(),
            ..HeaderInfo::default()
        };
        for (key, value) in &header.fields {
            match key.name.as_str() {
                "year" => {
                    if !is_school_year(&value.value) {
                        self.report(
                            codes::NOT_A_SCHOOL_YEAR,
                            value.span,
                            msg!("check-not-a-school-year", year = value.value.as_str()),
                            msg!("check-not-a-school-year-label"),
                        )
                        .hint(msg!("check-not-a-school-year-hint"));
                    }
                    info.year = value.value.clone();
                }
                "source" => info.source = value.value.clone(),
                "version" => info.version = Some(value.value.clone()),
                "layer" => {
                    if !is_layer_name(&value.value) {
                        self.report(
                            codes::NOT_A_LAYER_NAME,
                            value.span,
                            msg!("check-not-a-layer-name", layer = value.value.as_str()),
                            msg!("check-not-a-layer-name-label"),
                        )
                        .hint(msg!("check-not-a-layer-name-hint"));
                    }
                    info.layer = Some(value.value.clone());
                }
                _ => {
                    // Only reached when the rulebook was checked without the
                    // one it extends (merging removes `extends`).
                    self.report(
                        codes::EXTENDS_NOT_LOADED,
                        key.span,
                        msg!("check-extends-not-loaded"),
                        msg!("check-extends-not-loaded-label"),
                    )
                    .hint(msg!("check-extends-not-loaded-hint"));
                }
            }
        }
        if info.year.is_empty() {
            self.report(
                codes::MISSING_YEAR,
                header.title.span,
                msg!("check-missing-year"),
                msg!("check-missing-year-label"),
            )
            .hint(msg!("check-missing-year-hint"));
        }
        self.header = Some(info);
    }

    fn declare_type_name(&mut self, name: &ast::Ident, ty: Type) -> bool {
        if BUILTIN_TYPES.contains(&name.name.as_str()) {
            self.report(
                codes::RESERVED_NAME,
                name.span,
                msg!("check-builtin-type-name", name = name.name.as_str()),
                msg!("check-choose-another-name"),
            );
            return false;
        }
        if self.type_names.contains_key(&name.name) {
            self.report(
                codes::DUPLICATE_NAME,
                name.span,
                msg!("check-type-twice", name = name.name.as_str()),
                msg!("check-second-declaration"),
            );
            return false;
        }
        self.type_names.insert(name.name.clone(), ty);
        true
    }

    fn resolve_records(&mut self, module: &ast::Module) {
        for declaration in &module.declarations {
            let (Declaration::Record(decl) | Declaration::Input(decl)) = declaration else {
                continue;
            };
            // A declaration that was refused (a duplicate) has no record.
            let Some(id) = self.records.iter().position(|r| r.span == decl.span) else {
                continue;
            };
            let mut fields: Vec<FieldDef> = Vec::new();
            for field in &decl.fields {
                if let Some(first) = fields.iter().find(|f| f.name == field.name.name) {
                    let first = first.span;
                    self.push(
                        Diagnostic::new(
                            codes::DUPLICATE_NAME,
                            self.file,
                            field.name.span,
                            msg!(
                                "check-field-twice",
                                field = field.name.name.as_str(),
                                record = decl.name.name.as_str()
                            ),
                            msg!("check-second-declaration"),
                        )
                        .with_label(first, msg!("check-first-declared-here")),
                    );
                    continue;
                }
                let ty = self.resolve_type(&field.ty);
                if let Some(default) = &field.default {
                    self.defaults.push((id, fields.len(), default.clone()));
                }
                self.define(
                    Symbol::Field(decl.name.name.clone(), field.name.name.clone()),
                    field.name.span,
                    decl.span,
                );
                fields.push(FieldDef {
                    name: field.name.name.clone(),
                    ty,
                    span: field.name.span,
                    default: None,
                });
            }
            if let Some(record) = self.records.get_mut(id) {
                record.fields = fields;
            }
        }
        self.check_record_cycles();
    }

    /// A record that contains itself (other than through a list or an
    /// optional) could never be written down.
    fn check_record_cycles(&mut self) {
        for id in 0..self.records.len() {
            let mut stack = vec![id];
            let mut seen = vec![false; self.records.len()];
            while let Some(current) = stack.pop() {
                let Some(record) = self.records.get(current) else {
                    continue;
                };
                for field in &record.fields {
                    if let Type::Record(inner) = field.ty {
                        if inner == id {
                            let (name, span) = (record.name.clone(), field.span);
                            self.report(
                                codes::ENDLESS_RECORD,
                                span,
                                msg!("check-endless-record", name = name),
                                msg!("check-endless-record-label"),
                            )
                            .hint(msg!("check-endless-record-hint"));
                            return;
                        }
                        if !seen.get(inner).copied().unwrap_or(true) {
                            if let Some(s) = seen.get_mut(inner) {
                                *s = true;
                            }
                            stack.push(inner);
                        }
                    }
                }
            }
        }
    }

    fn resolve_type(&mut self, ty: &ast::TypeExpr) -> Type {
        match &ty.kind {
            TypeExprKind::List(item) => Type::List(Box::new(self.resolve_type(item))),
            TypeExprKind::Optional(item) => Type::Optional(Box::new(self.resolve_type(item))),
            TypeExprKind::Range(item) => {
                let inner = self.resolve_type(item);
                if !inner.is_ordered() {
                    self.report(
                        codes::BAD_RANGE,
                        item.span,
                        msg!("check-range-of-unordered"),
                        msg!("check-cannot-be-ordered"),
                    );
                    return Type::Error;
                }
                Type::Range(Box::new(inner))
            }
            TypeExprKind::Named(name) => match name.name.as_str() {
                "bool" => Type::Bool,
                "integer" => Type::Integer,
                "decimal" => Type::Decimal,
                "money" => Type::Money,
                "rate" => Type::Rate,
                "date" => Type::Date,
                "text" => Type::Text,
                other => match self.type_names.get(other) {
                    Some(ty) => {
                        self.names.uses.push((name.span, Symbol::Type(other.to_string())));
                        ty.clone()
                    }
                    None if self.is_broken_name(other) => Type::Error,
                    None => {
                        let known: Vec<String> = BUILTIN_TYPES
                            .iter()
                            .map(|s| s.to_string())
                            .chain(self.type_names.keys().cloned())
                            .collect();
                        let hint = suggest::did_you_mean(other, known.iter().map(String::as_str))
                            .unwrap_or_else(|| msg!("check-the-types-are", types = known.join(", ")));
                        self.report(
                            codes::UNKNOWN_TYPE,
                            name.span,
                            msg!("check-unknown-type", name = other),
                            msg!("check-unknown-type-label"),
                        )
                        .hint(hint);
                        Type::Error
                    }
                },
            },
        }
    }

    // ------------------------------------------------------------ values

    fn declare_value_name(&mut self, name: &ast::Ident, what: ValueName, kind: &str) -> bool {
        if name.name == self.input_name || self.type_names.contains_key(&name.name) {
            self.report(
                codes::DUPLICATE_NAME,
                name.span,
                msg!("check-name-of-a-type", name = name.name.as_str()),
                msg!("check-choose-another-name"),
            );
            return false;
        }
        if let Some((_, previous)) = self.values.get(&name.name) {
            let previous = *previous;
            self.push(
                Diagnostic::new(
                    codes::DUPLICATE_NAME,
                    self.file,
                    name.span,
                    msg!("check-declared-twice", kind = kind, name = name.name.as_str()),
                    msg!("check-second-declaration"),
                )
                .with_label(previous, msg!("check-first-declared-here")),
            );
            return false;
        }
        self.values.insert(name.name.clone(), (what, name.span));
        true
    }

    fn declare_values<'a>(&mut self, module: &'a ast::Module) -> Vec<Pending<'a>> {
        if self.input.is_some() {
            self.values
                .insert(self.input_name.clone(), (ValueName::Input, Span::default()));
        }
        let mut pending = Vec::new();
        for declaration in &module.declarations {
            match declaration {
                Declaration::Param(decl) | Declaration::Let(decl) => {
                    let kind = if matches!(declaration, Declaration::Param(_)) {
                        GlobalKind::Param
                    } else {
                        GlobalKind::Let
                    };
                    if let Some(id) =
                        self.declare_global(&decl.name, kind, &decl.ty, &decl.clauses, decl.span)
                    {
                        pending.push(Pending::Global(id, &decl.value));
                    }
                }
                Declaration::Output(decl) if decl.for_each.is_none() => {
                    if let Some(id) = self.declare_global(
                        &decl.name,
                        GlobalKind::Output,
                        &decl.ty,
                        &decl.clauses,
                        decl.span,
                    ) {
                        pending.push(Pending::Global(id, &decl.value));
                    }
                }
                Declaration::Output(decl) => pending.push(Pending::ItemOutput(decl)),
                Declaration::Def(decl) => {
                    let id = self.defs.len();
                    self.no_ceiling_here(&decl.clauses);
                    if self.declare_value_name(&decl.name, ValueName::Def(id), "def") {
                        self.define(Symbol::Def(decl.name.name.clone()), decl.name.span, decl.span);
                        let params = decl.params.iter().map(|(_, ty)| self.resolve_type(ty)).collect();
                        let ty = self.resolve_type(&decl.ty);
                        self.defs.push(Def {
                            name: decl.name.name.clone(),
                            params,
                            ty,
                            body: placeholder(decl.span),
                            label: decl.clauses.label.as_ref().map(|s| s.value.clone()),
                            source: decl.clauses.source.as_ref().map(|s| s.value.clone()),
                            name_span: decl.name.span,
                        });
                        self.def_uses.push(0);
                        pending.push(Pending::Def(id, decl));
                    }
                }
                Declaration::Rule(decl) => {
                    if let Some(previous) = self.rule_names.get(&decl.name.name).copied() {
                        self.push(
                            Diagnostic::new(
                                codes::DUPLICATE_NAME,
                                self.file,
                                decl.name.span,
                                msg!(
                                    "check-declared-twice",
                                    kind = "rule",
                                    name = decl.name.name.as_str()
                                ),
                                msg!("check-second-declaration"),
                            )
                            .with_label(previous, msg!("check-first-declared-here")),
                        );
                    } else {
                        self.rule_names.insert(decl.name.name.clone(), decl.name.span);
                        self.define(Symbol::Rule(decl.name.name.clone()), decl.name.span, decl.span);
                        pending.push(Pending::Rule(decl));
                    }
                }
                Declaration::Override(_, span)
                | Declaration::Drop(DropDecl { span, .. })
                | Declaration::Extend(ExtendDecl { span, .. }) => {
                    let keyword = match declaration {
                        Declaration::Override(..) => "override",
                        Declaration::Drop(_) => "drop",
                        _ => "extend",
                    };
                    self.report(
                        codes::CHANGE_WITHOUT_EXTENDS,
                        *span,
                        msg!("check-change-without-extends", keyword = keyword),
                        msg!("check-change-without-extends-label"),
                    )
                    .hint(msg!("check-change-without-extends-hint"));
                }
                Declaration::Assert(decl) => {
                    self.no_ceiling_here(&decl.clauses);
                    if let Some(previous) = self.rule_names.get(&decl.name.name).copied() {
                        self.push(
                            Diagnostic::new(
                                codes::DUPLICATE_NAME,
                                self.file,
                                decl.name.span,
                                msg!(
                                    "check-declared-twice",
                                    kind = "assert",
                                    name = decl.name.name.as_str()
                                ),
                                msg!("check-second-declaration"),
                            )
                            .with_label(previous, msg!("check-first-declared-here")),
                        );
                    } else {
                        self.rule_names.insert(decl.name.name.clone(), decl.name.span);
                        self.define(Symbol::Rule(decl.name.name.clone()), decl.name.span, decl.span);
                        pending.push(Pending::Assert(decl));
                    }
                }
                _ => {}
            }
        }
        pending
    }

    fn declare_global(
        &mut self,
        name: &ast::Ident,
        kind: GlobalKind,
        ty: &ast::TypeExpr,
        clauses: &ast::Clauses,
        span: Span,
    ) -> Option<GlobalId> {
        let id = self.globals.len();
        let word = match kind {
            GlobalKind::Param => "param",
            GlobalKind::Let => "let",
            GlobalKind::Output => "output",
        };
        if !self.declare_value_name(name, ValueName::Global(id), word) {
            return None;
        }
        self.define(Symbol::Global(name.name.clone()), name.span, span);
        let ty = self.resolve_type(ty);
        if let Some(message) = &clauses.message {
            self.report(
                codes::MISPLACED_CLAUSE,
                message.span,
                msg!("check-message-not-here"),
                msg!("check-not-used-here"),
            )
            .hint(msg!("check-message-not-here-hint"));
        }
        self.no_ceiling_here(clauses);
        self.globals.push(Global {
            name: name.name.clone(),
            kind,
            ty,
            expr: placeholder(span),
            constant: None,
            source: clauses.source.as_ref().map(|s| s.value.clone()),
            label: clauses.label.as_ref().map(|s| s.value.clone()),
            name_span: name.span,
            span,
        });
        self.global_uses.push(0);
        Some(id)
    }

    fn check_bodies(&mut self, pending: &[Pending]) {
        for item in pending {
            match item {
                Pending::Global(id, value) => {
                    let expected = self.globals.get(*id).map(|g| g.ty.clone()).unwrap_or(Type::Error);
                    let mut scope = expr::Scope::default();
                    let compiled =
                        self.expect(value, &expected, &mut scope, msg!("check-what-declared-type"));
                    if let Some(global) = self.globals.get_mut(*id) {
                        global.expr = compiled;
                    }
                }
                Pending::Def(id, decl) => {
                    let Some(def) = self.defs.get(*id) else { continue };
                    let (params, ty) = (def.params.clone(), def.ty.clone());
                    let mut scope = expr::Scope::default();
                    for ((name, _), param_ty) in decl.params.iter().zip(params) {
                        if scope.find(&name.name).is_some() {
                            self.report(
                                codes::DUPLICATE_NAME,
                                name.span,
                                msg!("check-argument-twice", name = name.name.as_str()),
                                msg!("check-again-here"),
                            );
                        }
                        self.bind(&name.name, name.span, decl.body.span, &param_ty);
                        scope.push(&name.name, param_ty);
                    }
                    let body = self.expect(&decl.body, &ty, &mut scope, msg!("check-what-declared-type"));
                    if let Some(def) = self.defs.get_mut(*id) {
                        def.body = body;
                    }
                    if let Some(message) = &decl.clauses.message {
                        self.report(
                            codes::MISPLACED_CLAUSE,
                            message.span,
                            msg!("check-message-not-here"),
                            msg!("check-not-used-here"),
                        );
                    }
                }
                Pending::Rule(decl) => self.rule(decl),
                Pending::ItemOutput(decl) => self.item_output(decl),
                Pending::Assert(decl) => {
                    let mut scope = expr::Scope::default();
                    let condition = self.expect(
                        &decl.condition,
                        &Type::Bool,
                        &mut scope,
                        msg!("check-what-condition"),
                    );
                    self.asserts.push((
                        decl.name.name.clone(),
                        condition,
                        decl.clauses.message.as_ref().map(|m| m.value.clone()),
                        decl.condition.span,
                    ));
                }
            }
        }
    }

    fn rule(&mut self, decl: &ast::RuleDecl) {
        let mut scope = expr::Scope::default();
        let scope_list = match &decl.for_each {
            Some(for_each) => {
                let Some((list, item_ty)) = self.item_scope(for_each) else {
                    return;
                };
                self.bind(&for_each.binder.name, for_each.binder.span, decl.span, &item_ty);
                scope.push(&for_each.binder.name, item_ty);
                Some(list)
            }
            None => None,
        };
        let condition = self.expect(
            &decl.condition,
            &Type::Bool,
            &mut scope,
            msg!("check-what-condition"),
        );
        let message = match &decl.clauses.message {
            Some(message) => {
                self.message_placeholders(self.rules.len(), message);
                message.value.clone()
            }
            None => {
                self.report(
                    codes::RULE_WITHOUT_MESSAGE,
                    decl.name.span,
                    msg!("check-rule-without-message", name = decl.name.name.as_str()),
                    msg!("check-rule-without-message-label"),
                )
                .hint(msg!("check-rule-without-message-hint"));
                String::new()
            }
        };
        if let Some(label) = &decl.clauses.label {
            self.report(
                codes::MISPLACED_CLAUSE,
                label.span,
                msg!("check-label-not-here"),
                msg!("check-not-used-here"),
            );
        }
        self.no_ceiling_here(&decl.clauses);
        let index = self.rules.len();
        if let Some(list) = scope_list
            && decl.severity == ast::RuleSeverity::Refuse
            && let Some(item_list) = self.item_lists.get_mut(list)
        {
            item_list.refusals.push(index);
        }
        self.rules.push(RuleDef {
            name: decl.name.name.clone(),
            severity: decl.severity,
            unless: decl.unless,
            condition,
            scope: scope_list,
            message,
            source: decl.clauses.source.as_ref().map(|s| s.value.clone()),
            name_span: decl.name.span,
            span: decl.span,
        });
    }

    /// Reads the `{name}` placeholders of a rule's message; `{{` and `}}`
    /// stand for braces.
    fn message_placeholders(&mut self, rule: usize, message: &ast::Text) {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = message.value.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    let name = name.trim();
                    match self.values.get(name).map(|(what, _)| *what) {
                        Some(ValueName::Global(id)) => {
                            if let Some(uses) = self.global_uses.get_mut(id) {
                                *uses += 1;
                            }
                            // Where the name stands in the source: right when the text
                            // before it has no escape (the editor checks before renaming).
                            let offset = message.value.find(&format!("{{{name}}}")).map(|at| at + 1);
                            if let Some(offset) = offset {
                                let start = message.span.start + 1 + offset;
                                self.names.uses.push((
                                    Span::new(start, start + name.len()),
                                    Symbol::Global(name.to_string()),
                                ));
                            }
                            parts.push(MessagePart::Text(std::mem::take(&mut text)));
                            parts.push(MessagePart::Global(id));
                        }
                        _ => {
                            let candidates: Vec<String> = self.values.keys().cloned().collect();
                            let hint = suggest::closest(name, candidates.iter().map(String::as_str))
                                .map(|s| msg!("check-did-you-mean-placeholder", name = s))
                                .unwrap_or_else(|| msg!("check-placeholder-hint"));
                            self.report(
                                codes::UNKNOWN_PARAMETER_IN_MESSAGE,
                                message.span,
                                msg!("check-unknown-placeholder", name = name),
                                msg!("check-quoted-here"),
                            )
                            .hint(hint);
                        }
                    }
                }
                other => text.push(other),
            }
        }
        parts.push(MessagePart::Text(text));
        self.messages.push((rule, parts, message.span));
    }

    /// Computes the values assumed for application fields that older
    /// applications lack (`default`); they may use parameters only.
    fn compute_defaults(&mut self, program: &mut Program) {
        let mut failed = self.diagnostics.iter().any(Diagnostic::is_error);
        let mut compiled_defaults = Vec::new();
        for (record, field, expression) in std::mem::take(&mut self.defaults) {
            let Some(ty) = program
                .records
                .get(record)
                .and_then(|r| r.fields.get(field))
                .map(|f| f.ty.clone())
            else {
                continue;
            };
            let mut scope = expr::Scope::default();
            let before = self.diagnostics.len();
            let compiled = self.expect(&expression, &ty, &mut scope, msg!("check-what-field-type"));
            failed |= self
                .diagnostics
                .get(before..)
                .is_some_and(|new| new.iter().any(Diagnostic::is_error));
            if !failed {
                compiled_defaults.push((record, field, compiled));
            }
        }
        // One machine for all of them: a machine's size is the rulebook's.
        let results: Vec<_> = {
            let mut machine = crate::eval::Machine::new(program, None);
            compiled_defaults
                .into_iter()
                .map(|(record, field, compiled)| (record, field, machine.eval(&compiled)))
                .collect()
        };
        for (record, field, result) in results {
            match result {
                Ok(value) => {
                    if let Some(slot) = program
                        .records
                        .get_mut(record)
                        .and_then(|r| r.fields.get_mut(field))
                    {
                        slot.default = Some(value);
                    }
                }
                Err(error) => {
                    self.report(
                        error.code,
                        error.span,
                        msg!("check-default-cannot-be-computed", why = error.message()),
                        msg!("label-here"),
                    )
                    .hint(msg!("check-default-cannot-be-computed-hint"));
                }
            }
        }
    }

    /// Writes the parameters' values into the messages that quote them.
    fn fill_messages(&mut self, program: &mut Program) {
        for (rule, parts, span) in std::mem::take(&mut self.messages) {
            let mut message = String::new();
            for part in parts {
                match part {
                    MessagePart::Text(text) => message.push_str(&text),
                    MessagePart::Global(id) => {
                        let Some(global) = program.globals.get(id) else {
                            continue;
                        };
                        match &global.constant {
                            Some(value) => message
                                .push_str(&crate::decision::render_in_sentence(value, &global.ty, program)),
                            None => {
                                let name = global.name.clone();
                                self.report(
                                    codes::MESSAGE_QUOTES_APPLICATION,
                                    span,
                                    msg!("check-message-quotes-application", name = name),
                                    msg!("check-quoted-here"),
                                )
                                .hint(msg!("check-message-quotes-application-hint"));
                            }
                        }
                    }
                }
            }
            if let Some(rule) = program.rules.get_mut(rule) {
                rule.message = message;
            }
        }
    }

    fn item_output(&mut self, decl: &ast::OutputDecl) {
        let Some(for_each) = &decl.for_each else { return };
        let Some((list, item_ty)) = self.item_scope(for_each) else {
            return;
        };
        let ty = self.resolve_type(&decl.ty);
        let mut scope = expr::Scope::default();
        self.bind(&for_each.binder.name, for_each.binder.span, decl.span, &item_ty);
        scope.push(&for_each.binder.name, item_ty);
        let compiled = self.expect(&decl.value, &ty, &mut scope, msg!("check-what-declared-type"));
        let ceiling = decl
            .clauses
            .ceiling
            .as_ref()
            .and_then(|name| self.ceiling(name, &ty));
        let key = self
            .item_lists
            .get(list)
            .map(|l| l.key.clone())
            .unwrap_or_default();
        self.define(
            Symbol::ItemOutput(key, decl.name.name.clone()),
            decl.name.span,
            decl.span,
        );
        let Some(item_list) = self.item_lists.get_mut(list) else {
            return;
        };
        if item_list.outputs.iter().any(|o| o.name == decl.name.name) {
            let key = item_list.key.clone();
            self.report(
                codes::DUPLICATE_NAME,
                decl.name.span,
                msg!(
                    "check-item-output-twice",
                    name = decl.name.name.as_str(),
                    list = key
                ),
                msg!("check-second-declaration"),
            );
            return;
        }
        item_list.outputs.push(ItemOutput {
            name: decl.name.name.clone(),
            ty,
            expr: compiled,
            label: decl.clauses.label.as_ref().map(|s| s.value.clone()),
            source: decl.clauses.source.as_ref().map(|s| s.value.clone()),
            ceiling,
            name_span: decl.name.span,
        });
    }

    /// Refuses a `ceiling` anywhere but on a per-item output.
    fn no_ceiling_here(&mut self, clauses: &ast::Clauses) {
        if let Some(ceiling) = &clauses.ceiling {
            self.report(
                codes::MISPLACED_CLAUSE,
                ceiling.span,
                msg!("check-ceiling-not-here"),
                msg!("check-not-used-here"),
            );
        }
    }

    /// Resolves `ceiling name` on an item output: a money value of the
    /// rulebook (a parameter or a `let`), for a money output.
    fn ceiling(&mut self, name: &ast::Text, ty: &Type) -> Option<GlobalId> {
        let found = match self.values.get(&name.value).map(|(what, _)| *what) {
            Some(ValueName::Global(id)) => self.globals.get(id).map(|g| (id, g.kind, g.ty.clone())),
            _ => None,
        };
        let Some((id, kind, global_ty)) = found else {
            let candidates: Vec<String> = self.values.keys().cloned().collect();
            let hint = suggest::did_you_mean(&name.value, candidates.iter().map(String::as_str));
            let pushed = self.report(
                codes::UNKNOWN_NAME,
                name.span,
                msg!("check-unknown-name", name = name.value.as_str()),
                msg!("check-unknown-name-label"),
            );
            if let Some(hint) = hint {
                pushed.hint(hint);
            }
            return None;
        };
        if *ty != Type::Money || global_ty != Type::Money || kind == GlobalKind::Output {
            self.report(
                codes::TYPE_MISMATCH,
                name.span,
                msg!("check-ceiling-not-money", name = name.value.as_str()),
                msg!("check-ceiling-not-money-label"),
            );
            return None;
        }
        if let Some(uses) = self.global_uses.get_mut(id) {
            *uses += 1;
        }
        self.names
            .uses
            .push((name.span, Symbol::Global(name.value.clone())));
        Some(id)
    }

    /// Resolves `for x in list`: the list must be a list of the application.
    fn item_scope(&mut self, for_each: &ast::ForEach) -> Option<(ListId, Type)> {
        let mut scope = expr::Scope::default();
        let (compiled, ty) = self.expr(&for_each.list, &mut scope);
        if ty == Type::Error {
            return None;
        }
        let Type::List(item) = ty else {
            let found = self.words(&ty);
            self.report(
                codes::NOT_AN_APPLICATION_LIST,
                for_each.list.span,
                msg!("check-for-needs-a-list"),
                msg!("check-this-is", what = found),
            );
            return None;
        };
        match self.item_list(&compiled, for_each.list.span) {
            Some(list) => Some((list, *item)),
            None => {
                let example = self.example_list();
                self.report(
                    codes::NOT_AN_APPLICATION_LIST,
                    for_each.list.span,
                    msg!("check-for-application-list"),
                    msg!("check-not-an-application-field"),
                )
                .hint(msg!("check-application-list-hint", example = example));
                None
            }
        }
    }

    /// The item list for a path of the application, created on first use.
    fn item_list(&mut self, expr: &Expr, span: Span) -> Option<ListId> {
        let mut path = Vec::new();
        let mut current = expr;
        loop {
            match &current.kind {
                ExprKind::Field(base, index) => {
                    path.push(*index);
                    current = base;
                }
                ExprKind::Input => break,
                _ => return None,
            }
        }
        path.reverse();
        if let Some(found) = self.item_lists.iter().position(|l| l.path == path) {
            return Some(found);
        }
        let path_text = self.path_text(&path);
        let key = path_text.rsplit('.').next().unwrap_or_default().to_string();
        let _ = span;
        self.item_lists.push(ItemList {
            path,
            path_text,
            key,
            refusals: Vec::new(),
            outputs: Vec::new(),
        });
        Some(self.item_lists.len() - 1)
    }

    fn path_text(&self, path: &[u32]) -> String {
        let mut text = self.input_name.clone();
        let mut record = self.input;
        for index in path {
            let field = record
                .and_then(|r| self.records.get(r))
                .and_then(|r| r.fields.get(*index as usize));
            let Some(field) = field else { break };
            text.push('.');
            text.push_str(&field.name);
            record = match &field.ty {
                Type::Record(r) => Some(*r),
                _ => None,
            };
        }
        text
    }

    /// A list field of the application, as written, for hints (`demande.collectifs`).
    pub(crate) fn example_list(&self) -> String {
        let field = self.input.and_then(|r| self.records.get(r)).and_then(|r| {
            r.fields
                .iter()
                .find(|f| matches!(&f.ty, Type::List(item) if matches!(**item, Type::Record(_))))
        });
        match field {
            Some(field) => format!("{}.{}", self.input_name, field.name),
            None => format!("{}.…", self.input_name),
        }
    }

    fn words(&self, ty: &Type) -> Message {
        TypeInWords(ty, self).message()
    }

    fn type_name(&self, ty: &Type) -> String {
        TypeName(ty, self).to_string()
    }
}

impl Checker {
    /// Records where a symbol is declared.
    fn define(&mut self, symbol: Symbol, name: Span, declaration: Span) {
        self.names.definitions.push((symbol, name, declaration));
    }

    /// Records a name bound inside a declaration.
    pub(crate) fn bind(&mut self, name: &str, span: Span, scope: Span, ty: &Type) {
        self.names.locals.push(LocalBinding {
            name: name.to_string(),
            span,
            scope,
            ty: ty.clone(),
        });
    }

    /// Whether a declaration with this keyword failed to parse.
    fn is_broken(&self, keyword: &str) -> bool {
        self.broken.iter().any(|(k, _)| k == keyword)
    }

    /// Whether a declaration of this name failed to parse.
    pub(crate) fn is_broken_name(&self, name: &str) -> bool {
        self.broken.iter().any(|(_, n)| n == name)
    }
}

impl TypeNames for Checker {
    fn enum_name(&self, id: EnumId) -> &str {
        self.enums.get(id).map(|e| e.name.as_str()).unwrap_or("?")
    }
    fn record_name(&self, id: RecordId) -> &str {
        self.records.get(id).map(|r| r.name.as_str()).unwrap_or("?")
    }
}

/// A diagnostic just pushed, to which a hint can be added.
pub(crate) struct Pushed<'a>(Option<&'a mut Diagnostic>);

impl Pushed<'_> {
    fn hint(self, hint: Message) {
        if let Some(diagnostic) = self.0 {
            diagnostic.hint = Some(hint);
        }
    }
}

const BUILTIN_TYPES: [&str; 7] = ["bool", "integer", "decimal", "money", "rate", "date", "text"];

fn placeholder(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Const(crate::value::Value::Bool(false)),
        span,
    }
}

/// Whether `name` can name a layer: lower-case letters, digits and single
/// hyphens, starting with a letter (`national`, `caf-63`, `caf-2a`).
pub fn is_layer_name(name: &str) -> bool {
    let mut previous = '-';
    let well_formed = name.chars().all(|c| {
        let ok = c.is_ascii_lowercase() || c.is_ascii_digit() || (c == '-' && previous != '-');
        previous = c;
        ok
    });
    well_formed
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name.len() <= 64
}

/// `2023-2024`: two consecutive years.
pub fn is_school_year(text: &str) -> bool {
    let Some((first, second)) = text.split_once('-') else {
        return false;
    };
    let (Ok(first), Ok(second)) = (first.parse::<u32>(), second.parse::<u32>()) else {
        return false;
    };
    first.to_string().len() == 4 && second == first + 1
}
