//! The canonical layout of a rulebook, shared by `clas-rules fmt` and the
//! language server's formatting request. Pure: text in, text out.
//!
//! Each declaration is written again from its syntax tree (see
//! [`super::print`] for the atoms and the parentheses), except one that holds
//! a comment inside it, which is kept as written with its continuation lines
//! re-indented. Comments between declarations stay where they are, above the
//! declaration that follows; an indented comment right under a declaration
//! stays under it. The layout:
//!
//! - one blank line between declarations, except consecutive `param`s
//!   (`override param`s), `enum`s and `drop`s that the author wrote without
//!   one; several blank lines become one;
//! - continuation lines are indented two spaces, one clause a line;
//! - an expression stays on the line of its `=` (`:` for `assert`, severity
//!   for `rule`) when the line fits in [`WIDTH`] characters; otherwise it goes
//!   on the next line, and an expression still too long breaks before each
//!   `and`/`or` of its top level (two more spaces), before `then` and `else`,
//!   and between the arguments of a call or the items of a list.

use super::ast::*;
use super::scan::Region;
use super::{parse, print};
use crate::diagnostic::{FileId, Span};
use crate::i18n::Message;
use crate::msg;
use std::fmt;

/// The width a line is kept within, when its expression can be broken.
pub const WIDTH: usize = 100;

/// Why a text was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The text has this many syntax errors; the parser's diagnostics say where.
    Syntax(usize),
    /// The new layout would not read back as the same declarations (a bug of
    /// the formatter, reported rather than written).
    MeaningChanged(Message),
}

impl FormatError {
    /// Why the rulebook was not formatted, as a message of the catalogs.
    pub fn message(&self) -> Message {
        match self {
            FormatError::Syntax(n) => msg!("format-syntax-errors", count = *n),
            FormatError::MeaningChanged(what) => msg!("format-meaning-changed", what = what.clone()),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().render(crate::i18n::Lang::En))
    }
}

impl std::error::Error for FormatError {}

/// The canonical layout of a rulebook, or why it cannot be given.
pub fn format(text: &str) -> Result<String, FormatError> {
    // The layout recurses over expressions (up to the parser's limits) more
    // deeply than the parser and the checker: it runs on a stack of its own,
    // so that callers on an ordinary thread (2 MiB) can format any rulebook.
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(FORMAT_STACK)
            .spawn_scoped(scope, || format_here(text));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(FormatError::MeaningChanged(msg!("format-what-stopped")))),
            Err(_) => format_here(text),
        }
    })
}

/// The formatter's stack (reserved, used only as deep as the text needs).
const FORMAT_STACK: usize = 64 * 1024 * 1024;

fn format_here(text: &str) -> Result<String, FormatError> {
    let text = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let (module, diagnostics) = parse(FileId(0), &text);
    if !diagnostics.is_empty() {
        return Err(FormatError::Syntax(diagnostics.len()));
    }
    let formatted = layout(&text, &module.declarations)?;
    let (again, diagnostics) = parse(FileId(0), &formatted);
    if !diagnostics.is_empty() {
        return Err(FormatError::MeaningChanged(msg!("format-what-syntax")));
    }
    if again.declarations.len() != module.declarations.len() {
        return Err(FormatError::MeaningChanged(msg!("format-what-count")));
    }
    for (before, after) in module.declarations.iter().zip(&again.declarations) {
        if !same_declaration(before, after) {
            let name = before.name().map(|n| n.name.as_str()).unwrap_or("the header");
            return Err(FormatError::MeaningChanged(msg!("syntax-token", token = name)));
        }
    }
    Ok(formatted)
}

/// Whether two declarations are the same once where they are written is ignored.
pub fn same_declaration(a: &Declaration, b: &Declaration) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    erase_declaration(&mut a);
    erase_declaration(&mut b);
    a == b
}

// ---------------------------------------------------------------- the file

/// One line between two declarations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Between<'t> {
    Blank,
    /// A comment, and whether it was indented.
    Comment(&'t str, bool),
}

