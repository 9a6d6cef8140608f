//! The compiled rulebook: every name resolved to a slot, every expression
//! typed. Immutable once built, shared across threads, and all the evaluator
//! needs.

use crate::diagnostic::{FileId, Span};
use crate::i18n::Message;
use crate::msg;
use crate::syntax::ast::RuleSeverity;
use crate::value::Value;
use std::fmt;

/// Index of an enumeration in [`Program::enums`].
pub type EnumId = usize;
/// Index of a record type in [`Program::records`].
pub type RecordId = usize;
/// Index of a global (parameter, derived value, output) in [`Program::globals`].
pub type GlobalId = usize;
/// Index of a function in [`Program::defs`].
pub type DefId = usize;
/// Index of an item list in [`Program::item_lists`].
pub type ListId = usize;

/// A type of the rules language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `bool`.
    Bool,
    /// `integer`.
    Integer,
    /// `decimal`.
    Decimal,
    /// `money`, in euros.
    Money,
    /// `rate`, in percent.
    Rate,
    /// `date`.
    Date,
    /// `text`.
    Text,
    /// An enumeration.
    Enum(EnumId),
    /// A record.
    Record(RecordId),
    /// `list T`.
    List(Box<Type>),
    /// `optional T`.
    Optional(Box<Type>),
    /// `range T`.
    Range(Box<Type>),
    /// The type of `[]` before it meets a list type.
    EmptyList,
    /// The type of an expression that already has an error: accepted anywhere
    /// so that one mistake gives one diagnostic.
    Error,
}

impl Type {
    /// Whether values of the type can be added and compared as numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Integer | Type::Decimal | Type::Money | Type::Rate)
    }

    /// Whether values of the type can be ordered with `<`.
    pub fn is_ordered(&self) -> bool {
        self.is_numeric() || matches!(self, Type::Date | Type::Error)
    }
}

/// Names of enumerations and records, to show types in the user's words.
pub trait TypeNames {
    /// The name of an enumeration.
    fn enum_name(&self, id: EnumId) -> &str;
    /// The name of a record type.
    fn record_name(&self, id: RecordId) -> &str;
}

/// A type written for users: `an amount of money`, `a list of \`Collectif\``.
pub struct TypeInWords<'a, N: TypeNames>(pub &'a Type, pub &'a N);

impl<N: TypeNames> TypeInWords<'_, N> {
    /// The description, as a message of the catalogs.
    pub fn message(&self) -> Message {
        let names = self.1;
        match self.0 {
            Type::Bool => msg!("type-bool"),
            Type::Integer => msg!("type-integer"),
            Type::Decimal => msg!("type-decimal"),
            Type::Money => msg!("type-money"),
            Type::Rate => msg!("type-rate"),
            Type::Date => msg!("type-date"),
            Type::Text => msg!("type-text"),
            Type::Enum(id) => msg!("type-enum", name = names.enum_name(*id)),
            Type::Record(id) => msg!("type-record", name = names.record_name(*id)),
            Type::List(item) => msg!("type-list", item = TypeName(item, names).to_string()),
            Type::Optional(item) => msg!("type-optional", item = TypeName(item, names).to_string()),
            Type::Range(item) => msg!("type-range", item = TypeName(item, names).to_string()),
            Type::EmptyList => msg!("type-empty-list"),
            Type::Error => msg!("type-error"),
        }
    }
}

/// A type as it is written in a rulebook: `list Collectif`.
pub struct TypeName<'a, N: TypeNames>(pub &'a Type, pub &'a N);

