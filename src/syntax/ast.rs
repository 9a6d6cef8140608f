//! The syntax tree of a rulebook, as written: names are plain text here and
//! are resolved once, by the checker. Every node carries its byte span.

use crate::diagnostic::Span;
use rust_decimal::Decimal;

/// A name as written, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A text literal, unescaped, with the span of its quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The text without quotes or escapes.
    pub value: String,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// The parsed declarations of one file, in source order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    /// Every declaration that parsed.
    pub declarations: Vec<Declaration>,
    /// The names (and keywords) of declarations that did not parse, so that
    /// the checker does not report every use of them as unknown.
    pub broken: Vec<(String, String)>,
}

/// One top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Declaration {
    /// `rulebook "name" year "…" source "…"`.
    Header(Header),
    /// `enum Name = a | b`.
    Enum(EnumDecl),
    /// `record Name { field: type … }`.
    Record(RecordDecl),
    /// `input name { field: type … }`: the schema of an application.
    Input(RecordDecl),
    /// `param name: type = value`.
    Param(ValueDecl),
    /// `let name: type = expression`: a derived value.
    Let(ValueDecl),
    /// `def name(x: T): type = expression`: a function of its arguments.
    Def(DefDecl),
    /// `rule name [for x in list]: severity when|unless condition`.
    Rule(RuleDecl),
    /// `output name [for x in list]: type = expression`.
    Output(OutputDecl),
    /// `assert name: condition`, checked when the rulebook loads.
    Assert(AssertDecl),
    /// `override param …` (and `let`, `def`, `rule`, `output`, `assert`):
    /// replaces a declaration of the rulebook this one extends.
    Override(Box<Declaration>, Span),
    /// `drop rule name`, `drop field Record.field`: removes a declaration of
    /// the rulebook this one extends.
    Drop(DropDecl),
    /// `extend record R { … }`, `extend input demande { … }`, `extend enum E = …`:
    /// adds fields or values to a type of the rulebook this one extends.
    Extend(ExtendDecl),
}

/// What a `drop` removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropKind {
    /// `drop param`.
    Param,
    /// `drop let` (also written `drop value`).
    Let,
    /// `drop def`.
    Def,
    /// `drop rule`.
    Rule,
    /// `drop output`.
    Output,
    /// `drop assert`.
    Assert,
    /// `drop field Record.field`.
    Field,
}

impl DropKind {
    /// The keyword as written.
    pub fn keyword(self) -> &'static str {
        match self {
            DropKind::Param => "param",
            DropKind::Let => "let",
            DropKind::Def => "def",
            DropKind::Rule => "rule",
            DropKind::Output => "output",
            DropKind::Assert => "assert",
            DropKind::Field => "field",
        }
    }
}

/// `drop …`.
#[derive(Clone, Debug, PartialEq)]
pub struct DropDecl {
    /// What kind of declaration.
    pub kind: DropKind,
    /// Its name (the record's, for a field).
    pub name: Ident,
    /// The field, for `drop field Record.field`.
    pub field: Option<Ident>,
    /// The whole declaration.
    pub span: Span,
}

/// Which type an `extend` adds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtendTarget {
    /// `extend record`.
    Record,
    /// `extend input`.
    Input,
    /// `extend enum`.
    Enum,
}

/// `extend …`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtendDecl {
    /// Which kind of type.
    pub target: ExtendTarget,
    /// The type's name.
    pub name: Ident,
    /// The fields added (records, input).
    pub fields: Vec<FieldDecl>,
    /// The values added (enumerations).
    pub variants: Vec<Ident>,
    /// The label of each value added, when it has one (as many as `variants`).
    pub labels: Vec<Option<Text>>,
    /// The whole declaration.
    pub span: Span,
}

impl Declaration {
    /// The declared name, if the declaration has one.
    pub fn name(&self) -> Option<&Ident> {
        match self {
            Declaration::Header(_) => None,
            Declaration::Enum(d) => Some(&d.name),
            Declaration::Record(d) | Declaration::Input(d) => Some(&d.name),
            Declaration::Param(d) | Declaration::Let(d) => Some(&d.name),
            Declaration::Def(d) => Some(&d.name),
            Declaration::Rule(d) => Some(&d.name),
            Declaration::Output(d) => Some(&d.name),
            Declaration::Assert(d) => Some(&d.name),
            Declaration::Override(d, _) => d.name(),
            Declaration::Drop(d) => Some(&d.name),
            Declaration::Extend(d) => Some(&d.name),
        }
    }

    /// The span of the whole declaration.
    pub fn span(&self) -> Span {
        match self {
            Declaration::Header(d) => d.span,
            Declaration::Enum(d) => d.span,
            Declaration::Record(d) | Declaration::Input(d) => d.span,
            Declaration::Param(d) | Declaration::Let(d) => d.span,
            Declaration::Def(d) => d.span,
            Declaration::Rule(d) => d.span,
            Declaration::Output(d) => d.span,
            Declaration::Assert(d) => d.span,
            Declaration::Override(_, span) => *span,
            Declaration::Drop(d) => d.span,
            Declaration::Extend(d) => d.span,
        }
    }
}

/// The rulebook's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The rulebook's title.
    pub title: Text,
    /// `year`, `source`, `version`, `extends`, in source order.
    pub fields: Vec<(Ident, Text)>,
    /// The whole header.
    pub span: Span,
}

/// An enumeration.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    /// Its name.
    pub name: Ident,
    /// Its values, in order.
    pub variants: Vec<Ident>,
    /// The label of each value, when it has one (as many as `variants`).
    pub labels: Vec<Option<Text>>,
    /// The whole declaration.
    pub span: Span,
}