fn layout(text: &str, declarations: &[Declaration]) -> Result<String, FormatError> {
    let lines = Lines::new(text);
    let mut out: Vec<String> = Vec::new();
    let mut next_line = 0;
    let mut previous: Option<&Declaration> = None;
    for declaration in declarations {
        let span = declaration.span();
        let end = span.start + content_end(text.get(span.start..span.end).unwrap_or(""));
        let first = lines.index_of(span.start);
        let last = lines.index_of(end.saturating_sub(1).max(span.start));
        if first < next_line || last < first {
            return Err(FormatError::MeaningChanged(msg!("format-what-order")));
        }
        let between = lines.between(next_line, first)?;
        let rest = push_trailing_comments(&mut out, previous, &between);
        let blank_before = rest.first() == Some(&Between::Blank);
        if let Some(previous) = previous
            && (blank_before || !grouped(previous, declaration))
        {
            out.push(String::new());
        }
        push_comments(&mut out, rest, true);
        out.extend(declaration_lines(text, &lines, declaration, last));
        next_line = last + 1;
        previous = Some(declaration);
    }
    let between = lines.between(next_line, lines.len())?;
    let rest = push_trailing_comments(&mut out, previous, &between);
    if previous.is_some()
        && rest.first() == Some(&Between::Blank)
        && rest.iter().any(|b| *b != Between::Blank)
    {
        out.push(String::new());
    }
    push_comments(&mut out, rest, false);
    if out.is_empty() {
        return Ok(String::new());
    }
    let mut formatted = out.join("\n");
    formatted.push('\n');
    Ok(formatted)
}

/// Writes the indented comments right under the previous declaration, which
/// stay under it; gives back what follows them.
fn push_trailing_comments<'b, 't>(
    out: &mut Vec<String>,
    previous: Option<&Declaration>,
    between: &'b [Between<'t>],
) -> &'b [Between<'t>] {
    if previous.is_none() {
        return between;
    }
    let count = between
        .iter()
        .take_while(|b| matches!(b, Between::Comment(_, true)))
        .count();
    let (trailing, rest) = between.split_at(count.min(between.len()));
    for line in trailing {
        if let Between::Comment(comment, _) = line {
            out.push(format!("  {comment}"));
        }
    }
    rest
}

/// Writes comments between declarations at the start of their lines, blank
/// lines between them collapsed to one; those before the first comment are
/// dropped, and so are those after the last one unless `keep_last_blank`.
fn push_comments(out: &mut Vec<String>, between: &[Between], keep_last_blank: bool) {
    let mut blank = false;
    let mut any = false;
    for line in between {
        match line {
            Between::Blank => blank = any,
            Between::Comment(comment, _) => {
                if blank {
                    out.push(String::new());
                }
                out.push((*comment).to_string());
                blank = false;
                any = true;
            }
        }
    }
    if blank && keep_last_blank {
        out.push(String::new());
    }
}

/// Whether two declarations may follow each other without a blank line.
fn grouped(a: &Declaration, b: &Declaration) -> bool {
    match (a, b) {
        (Declaration::Param(_), Declaration::Param(_))
        | (Declaration::Enum(_), Declaration::Enum(_))
        | (Declaration::Drop(_), Declaration::Drop(_)) => true,
        (Declaration::Override(a, _), Declaration::Override(b, _)) => {
            matches!(
                (a.as_ref(), b.as_ref()),
                (Declaration::Param(_), Declaration::Param(_))
            )
        }
        _ => false,
    }
}

/// The lines of a text, as byte ranges without their `\n`.
struct Lines<'t> {
    text: &'t str,
    ranges: Vec<(usize, usize)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let mut ranges = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.len();
            ranges.push((start, end - usize::from(line.ends_with('\n'))));
            start = end;
        }
        Lines { text, ranges }
    }

    fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The line an offset is on.
    fn index_of(&self, offset: usize) -> usize {
        self.ranges
            .partition_point(|(start, _)| *start <= offset)
            .saturating_sub(1)
    }

    fn line(&self, index: usize) -> &'t str {
        self.ranges
            .get(index)
            .and_then(|(start, end)| self.text.get(*start..*end))
            .unwrap_or("")
    }

    fn end(&self, index: usize) -> usize {
        self.ranges
            .get(index)
            .map(|(_, end)| *end)
            .unwrap_or(self.text.len())
    }

    /// The lines from `start` up to `end` (excluded), which hold nothing but
    /// comments and white space.
    fn between(&self, start: usize, end: usize) -> Result<Vec<Between<'t>>, FormatError> {
        (start..end)
            .map(|index| {
                let line = self.line(index);
                let content = trim_space(line);
                if content.is_empty() {
                    Ok(Between::Blank)
                } else if content.starts_with('#') {
                    // Indented: white space before the `#` (not after the comment).
                    Ok(Between::Comment(content, line.starts_with(is_space)))
                } else {
                    Err(FormatError::MeaningChanged(msg!(
                        "format-what-line",
                        line = index + 1
                    )))
                }
            })
            .collect()
    }
}