impl<N: TypeNames> fmt::Display for TypeName<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.1;
        match self.0 {
            Type::Bool => write!(f, "bool"),
            Type::Integer => write!(f, "integer"),
            Type::Decimal => write!(f, "decimal"),
            Type::Money => write!(f, "money"),
            Type::Rate => write!(f, "rate"),
            Type::Date => write!(f, "date"),
            Type::Text => write!(f, "text"),
            Type::Enum(id) => write!(f, "{}", names.enum_name(*id)),
            Type::Record(id) => write!(f, "{}", names.record_name(*id)),
            Type::List(item) => write!(f, "list {}", TypeName(item, names)),
            Type::Optional(item) => write!(f, "optional {}", TypeName(item, names)),
            Type::Range(item) => write!(f, "range {}", TypeName(item, names)),
            Type::EmptyList => write!(f, "list"),
            Type::Error => write!(f, "?"),
        }
    }
}

/// An enumeration.
#[derive(Clone, Debug)]
pub struct EnumDef {
    /// Its name.
    pub name: String,
    /// Its values, in order.
    pub variants: Vec<String>,
    /// How staff read each value (its `label`), where the rulebook gives
    /// one; by the value's position.
    pub labels: Vec<Option<String>>,
    /// Where it is declared.
    pub span: Span,
}

impl EnumDef {
    /// How staff read the value at `index`: its label, else its name.
    pub fn label(&self, index: usize) -> Option<&str> {
        self.given_label(index)
            .or_else(|| self.variants.get(index).map(String::as_str))
    }

    /// The label the rulebook gives the value at `index`, if any.
    pub fn given_label(&self, index: usize) -> Option<&str> {
        self.labels.get(index)?.as_deref()
    }
}

/// A record type.
#[derive(Clone, Debug)]
pub struct RecordDef {
    /// Its name.
    pub name: String,
    /// Its fields, in order: a record value holds them in this order.
    pub fields: Vec<FieldDef>,
    /// Where it is declared.
    pub span: Span,
}

/// A field of a record.
#[derive(Clone, Debug)]
pub struct FieldDef {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// Where it is declared.
    pub span: Span,
    /// For an application field, the value assumed when comparing years for
    /// an application written before the field existed.
    pub default: Option<Value>,
}

/// What kind of global a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalKind {
    /// `param`: a figure of the note.
    Param,
    /// `let`: a derived value.
    Let,
    /// `output`: a value of the decision.
    Output,
}

/// A parameter, derived value or output of the whole application.
#[derive(Clone, Debug)]
pub struct Global {
    /// Its name.
    pub name: String,
    /// Which kind.
    pub kind: GlobalKind,
    /// Its type.
    pub ty: Type,
    /// How it is computed.
    pub expr: Expr,
    /// Its value, when it does not depend on the application (computed when the rulebook loads).
    pub constant: Option<Value>,
    /// The section of the note it cites.
    pub source: Option<String>,
    /// Its name for staff (`label "…"`), used when a decision is explained.
    pub label: Option<String>,
    /// Where its name is declared.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
}

/// A function of its arguments.
#[derive(Clone, Debug)]
pub struct Def {
    /// Its name.
    pub name: String,
    /// Its arguments' types.
    pub params: Vec<Type>,
    /// What it returns.
    pub ty: Type,
    /// Its body; arguments are locals 0, 1, ….
    pub body: Expr,
    /// Its name for staff, used when a decision is explained.
    pub label: Option<String>,
    /// The section of the note it cites.
    pub source: Option<String>,
    /// Where its name is declared.
    pub name_span: Span,
}

/// A rule.
#[derive(Clone, Debug)]
pub struct RuleDef {
    /// Its id.
    pub name: String,
    /// What it does when it fires.
    pub severity: RuleSeverity,
    /// Fires when the condition is false (`unless`) rather than true (`when`).
    pub unless: bool,
    /// The condition; for an item rule, the item is local 0.
    pub condition: Expr,
    /// The list whose items it applies to, if any.
    pub scope: Option<ListId>,
    /// What staff read.
    pub message: String,
    /// The section of the note.
    pub source: Option<String>,
    /// Where its name is declared.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
}

/// A list of the application whose items rules and outputs apply to.
#[derive(Clone, Debug)]
pub struct ItemList {
    /// The field path from the application to the list.
    pub path: Vec<u32>,
    /// The path as written (`demande.collectifs`).
    pub path_text: String,
    /// The key under which the decision lists the items (`collectifs`).
    pub key: String,
    /// The item rules that can exclude an item.
    pub refusals: Vec<usize>,
    /// The outputs computed for each item.
    pub outputs: Vec<ItemOutput>,
}