/// A record type, or the input schema.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordDecl {
    /// Its name.
    pub name: Ident,
    /// Its fields, in order.
    pub fields: Vec<FieldDecl>,
    /// The whole declaration.
    pub span: Span,
}

/// One field of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDecl {
    /// The field's name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The value assumed, when comparing years, for an application written
    /// before the field existed.
    pub default: Option<Expr>,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// Which type.
    pub kind: TypeExprKind,
    /// Where.
    pub span: Span,
}

/// The forms of a written type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    /// A built-in type, an enumeration or a record, by name.
    Named(Ident),
    /// `list T`.
    List(Box<TypeExpr>),
    /// `optional T`.
    Optional(Box<TypeExpr>),
    /// `range T`.
    Range(Box<TypeExpr>),
}

/// The clauses that may follow a declaration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clauses {
    /// `message "…"`: what staff read when a rule fires.
    pub message: Option<Text>,
    /// `source "…"`: the section of the note.
    pub source: Option<Text>,
    /// `label "…"`: how a value is named for staff.
    pub label: Option<Text>,
    /// `ceiling name`: the money value an output never exceeds (its name
    /// kept as a text, with the span of the name).
    pub ceiling: Option<Text>,
}

/// A parameter or a derived value.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueDecl {
    /// Its name.
    pub name: Ident,
    /// Its declared type.
    pub ty: TypeExpr,
    /// Its value.
    pub value: Expr,
    /// Its clauses.
    pub clauses: Clauses,
    /// The whole declaration.
    pub span: Span,
}

/// A function.
#[derive(Clone, Debug, PartialEq)]
pub struct DefDecl {
    /// Its name.
    pub name: Ident,
    /// Its arguments.
    pub params: Vec<(Ident, TypeExpr)>,
    /// What it returns.
    pub ty: TypeExpr,
    /// Its body.
    pub body: Expr,
    /// Its clauses.
    pub clauses: Clauses,
    /// The whole declaration.
    pub span: Span,
}

/// `for x in list`: a declaration that applies to each item of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct ForEach {
    /// The name each item takes.
    pub binder: Ident,
    /// The list.
    pub list: Expr,
}

/// What a rule does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleSeverity {
    /// The application (or the item) is not eligible.
    Refuse,
    /// The application cannot be instructed until something is provided.
    Incomplete,
    /// Staff should look at something.
    Warn,
    /// For information.
    Info,
}

impl RuleSeverity {
    /// The keyword a rulebook writes it with (also its name in the JSON contract).
    pub fn keyword(self) -> &'static str {
        match self {
            RuleSeverity::Refuse => "refuse",
            RuleSeverity::Incomplete => "incomplete",
            RuleSeverity::Warn => "warn",
            RuleSeverity::Info => "info",
        }
    }
}

/// A rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleDecl {
    /// Its id.
    pub name: Ident,
    /// When it applies to each item of a list.
    pub for_each: Option<ForEach>,
    /// What it does when it fires.
    pub severity: RuleSeverity,
    /// Where the severity is written.
    pub severity_span: Span,
    /// `true` for `unless` (fires when the condition is false).
    pub unless: bool,
    /// The condition.
    pub condition: Expr,
    /// Its clauses.
    pub clauses: Clauses,
    /// The whole declaration.
    pub span: Span,
}

/// An output of the decision.
#[derive(Clone, Debug, PartialEq)]
pub struct OutputDecl {
    /// Its name (the key in the decision).
    pub name: Ident,
    /// When it is computed for each item of a list.
    pub for_each: Option<ForEach>,
    /// Its declared type.
    pub ty: TypeExpr,
    /// Its value.
    pub value: Expr,
    /// Its clauses.
    pub clauses: Clauses,
    /// The whole declaration.
    pub span: Span,
}

/// An assertion about parameters, checked when the rulebook loads.
#[derive(Clone, Debug, PartialEq)]
pub struct AssertDecl {
    /// Its id.
    pub name: Ident,
    /// What must hold.
    pub condition: Expr,
    /// Its clauses.
    pub clauses: Clauses,
    /// The whole declaration.
    pub span: Span,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Which expression.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// The unit written after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberUnit {
    /// No unit.
    None,
    /// `€`.
    Euro,
    /// `%`.
    Percent,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`.
    Not,
    /// `-`.
    Neg,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`.
    Or,
    /// `and`.
    And,
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
    /// `in` (a range or a list).
    In,
    /// `..=`.
    Range,
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::Range => "..=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// The forms of an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `true` or `false`.
    Bool(bool),
    /// A number, with its unit; `32,5 %` is kept as `32.5` with `Percent`.
    Number {
        /// The value as written.
        value: Decimal,
        /// Whether the literal had a decimal comma.
        fractional: bool,
        /// The unit.
        unit: NumberUnit,
    },
    /// `2023-06-12`.
    Date(crate::value::Date),
    /// `"…"`.
    Text(String),
    /// A name: a parameter, a derived value, an enumeration value, a local.
    Name(Ident),
    /// `base.field`.
    Field(Box<Expr>, Ident),
    /// `f(a, b)`.
    Call(Ident, Vec<Expr>),
    /// `sum(x in list: body)`, likewise `count`, `all`, `any`.
    Aggregate {
        /// Which aggregate.
        function: Ident,
        /// The name each item takes.
        binder: Ident,
        /// The list.
        list: Box<Expr>,
        /// What is computed for each item.
        body: Box<Expr>,
    },
    /// `not x`, `-x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `if let x = optional then a else b`.
    IfLet {
        /// The name the value takes when present.
        binder: Ident,
        /// The optional value.
        value: Box<Expr>,
        /// When present.
        then: Box<Expr>,
        /// When absent.
        otherwise: Box<Expr>,
    },
    /// `[a, b]`.
    List(Vec<Expr>),
}