/// The white space of the grammar, line breaks aside.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\u{A0}' | '\u{202F}' | '\u{FEFF}')
}

fn trim_space(line: &str) -> &str {
    line.trim_matches(is_space)
}

/// How far a line is indented; a tab counts four.
fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| is_space(*c))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Where the last token of a declaration ends: the parser's span of a
/// declaration without clauses also covers the blank lines and comments after it.
fn content_end(source: &str) -> usize {
    super::scan::regions(source)
        .filter(|(_, c, region)| {
            *region == Region::Text || (*region == Region::Code && !is_space(*c) && *c != '\n')
        })
        .last()
        .map(|(at, c, _)| at + c.len_utf8())
        .unwrap_or(0)
}

/// Whether a piece of a declaration holds a comment (a `#` outside texts).
fn has_comment(source: &str) -> bool {
    super::scan::regions(source).any(|(_, _, region)| region == Region::Comment)
}

/// The lines of one declaration: written again from its tree, or kept as
/// written when it holds a comment.
fn declaration_lines(text: &str, lines: &Lines, declaration: &Declaration, last: usize) -> Vec<String> {
    let start = declaration.span().start;
    let source = text.get(start..lines.end(last)).unwrap_or("");
    if has_comment(source) {
        verbatim(source)
    } else {
        let mut out = Vec::new();
        write_declaration(&mut out, "", declaration);
        out
    }
}

/// A declaration as written, continuation lines shifted so that the least
/// indented line of code has two spaces (a closing `}` none), each comment
/// line aligned with the line of code under it (the last one with the line
/// above it), trailing white space trimmed, blank lines collapsed to one.
fn verbatim(source: &str) -> Vec<String> {
    let mut raw = source.split('\n');
    let mut out = vec![raw.next().unwrap_or("").trim_end_matches(is_space).to_string()];
    let rest: Vec<&str> = raw.collect();
    let is_code = |content: &str| !content.is_empty() && !content.starts_with('#');
    let least = rest
        .iter()
        .map(|line| (indentation(line), trim_space(line)))
        .filter(|(_, content)| is_code(content) && !content.starts_with('}'))
        .map(|(indent, _)| indent)
        .min()
        .unwrap_or(0);
    let code_indent = |line: &str| {
        if trim_space(line).starts_with('}') {
            0
        } else {
            indentation(line).saturating_sub(least) + 2
        }
    };
    let mut blank = false;
    let mut previous_code: Option<usize> = None;
    for (index, line) in rest.iter().enumerate() {
        let content = trim_space(line);
        if content.is_empty() {
            blank = true;
            continue;
        }
        if blank {
            out.push(String::new());
            blank = false;
        }
        let indent = if is_code(content) {
            let indent = code_indent(line);
            previous_code = Some(indent);
            indent
        } else {
            // A comment: where the code it annotates is.
            rest.iter()
                .skip(index + 1)
                .find(|l| is_code(trim_space(l)))
                .map(|l| code_indent(l))
                .filter(|indent| *indent > 0)
                .or(previous_code)
                .unwrap_or(2)
                .max(2)
        };
        out.push(format!("{}{content}", " ".repeat(indent)));
    }
    out
}

// ---------------------------------------------------------------- declarations