/// An output computed for each item of a list.
#[derive(Clone, Debug)]
pub struct ItemOutput {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Type,
    /// How it is computed; the item is local 0.
    pub expr: Expr,
    /// Its name for staff.
    pub label: Option<String>,
    /// The section of the note.
    pub source: Option<String>,
    /// The highest amount it can take, when the rulebook names one
    /// (`ceiling ps_maximale`): a money global, marked on the campaign
    /// report's histogram.
    pub ceiling: Option<GlobalId>,
    /// Where its name is declared.
    pub name_span: Span,
}

/// The rulebook's header.
#[derive(Clone, Debug, Default)]
pub struct HeaderInfo {
    /// Its title.
    pub title: String,
    /// The school year it applies to.
    pub year: String,
    /// The document it transcribes.
    pub source: String,
    /// Its version, if given.
    pub version: Option<String>,
    /// The layer it belongs to (`national`, `caf-63`), if it names one.
    pub layer: Option<String>,
}

/// A checked, compiled rulebook.
#[derive(Clone, Debug)]
pub struct Program {
    /// The file it was compiled from.
    pub file: FileId,
    /// Its header.
    pub header: HeaderInfo,
    /// Its enumerations.
    pub enums: Vec<EnumDef>,
    /// Its record types.
    pub records: Vec<RecordDef>,
    /// The name of the application in expressions (`demande`).
    pub input_name: String,
    /// The record type of an application.
    pub input: RecordId,
    /// Parameters, derived values and outputs.
    pub globals: Vec<Global>,
    /// Functions.
    pub defs: Vec<Def>,
    /// Rules, in declaration order.
    pub rules: Vec<RuleDef>,
    /// Lists whose items rules apply to.
    pub item_lists: Vec<ItemList>,
    /// The outputs of the whole application, in declaration order.
    pub outputs: Vec<GlobalId>,
}

impl TypeNames for Program {
    fn enum_name(&self, id: EnumId) -> &str {
        self.enums.get(id).map(|e| e.name.as_str()).unwrap_or("?")
    }
    fn record_name(&self, id: RecordId) -> &str {
        self.records.get(id).map(|r| r.name.as_str()).unwrap_or("?")
    }
}

/// A compiled expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Which expression.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arith {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

/// Aggregates over a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// `sum(x in l: e)`.
    Sum,
    /// `count(x in l: c)`.
    Count,
    /// `all(x in l: c)`.
    All,
    /// `any(x in l: c)`.
    Any,
}

/// The unit a `round` rounds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundUnit {
    /// Whole euros.
    Euro,
    /// Cents.
    Cent,
}

/// How a `round` treats what lies between two units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundMode {
    /// To the nearest unit, a half going away from zero (French administrative rounding).
    HalfUp,
    /// Towards zero.
    Down,
    /// Away from zero.
    Up,
}

/// Functions built into the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// The smallest argument.
    Min,
    /// The largest argument.
    Max,
    /// The absolute value.
    Abs,
    /// The number of items of a list.
    Count,
    /// Whether an optional value is present.
    Present,
    /// Texts equal but for case, accents and spaces at the ends or repeated.
    SameText,
    /// Texts that are not the same but nearly (a typo or two).
    CloseTo,
}

