//! Reading applications: a strict JSON reader that keeps positions and exact
//! numbers, and the decoder that checks a document against the rulebook's
//! input schema and builds typed values.

/// The top-level member of an application that names its Caf (`"63"`): it
/// chooses the rulebook, and is accepted beside the rulebook's own fields.
pub const CAF_FIELD: &str = "caf";

pub mod csv;
pub mod decode;
pub mod fast;
pub mod json;

use crate::i18n::Message;
use crate::msg;

/// Why bytes are not UTF-8 text, with the line and column (1-based, in
/// bytes) of the first invalid byte, for the person who has to fix the file.
pub fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Message {
    describe_not_utf8(bytes, valid_up_to, true)
}

fn describe_not_utf8(bytes: &[u8], valid_up_to: usize, with_line: bool) -> Message {
    let before = bytes.get(..valid_up_to).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    // Count characters, not bytes, up to the bad byte: what an editor shows.
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
        .chars()
        .count()
        + 1;
    let place = if with_line {
        msg!("input-place-line-column", line = line, column = column)
    } else {
        msg!("input-place-column", column = column)
    };
    match bytes.get(valid_up_to) {
        Some(byte) => msg!(
            "input-not-utf8-byte",
            byte = format!("0x{byte:02X}"),
            place = place
        ),
        None => msg!("input-not-utf8-truncated", place = place),
    }
}

/// Why the bytes of one line are not UTF-8 text, with the column of the
/// first invalid byte (at `valid_up_to`).
pub fn line_not_utf8(bytes: &[u8], valid_up_to: usize) -> Message {
    describe_not_utf8(bytes, valid_up_to, false)
}

/// The bytes of one line as text, or why they are not (the column of the
/// first invalid byte).
pub fn line_text(bytes: &[u8]) -> Result<&str, Message> {
    std::str::from_utf8(bytes).map_err(|e| describe_not_utf8(bytes, e.valid_up_to(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_where_the_bad_byte_is() {
        let bytes = b"{\n  \"nom\": \"\xe9t\xe9\"\n}";
        let error = String::from_utf8(bytes.to_vec()).unwrap_err();
        let message = not_utf8(bytes, error.utf8_error().valid_up_to());
        assert_eq!(
            message.render(crate::i18n::Lang::En),
            "not UTF-8 text: invalid byte 0xE9 at line 2, column 11 (save the file as UTF-8)"
        );
        assert_eq!(
            message.fr(),
            "ce n'est pas du texte UTF-8 : octet invalide 0xE9 ligne 2, colonne 11 \
             (enregistrez le fichier en UTF-8)"
        );
    }
}