fn write_declaration(out: &mut Vec<String>, prefix: &str, declaration: &Declaration) {
    match declaration {
        Declaration::Header(header) => {
            out.push(format!("{prefix}rulebook {}", print::text(&header.title.value)));
            for (key, value) in &header.fields {
                out.push(format!("  {} {}", key.name, print::text(&value.value)));
            }
        }
        Declaration::Enum(e) => write_enum(out, &format!("{prefix}enum"), &e.name, &e.variants, &e.labels),
        Declaration::Record(r) => write_fields(out, &format!("{prefix}record"), &r.name, &r.fields),
        Declaration::Input(r) => write_fields(out, &format!("{prefix}input"), &r.name, &r.fields),
        Declaration::Param(d) | Declaration::Let(d) => {
            let keyword = if matches!(declaration, Declaration::Param(_)) {
                "param"
            } else {
                "let"
            };
            let head = format!("{prefix}{keyword} {}: {} =", d.name.name, print::type_expr(&d.ty));
            write_assigned(out, head, &d.value);
            write_clauses(out, &d.clauses);
        }
        Declaration::Def(d) => {
            let params: Vec<String> = d
                .params
                .iter()
                .map(|(name, ty)| format!("{}: {}", name.name, print::type_expr(ty)))
                .collect();
            let head = format!(
                "{prefix}def {}({}): {} =",
                d.name.name,
                params.join(", "),
                print::type_expr(&d.ty)
            );
            write_assigned(out, head, &d.body);
            write_clauses(out, &d.clauses);
        }
        Declaration::Rule(r) => {
            out.push(format!(
                "{prefix}rule {}{}:",
                r.name.name,
                for_each(r.for_each.as_ref())
            ));
            let severity = match r.severity {
                RuleSeverity::Refuse => "refuse",
                RuleSeverity::Incomplete => "incomplete",
                RuleSeverity::Warn => "warn",
                RuleSeverity::Info => "info",
            };
            let trigger = if r.unless { "unless" } else { "when" };
            let line = format!("  {severity} {trigger} ");
            let column = width(&line);
            out.push(line + &render(&expr_doc(&r.condition, 0), 2, column));
            write_clauses(out, &r.clauses);
        }
        Declaration::Output(o) => {
            let head = format!(
                "{prefix}output {}{}: {} =",
                o.name.name,
                for_each(o.for_each.as_ref()),
                print::type_expr(&o.ty)
            );
            write_assigned(out, head, &o.value);
            write_clauses(out, &o.clauses);
        }
        Declaration::Assert(a) => {
            write_assigned(out, format!("{prefix}assert {}:", a.name.name), &a.condition);
            write_clauses(out, &a.clauses);
        }
        Declaration::Override(inner, _) => write_declaration(out, &format!("{prefix}override "), inner),
        Declaration::Drop(d) => {
            let field = d
                .field
                .as_ref()
                .map(|f| format!(".{}", f.name))
                .unwrap_or_default();
            out.push(format!(
                "{prefix}drop {} {}{field}",
                d.kind.keyword(),
                d.name.name
            ));
        }
        Declaration::Extend(e) => match e.target {
            ExtendTarget::Enum => write_enum(
                out,
                &format!("{prefix}extend enum"),
                &e.name,
                &e.variants,
                &e.labels,
            ),
            ExtendTarget::Record => write_fields(out, &format!("{prefix}extend record"), &e.name, &e.fields),
            ExtendTarget::Input => write_fields(out, &format!("{prefix}extend input"), &e.name, &e.fields),
        },
    }
}

/// `for c in list`, with its leading space, or nothing.
fn for_each(for_each: Option<&ForEach>) -> String {
    for_each
        .map(|f| format!(" for {} in {}", f.binder.name, flat(&expr_doc(&f.list, 0))))
        .unwrap_or_default()
}

/// `enum Name = a | b | c`, or one value a line when that is too long or
/// when a value has a label (`  | college label "collège"`).
fn write_enum(
    out: &mut Vec<String>,
    keyword: &str,
    name: &Ident,
    variants: &[Ident],
    labels: &[Option<Text>],
) {
    let values: Vec<String> = variants
        .iter()
        .enumerate()
        .map(|(at, v)| match labels.get(at).and_then(Option::as_ref) {
            Some(label) => format!("{} label {}", v.name, print::text(&label.value)),
            None => v.name.clone(),
        })
        .collect();
    let line = format!("{keyword} {} = {}", name.name, values.join(" | "));
    if width(&line) <= WIDTH && labels.iter().all(Option::is_none) {
        out.push(line);
        return;
    }
    let mut values = values.into_iter();
    out.push(format!(
        "{keyword} {} = {}",
        name.name,
        values.next().unwrap_or_default()
    ));
    out.extend(values.map(|v| format!("  | {v}")));
}