/// The forms of a compiled expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A constant.
    Const(Value),
    /// A global's value.
    Global(GlobalId),
    /// A local: an argument, an item, a binder; frame-relative.
    Local(u32),
    /// The application.
    Input,
    /// A field of a record, by position.
    Field(Box<Expr>, u32),
    /// `not`.
    Not(Box<Expr>),
    /// Unary minus.
    Neg(Box<Expr>),
    /// `and`, short-circuit.
    And(Box<Expr>, Box<Expr>),
    /// `or`, short-circuit.
    Or(Box<Expr>, Box<Expr>),
    /// A comparison.
    Compare(Compare, Box<Expr>, Box<Expr>),
    /// Arithmetic; `exact` is false when the result may hold fractions of a
    /// cent (a product with a rate or a number, a quotient).
    Arith {
        /// The operator.
        op: Arith,
        /// The left operand.
        lhs: Box<Expr>,
        /// The right operand.
        rhs: Box<Expr>,
        /// Whether amounts stay in whole cents.
        exact: bool,
    },
    /// `x in a ..= b`.
    InRange(Box<Expr>, Box<Expr>),
    /// `x in list`.
    InList(Box<Expr>, Box<Expr>),
    /// `a ..= b`.
    MakeRange(Box<Expr>, Box<Expr>),
    /// `[a, b]`.
    MakeList(Vec<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `if let x = v then a else b`; `x` is the local `slot`.
    IfLet {
        /// The local the value takes.
        slot: u32,
        /// The optional value.
        value: Box<Expr>,
        /// When present.
        then: Box<Expr>,
        /// When absent.
        otherwise: Box<Expr>,
    },
    /// `sum`, `count`, `all`, `any` over a list; the item is the local `slot`.
    Aggregate {
        /// Which aggregate.
        aggregate: Aggregate,
        /// The local the item takes.
        slot: u32,
        /// The list.
        list: Box<Expr>,
        /// What is computed for each item.
        body: Box<Expr>,
        /// The type of the result (for the zero of an empty sum).
        ty: Type,
    },
    /// A call of a function of the rulebook.
    Call(DefId, Vec<Expr>),
    /// A call of a built-in function.
    Builtin(Builtin, Vec<Expr>),
    /// `round(x, unit, mode)`.
    Round(Box<Expr>, RoundUnit, RoundMode),
    /// The items of a list that no item rule excluded.
    Eligible(ListId, Box<Expr>),
}

/// A declaration that an expression refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    /// A parameter, derived value or output.
    Global(GlobalId),
    /// A function.
    Def(DefId),
    /// The items an item list keeps (`eligible`).
    List(ListId),
}

/// What an expression refers to.
#[derive(Clone, Debug, Default)]
pub struct References {
    /// The declarations, in the order met.
    pub declarations: Vec<Reference>,
    /// Whether it reads the application.
    pub input: bool,
}

impl Expr {
    /// The declarations this expression refers to directly.
    pub fn references(&self) -> References {
        let mut references = References::default();
        collect(self, &mut references);
        references
    }
}

impl Expr {
    /// The expressions it is computed from, in the order they are written.
    pub fn operands(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Const(_) | ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Input => Vec::new(),
            ExprKind::Call(_, args) | ExprKind::MakeList(args) | ExprKind::Builtin(_, args) => {
                args.iter().collect()
            }
            ExprKind::Eligible(_, e)
            | ExprKind::Field(e, _)
            | ExprKind::Not(e)
            | ExprKind::Neg(e)
            | ExprKind::Round(e, _, _) => vec![e],
            ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Compare(_, a, b)
            | ExprKind::InRange(a, b)
            | ExprKind::InList(a, b)
            | ExprKind::MakeRange(a, b)
            | ExprKind::Arith { lhs: a, rhs: b, .. } => vec![a, b],
            ExprKind::If(a, b, c) => vec![a, b, c],
            ExprKind::IfLet {
                value,
                then,
                otherwise,
                ..
            } => vec![value, then, otherwise],
            ExprKind::Aggregate { list, body, .. } => vec![list, body],
        }
    }

    /// How deeply the expression nests: 1 for a leaf, one more than its
    /// deepest operand otherwise (what evaluating it costs in recursion).
    pub fn depth(&self) -> usize {
        1 + self.operands().into_iter().map(Expr::depth).max().unwrap_or(0)
    }
}

