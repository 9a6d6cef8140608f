//! The one place where byte offsets meet the protocol's positions: a line
//! and a column counted in UTF-16 code units. `é` is two bytes and one unit,
//! `€` three bytes and one unit, `𝄞` four bytes and two units.

use crate::diagnostic::Span;
use tower_lsp_server::ls_types::{Position, Range};

/// Where each line of a text starts, to convert offsets both ways.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes a text.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The protocol position of a byte offset (clamped to the text; an
    /// offset inside a character counts as that character's start).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(self.len);
        let line = self
            .starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(at, _)| start + at < offset)
            .map(|(_, c)| c.len_utf16())
            .sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of a protocol position; positions past the end of a
    /// line or of the text are clamped, one inside a surrogate pair moves to
    /// the character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(start) = self.starts.get(position.line as usize).copied() else {
            return self.len;
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map(|next| next - 1)
            .unwrap_or(self.len);
        let line = text.get(start..end).unwrap_or("");
        let mut units = 0u32;
        for (at, c) in line.char_indices() {
            let next = units + u32::try_from(c.len_utf16()).unwrap_or(2);
            if next > position.character {
                return start + at;
            }
            units = next;
        }
        end
    }

    /// The protocol range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(self.position(text, span.start), self.position(text, span.end))
    }

    /// The span of a protocol range.
    pub fn span(&self, text: &str, range: Range) -> Span {
        let (start, end) = (self.offset(text, range.start), self.offset(text, range.end));
        Span::new(start.min(end), end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "param élève: money = 7 885 €\n# 𝄞 clé\nx";
        let index = LineIndex::new(text);
        let euro = text.find('€').unwrap();
        assert_eq!(index.position(text, euro), Position::new(0, 27));
        assert_eq!(index.position(text, euro + '€'.len_utf8()), Position::new(0, 28));
        let cle = text.find("clé").unwrap();
        // `# ` is 2 units, `𝄞` 2 units, the space 1.
        assert_eq!(index.position(text, cle), Position::new(1, 5));
        assert_eq!(index.offset(text, Position::new(1, 5)), cle);
        assert_eq!(index.position(text, text.len()), Position::new(2, 1));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99)), 2);
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(index.position(text, 999), Position::new(1, 2));
        // Inside the surrogate pair of `𝄞`: the character's start.
        let text = "𝄞x";
        assert_eq!(LineIndex::new(text).offset(text, Position::new(0, 1)), 0);
    }

    proptest! {
        #[test]
        fn offsets_round_trip(text in "[a-zé€𝄞 \\n]{0,60}", pick in 0usize..64) {
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain(std::iter::once(text.len())).collect();
            let offset = boundaries[pick % boundaries.len()];
            let position = index.position(&text, offset);
            prop_assert_eq!(index.offset(&text, position), offset);
        }

        #[test]
        fn any_position_gives_a_char_boundary(text in "[a-zé€𝄞 \\n]{0,60}", line in 0u32..8, character in 0u32..80) {
            let index = LineIndex::new(&text);
            let offset = index.offset(&text, Position::new(line, character));
            prop_assert!(text.is_char_boundary(offset));
        }
    }
}