/// A record, an input or an extension: one field a line between braces.
fn write_fields(out: &mut Vec<String>, keyword: &str, name: &Ident, fields: &[FieldDecl]) {
    if fields.is_empty() {
        out.push(format!("{keyword} {} {{}}", name.name));
        return;
    }
    out.push(format!("{keyword} {} {{", name.name));
    for field in fields {
        let line = format!("  {}: {}", field.name.name, print::type_expr(&field.ty));
        match &field.default {
            None => out.push(line),
            Some(default) => {
                let line = line + " default ";
                let column = width(&line);
                out.push(line + &render(&expr_doc(default, 0), 2, column));
            }
        }
    }
    out.push("}".to_string());
}

/// `head value` on one line when it fits, else `head`, then the value on
/// the lines below, indented.
fn write_assigned(out: &mut Vec<String>, head: String, value: &Expr) {
    let doc = expr_doc(value, 0);
    let one_line = flat(&doc);
    if width(&head) + 1 + width(&one_line) <= WIDTH {
        out.push(format!("{head} {one_line}"));
    } else {
        out.push(head);
        out.push(format!("  {}", render(&top_doc(value), 2, 2)));
    }
}

/// The clauses, one a line, in the order they were written.
fn write_clauses(out: &mut Vec<String>, clauses: &Clauses) {
    let mut written: Vec<(&str, &Text)> = [
        ("message", &clauses.message),
        ("source", &clauses.source),
        ("label", &clauses.label),
        ("ceiling", &clauses.ceiling),
    ]
    .into_iter()
    .filter_map(|(key, text)| text.as_ref().map(|t| (key, t)))
    .collect();
    written.sort_by_key(|(_, text)| text.span.start);
    for (key, text) in written {
        if key == "ceiling" {
            // A name, not a text.
            out.push(format!("  {key} {}", text.value));
        } else {
            out.push(format!("  {key} {}", print::text(&text.value)));
        }
    }
}

// ---------------------------------------------------------------- expressions

/// A layout of an expression, in the manner of Wadler's pretty printer: a
/// group is written on one line when it fits, else its breaks become new lines.
#[derive(Debug)]
enum Doc {
    Text(String),
    /// A space, or a new line.
    Line,
    /// Nothing, or a new line.
    Break,
    /// New lines inside are indented this much more.
    Nest(usize, Box<Doc>),
    /// New lines inside are indented to the column where this starts.
    Align(Box<Doc>),
    Group(Box<Doc>),
    Concat(Vec<Doc>),
}

fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

fn nest(doc: Doc) -> Doc {
    Doc::Nest(2, Box::new(doc))
}

fn group(doc: Doc) -> Doc {
    Doc::Group(Box::new(doc))
}

/// An expression that starts a line of its own: an `if` then puts `then` and
/// `else` under itself rather than two spaces further.
fn top_doc(e: &Expr) -> Doc {
    match &e.kind {
        ExprKind::If(..) | ExprKind::IfLet { .. } => if_doc(e, false),
        _ => expr_doc(e, 0),
    }
}