fn collect(expr: &Expr, refs: &mut References) {
    match &expr.kind {
        ExprKind::Global(id) => refs.declarations.push(Reference::Global(*id)),
        ExprKind::Input => refs.input = true,
        ExprKind::Call(id, _) => refs.declarations.push(Reference::Def(*id)),
        ExprKind::Eligible(list, _) => refs.declarations.push(Reference::List(*list)),
        _ => {}
    }
    for operand in expr.operands() {
        collect(operand, refs);
    }
}

impl Program {
    /// How staff read the value `value` of the application's top-level
    /// field `field`, when that field is an enumeration whose value has a
    /// label (`niveau`, `college` → `collège`).
    pub fn input_value_label(&self, field: &str, value: &str) -> Option<&str> {
        let (enumeration, index) = self.input_value(field, value)?;
        enumeration.given_label(index)
    }

    /// The place of `value` in the enumeration of the top-level field `field`.
    pub fn input_value_place(&self, field: &str, value: &str) -> Option<usize> {
        self.input_value(field, value).map(|(_, index)| index)
    }

    fn input_value(&self, field: &str, value: &str) -> Option<(&EnumDef, usize)> {
        let input = self.records.get(self.input)?;
        let field = input.fields.iter().find(|f| f.name == field)?;
        let Type::Enum(id) = field.ty else { return None };
        let enumeration = self.enums.get(id)?;
        let index = enumeration.variants.iter().position(|v| v == value)?;
        Some((enumeration, index))
    }

    /// The parameters an expression depends on, directly or through other
    /// declarations (values, functions, the item rules behind `eligible`).
    pub fn parameters_reached(&self, expr: &Expr) -> Vec<GlobalId> {
        let mut seen: Vec<Reference> = Vec::new();
        let mut stack = expr.references().declarations;
        let mut params = Vec::new();
        while let Some(reference) = stack.pop() {
            if seen.contains(&reference) {
                continue;
            }
            seen.push(reference);
            match reference {
                Reference::Global(id) => {
                    let Some(global) = self.globals.get(id) else {
                        continue;
                    };
                    if global.kind == GlobalKind::Param {
                        params.push(id);
                    }
                    stack.extend(global.expr.references().declarations);
                }
                Reference::Def(id) => {
                    if let Some(def) = self.defs.get(id) {
                        stack.extend(def.body.references().declarations);
                    }
                }
                Reference::List(id) => {
                    let Some(list) = self.item_lists.get(id) else {
                        continue;
                    };
                    for rule in list.refusals.iter().filter_map(|r| self.rules.get(*r)) {
                        stack.extend(rule.condition.references().declarations);
                    }
                }
            }
        }
        params.sort_unstable();
        params
    }
}

/// What a name written in a rulebook stands for. Names, not slots: the
/// language server follows them across the rulebooks of a chain.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symbol {
    /// A parameter, derived value or output.
    Global(String),
    /// A function.
    Def(String),
    /// A rule or an assertion.
    Rule(String),
    /// An enumeration or a record type.
    Type(String),
    /// The application (`demande`).
    Input,
    /// A field of a record (or of the application): record name, field name.
    Field(String, String),
    /// A value of an enumeration: enumeration name, value name.
    Variant(String, String),
    /// An output computed for each item of a list: the list's key, the output's name.
    ItemOutput(String, String),
}

/// A name bound inside a declaration (`c` in `for c in …`, an argument).
#[derive(Clone, Debug, PartialEq)]
pub struct LocalBinding {
    /// The name.
    pub name: String,
    /// Where it is bound.
    pub span: Span,
    /// Where it can be used.
    pub scope: Span,
    /// Its type.
    pub ty: Type,
}

/// Every declaration and every use of a name, as the checker resolved them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameIndex {
    /// Each declared symbol: where its name is written, and the whole declaration.
    pub definitions: Vec<(Symbol, Span, Span)>,
    /// Each use of a symbol: where the name is written.
    pub uses: Vec<(Span, Symbol)>,
    /// The names bound inside declarations.
    pub locals: Vec<LocalBinding>,
}
