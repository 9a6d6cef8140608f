//! Formatting: the same formatter as `clas-rules fmt`, as one edit of the
//! whole document; nothing when the document does not parse.

use super::server::View;
use tower_lsp_server::ls_types::{Range, TextEdit};

/// The edit that formats the whole document.
pub fn format(view: &View) -> Option<Vec<TextEdit>> {
    let text = &view.document.text;
    let formatted = crate::syntax::format::format(text).ok()?;
    if formatted == *text {
        return Some(Vec::new());
    }
    let end = view.document.lines.position(text, text.len());
    Some(vec![TextEdit::new(
        Range::new(Default::default(), end),
        formatted,
    )])
}