/// An expression where its place needs precedence `needed` (see [`print::precedence`]).
fn expr_doc(e: &Expr, needed: u8) -> Doc {
    let inner = match &e.kind {
        ExprKind::Bool(b) => text(if *b { "true" } else { "false" }),
        ExprKind::Number { value, unit, .. } => {
            let unit = match unit {
                NumberUnit::None => "",
                NumberUnit::Euro => " €",
                NumberUnit::Percent => " %",
            };
            text(format!("{}{unit}", print::number_as_written(*value)))
        }
        ExprKind::Date(date) => text(date.to_string()),
        ExprKind::Text(value) => text(print::text(value)),
        ExprKind::Name(ident) => text(ident.name.clone()),
        ExprKind::Field(base, field) => {
            Doc::Concat(vec![expr_doc(base, 9), text(format!(".{}", field.name))])
        }
        ExprKind::Call(function, args) => bracketed(&format!("{}(", function.name), args, ")"),
        ExprKind::List(items) => bracketed("[", items, "]"),
        ExprKind::Aggregate {
            function,
            binder,
            list,
            body,
        } => group(Doc::Concat(vec![
            text(format!("{}({} in ", function.name, binder.name)),
            expr_doc(list, 1),
            text(":"),
            nest(Doc::Concat(vec![Doc::Line, expr_doc(body, 0)])),
            Doc::Break,
            text(")"),
        ])),
        ExprKind::Unary(UnaryOp::Not, operand) => Doc::Concat(vec![text("not "), expr_doc(operand, 3)]),
        ExprKind::Unary(UnaryOp::Neg, operand) => {
            // `- -x` rather than `--x`.
            let sign = if matches!(operand.kind, ExprKind::Unary(UnaryOp::Neg, _)) {
                "- "
            } else {
                "-"
            };
            Doc::Concat(vec![text(sign), expr_doc(operand, 8)])
        }
        ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), _, _) => chain_doc(e, *op),
        ExprKind::Binary(op, lhs, rhs) => {
            let level = print::binary_precedence(*op);
            Doc::Concat(vec![
                expr_doc(lhs, level),
                text(format!(" {} ", op.symbol())),
                expr_doc(rhs, level + 1),
            ])
        }
        ExprKind::If(..) | ExprKind::IfLet { .. } if print::precedence(e) < needed => {
            // In parentheses: `then` and `else` under the `if`.
            Doc::Align(Box::new(if_doc(e, false)))
        }
        ExprKind::If(..) | ExprKind::IfLet { .. } => if_doc(e, true),
    };
    if print::precedence(e) < needed {
        Doc::Concat(vec![text("("), inner, text(")")])
    } else {
        inner
    }
}

/// `a and b and c`: broken before each operator, two spaces further.
fn chain_doc(e: &Expr, op: BinaryOp) -> Doc {
    let level = print::binary_precedence(op);
    let mut operands = Vec::new();
    let mut current = e;
    while let ExprKind::Binary(this, lhs, rhs) = &current.kind
        && *this == op
    {
        operands.push(rhs.as_ref());
        current = lhs;
    }
    let mut parts = vec![expr_doc(current, level)];
    for operand in operands.into_iter().rev() {
        parts.push(Doc::Line);
        parts.push(text(format!("{} ", op.symbol())));
        parts.push(expr_doc(operand, level + 1));
    }
    group(nest(Doc::Concat(parts)))
}

/// `if c then a else b`: broken before `then` and `else`, two spaces
/// further when `nested`.
fn if_doc(e: &Expr, nested: bool) -> Doc {
    let (head, then, otherwise) = match &e.kind {
        ExprKind::If(condition, then, otherwise) => (
            Doc::Concat(vec![text("if "), expr_doc(condition, 1)]),
            then,
            otherwise,
        ),
        ExprKind::IfLet {
            binder,
            value,
            then,
            otherwise,
        } => (
            Doc::Concat(vec![
                text(format!("if let {} = ", binder.name)),
                expr_doc(value, 1),
            ]),
            then,
            otherwise,
        ),
        _ => return expr_doc(e, 0),
    };
    let branches = Doc::Concat(vec![
        Doc::Line,
        text("then "),
        expr_doc(then, 1),
        Doc::Line,
        text("else "),
        expr_doc(otherwise, 0),
    ]);
    group(Doc::Concat(vec![
        head,
        if nested { nest(branches) } else { branches },
    ]))
}

/// `f(a, b)`, `[a, b]`: broken after the opening bracket, one item a line.
fn bracketed(open: &str, items: &[Expr], close: &str) -> Doc {
    if items.is_empty() {
        return text(format!("{open}{close}"));
    }
    let mut inner = vec![Doc::Break];
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            inner.push(text(","));
            inner.push(Doc::Line);
        }
        inner.push(expr_doc(item, 0));
    }
    group(Doc::Concat(vec![
        text(open),
        nest(Doc::Concat(inner)),
        Doc::Break,
        text(close),
    ]))
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A layout on one line.
fn flat(doc: &Doc) -> String {
    render_within(doc, 0, 0, usize::MAX)
}

/// Writes a layout that starts at `column` on a line whose breaks are
/// indented `indent` spaces, keeping lines within [`WIDTH`] where it can.
fn render(doc: &Doc, indent: usize, column: usize) -> String {
    render_within(doc, indent, column, WIDTH)
}

