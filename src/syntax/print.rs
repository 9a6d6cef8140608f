//! Writes syntax trees back as text, in one canonical layout. Used to compare
//! declarations across years (two texts that print the same mean the same)
//! and to show them side by side.

use super::ast::*;
use rust_decimal::Decimal;

/// A type as written in a rulebook.
pub fn type_expr(ty: &TypeExpr) -> String {
    match &ty.kind {
        TypeExprKind::Named(name) => name.name.clone(),
        TypeExprKind::List(item) => format!("list {}", type_expr(item)),
        TypeExprKind::Optional(item) => format!("optional {}", type_expr(item)),
        TypeExprKind::Range(item) => format!("range {}", type_expr(item)),
    }
}

/// An expression on one line, with the parentheses its precedence needs.
pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write(e, 0, &mut out);
    out
}

/// A number the French way: `7 885`, `32,5`.
pub fn number(value: Decimal) -> String {
    french(&value.normalize().to_string())
}

/// A number the French way with the decimals it was written with: `499,90`
/// stays `499,90` and `5,0` stays a decimal (the formatter's form).
pub fn number_as_written(value: Decimal) -> String {
    french(&value.to_string())
}

/// A text literal in double quotes, with `\"`, `\\` and `\n` escaped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `7885.5` written `7 885,5`.
fn french(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    let count = int_part.chars().count();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (count - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    match frac_part {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How tightly an expression binds: an operand whose precedence is below
/// what its place needs is written in parentheses.
pub fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::If(..) | ExprKind::IfLet { .. } => 0,
        ExprKind::Binary(op, ..) => binary_precedence(*op),
        ExprKind::Unary(UnaryOp::Not, _) => 3,
        ExprKind::Unary(UnaryOp::Neg, _) => 8,
        _ => 9,
    }
}

/// How tightly a binary operator binds (`or` 1 … `*` `/` 7).
pub fn binary_precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::And => 2,
        BinaryOp::Eq
        | BinaryOp::Ne
        | BinaryOp::Lt
        | BinaryOp::Le
        | BinaryOp::Gt
        | BinaryOp::Ge
        | BinaryOp::In => 4,
        BinaryOp::Range => 5,
        BinaryOp::Add | BinaryOp::Sub => 6,
        BinaryOp::Mul | BinaryOp::Div => 7,
    }
}

fn write(e: &Expr, needed: u8, out: &mut String) {
    let own = precedence(e);
    let parens = own < needed;
    if parens {
        out.push('(');
    }
    match &e.kind {
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Number { value, unit, .. } => {
            out.push_str(&number(*value));
            match unit {
                NumberUnit::None => {}
                NumberUnit::Euro => out.push_str(" €"),
                NumberUnit::Percent => out.push_str(" %"),
            }
        }
        ExprKind::Date(date) => out.push_str(&date.to_string()),
        ExprKind::Text(value) => out.push_str(&text(value)),
        ExprKind::Name(ident) => out.push_str(&ident.name),
        ExprKind::Field(base, field) => {
            write(base, 9, out);
            out.push('.');
            out.push_str(&field.name);
        }
        ExprKind::Call(function, args) => {
            out.push_str(&function.name);
            out.push('(');
            list(args, out);
            out.push(')');
        }
        ExprKind::Aggregate {
            function,
            binder,
            list: items,
            body,
        } => {
            out.push_str(&format!("{}({} in ", function.name, binder.name));
            write(items, 1, out);
            out.push_str(": ");
            write(body, 0, out);
            out.push(')');
        }
        ExprKind::Unary(UnaryOp::Not, operand) => {
            out.push_str("not ");
            write(operand, 3, out);
        }
        ExprKind::Unary(UnaryOp::Neg, operand) => {
            out.push('-');
            write(operand, 8, out);
        }
        ExprKind::Binary(op, lhs, rhs) => {
            let level = binary_precedence(*op);
            write(lhs, level, out);
            out.push_str(&format!(" {} ", op.symbol()));
            write(rhs, level + 1, out);
        }
        ExprKind::If(condition, then, otherwise) => {
            out.push_str("if ");
            write(condition, 1, out);
            out.push_str(" then ");
            write(then, 1, out);
            out.push_str(" else ");
            write(otherwise, 0, out);
        }
        ExprKind::IfLet {
            binder,
            value,
            then,
            otherwise,
        } => {
            out.push_str(&format!("if let {} = ", binder.name));
            write(value, 1, out);
            out.push_str(" then ");
            write(then, 1, out);
            out.push_str(" else ");
            write(otherwise, 0, out);
        }
        ExprKind::List(items) => {
            out.push('[');
            list(items, out);
            out.push(']');
        }
    }
    if parens {
        out.push(')');
    }
}

fn list(items: &[Expr], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(item, 0, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::FileId;
    use crate::syntax::parse;

    fn printed(source: &str) -> String {
        let (module, diagnostics) = parse(FileId(0), &format!("let x: bool = {source}\n"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        match module.declarations.first() {
            Some(Declaration::Let(decl)) => expr(&decl.value),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn prints_the_canonical_form() {
        assert_eq!(
            printed("round(min(c.depenses,prix_plafond)*taux_ps, euro, half_up)"),
            "round(min(c.depenses, prix_plafond) * taux_ps, euro, half_up)"
        );
        assert_eq!(printed("7 885 €"), "7 885 €");
        assert_eq!(printed("32,5%"), "32,5 %");
        assert_eq!(printed("a - (b - c)"), "a - (b - c)");
        assert_eq!(printed("(a - b) - c"), "a - b - c");
        assert_eq!(printed("not (a and b)"), "not (a and b)");
        assert_eq!(printed("(if a then 1 else 2) + 3"), "(if a then 1 else 2) + 3");
        assert_eq!(printed("sum(c in l: c.x * 2)"), "sum(c in l: c.x * 2)");
    }

    #[test]
    fn printing_then_parsing_gives_the_same_text() {
        for source in [
            "a ..= b + 1",
            "-x * y",
            "x in 8 ..= 12",
            "if let m = d.msa then m.ok else false",
            "[\"a\\\"b\", \"c\"]",
        ] {
            let once = printed(source);
            assert_eq!(printed(&once), once);
        }
    }
}