fn render_within(doc: &Doc, indent: usize, column: usize, limit: usize) -> String {
    let mut out = String::new();
    let mut column = column;
    let mut stack: Vec<(usize, bool, &Doc)> = vec![(indent, false, doc)];
    while let Some((indent, flat, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                column += width(s);
            }
            Doc::Line | Doc::Break if flat => {
                if matches!(doc, Doc::Line) {
                    out.push(' ');
                    column += 1;
                }
            }
            Doc::Line | Doc::Break => {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
            }
            Doc::Nest(more, inner) => stack.push((indent + more, flat, inner)),
            Doc::Align(inner) => stack.push((column, flat, inner)),
            Doc::Group(inner) => {
                let flat = flat || fits(limit.saturating_sub(column), inner, &stack);
                stack.push((indent, flat, inner));
            }
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|part| (indent, flat, part))),
        }
    }
    out
}

/// Whether `doc` on one line, and what follows it up to the next line
/// break, takes at most `room` characters.
fn fits(room: usize, doc: &Doc, rest: &[(usize, bool, &Doc)]) -> bool {
    let mut room = room;
    let mut todo: Vec<(bool, &Doc)> = vec![(true, doc)];
    let mut rest = rest.iter().rev();
    loop {
        let (flat, doc) = match todo.pop() {
            Some(next) => next,
            None => match rest.next() {
                Some((_, flat, doc)) => (*flat, *doc),
                None => return true,
            },
        };
        match doc {
            Doc::Text(s) => match room.checked_sub(width(s)) {
                Some(left) => room = left,
                None => return false,
            },
            Doc::Line if flat => match room.checked_sub(1) {
                Some(left) => room = left,
                None => return false,
            },
            Doc::Break if flat => {}
            Doc::Line | Doc::Break => return true,
            Doc::Nest(_, inner) | Doc::Align(inner) | Doc::Group(inner) => todo.push((flat, inner)),
            Doc::Concat(parts) => todo.extend(parts.iter().rev().map(|part| (flat, part))),
        }
    }
}

// ---------------------------------------------------------------- comparison

fn erase_declaration(declaration: &mut Declaration) {
    let none = Span::default();
    match declaration {
        Declaration::Header(h) => {
            erase_text(&mut h.title);
            for (key, value) in &mut h.fields {
                key.span = none;
                erase_text(value);
            }
            h.span = none;
        }
        Declaration::Enum(e) => {
            e.name.span = none;
            e.variants.iter_mut().for_each(|v| v.span = none);
            e.labels.iter_mut().flatten().for_each(erase_text);
            e.span = none;
        }
        Declaration::Record(r) | Declaration::Input(r) => {
            r.name.span = none;
            r.fields.iter_mut().for_each(erase_field);
            r.span = none;
        }
        Declaration::Param(d) | Declaration::Let(d) => {
            d.name.span = none;
            erase_type(&mut d.ty);
            erase_expr(&mut d.value);
            erase_clauses(&mut d.clauses);
            d.span = none;
        }
        Declaration::Def(d) => {
            d.name.span = none;
            for (name, ty) in &mut d.params {
                name.span = none;
                erase_type(ty);
            }
            erase_type(&mut d.ty);
            erase_expr(&mut d.body);
            erase_clauses(&mut d.clauses);
            d.span = none;
        }
        Declaration::Rule(r) => {
            r.name.span = none;
            erase_for_each(&mut r.for_each);
            r.severity_span = none;
            erase_expr(&mut r.condition);
            erase_clauses(&mut r.clauses);
            r.span = none;
        }
        Declaration::Output(o) => {
            o.name.span = none;
            erase_for_each(&mut o.for_each);
            erase_type(&mut o.ty);
            erase_expr(&mut o.value);
            erase_clauses(&mut o.clauses);
            o.span = none;
        }
        Declaration::Assert(a) => {
            a.name.span = none;
            erase_expr(&mut a.condition);
            erase_clauses(&mut a.clauses);
            a.span = none;
        }
        Declaration::Override(inner, span) => {
            erase_declaration(inner);
            *span = none;
        }
        Declaration::Drop(d) => {
            d.name.span = none;
            if let Some(field) = &mut d.field {
                field.span = none;
            }
            d.span = none;
        }
        Declaration::Extend(e) => {
            e.name.span = none;
            e.fields.iter_mut().for_each(erase_field);
            e.variants.iter_mut().for_each(|v| v.span = none);
            e.labels.iter_mut().flatten().for_each(erase_text);
            e.span = none;
        }
    }
}

fn erase_text(text: &mut Text) {
    text.span = Span::default();
}

fn erase_field(field: &mut FieldDecl) {
    field.name.span = Span::default();
    erase_type(&mut field.ty);
    if let Some(default) = &mut field.default {
        erase_expr(default);
    }
}

fn erase_for_each(for_each: &mut Option<ForEach>) {
    if let Some(f) = for_each {
        f.binder.span = Span::default();
        erase_expr(&mut f.list);
    }
}

fn erase_clauses(clauses: &mut Clauses) {
    for text in [
        &mut clauses.message,
        &mut clauses.source,
        &mut clauses.label,
        &mut clauses.ceiling,
    ]
    .into_iter()
    .flatten()
    {
        erase_text(text);
    }
}

fn erase_type(ty: &mut TypeExpr) {
    ty.span = Span::default();
    match &mut ty.kind {
        TypeExprKind::Named(name) => name.span = Span::default(),
        TypeExprKind::List(inner) | TypeExprKind::Optional(inner) | TypeExprKind::Range(inner) => {
            erase_type(inner)
        }
    }
}

fn erase_expr(e: &mut Expr) {
    e.span = Span::default();
    match &mut e.kind {
        ExprKind::Bool(_) | ExprKind::Number { .. } | ExprKind::Date(_) | ExprKind::Text(_) => {}
        ExprKind::Name(name) => name.span = Span::default(),
        ExprKind::Field(base, field) => {
            erase_expr(base);
            field.span = Span::default();
        }
        ExprKind::Call(function, args) => {
            function.span = Span::default();
            args.iter_mut().for_each(erase_expr);
        }
        ExprKind::Aggregate {
            function,
            binder,
            list,
            body,
        } => {
            function.span = Span::default();
            binder.span = Span::default();
            erase_expr(list);
            erase_expr(body);
        }
        ExprKind::Unary(_, operand) => erase_expr(operand),
        ExprKind::Binary(_, lhs, rhs) => {
            erase_expr(lhs);
            erase_expr(rhs);
        }
        ExprKind::If(condition, then, otherwise) => {
            erase_expr(condition);
            erase_expr(then);
            erase_expr(otherwise);
        }
        ExprKind::IfLet {
            binder,
            value,
            then,
            otherwise,
        } => {
            binder.span = Span::default();
            erase_expr(value);
            erase_expr(then);
            erase_expr(otherwise);
        }
        ExprKind::List(items) => items.iter_mut().for_each(erase_expr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(source: &str) -> Expr {
        let (module, diagnostics) = parse(FileId(0), &format!("let x: bool = {source}\n"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        match module.declarations.into_iter().next() {
            Some(Declaration::Let(decl)) => decl.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_line_layout_is_the_printers() {
        for source in [
            "round(min(c.depenses,prix_plafond)*taux_ps, euro, half_up)",
            "a - (b - c) * -x",
            "not (a and b) or c and d",
            "(if a then 1 else 2) + 3",
            "sum(c in l: c.x * 2)",
            "if let m = d.msa then m.ok else false",
            "[\"a\\\"b\", \"c\"]",
            "x in 8 ..= 12",
            "f()",
            "[]",
        ] {
            let e = value_of(source);
            assert_eq!(flat(&expr_doc(&e, 0)), print::expr(&e), "{source}");
        }
    }

    #[test]
    fn numbers_keep_the_decimals_they_were_written_with() {
        let e = value_of("499,90 € + 5,0 + 1250000 + 32,5%");
        assert_eq!(flat(&expr_doc(&e, 0)), "499,90 € + 5,0 + 1 250 000 + 32,5 %");
    }

    #[test]
    fn long_chains_break_before_their_operators() {
        let long = "a_long_name_for_a_condition";
        let e = value_of(&format!("{long} and {long} and ({long} or {long}) and {long}"));
        assert_eq!(
            render(&expr_doc(&e, 0), 2, 14),
            format!("{long}\n    and {long}\n    and ({long} or {long})\n    and {long}")
        );
    }
}
