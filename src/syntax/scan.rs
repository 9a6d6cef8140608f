//! Which characters of a rulebook's text are code, inside a text (`"…"`), or
//! inside a comment (`# …`): for the checks that read the text before or
//! without parsing it (nesting limits, the formatter's layout).

/// Where a character stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// Outside texts and comments.
    Code,
    /// Inside a text, its quotes included.
    Text,
    /// Inside a comment, its `#` included.
    Comment,
}

/// Each character with its byte offset and its region. A text ends at its
/// closing quote or at the end of the line (an unclosed text does not run on).
pub fn regions(text: &str) -> impl Iterator<Item = (usize, char, Region)> + '_ {
    let mut region = Region::Code;
    let mut escaped = false;
    text.char_indices().map(move |(at, c)| {
        let here = match region {
            Region::Comment => {
                if c == '\n' {
                    region = Region::Code;
                    Region::Code
                } else {
                    Region::Comment
                }
            }
            Region::Text => {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' | '\n' => region = Region::Code,
                    _ => {}
                }
                if c == '\n' { Region::Code } else { Region::Text }
            }
            Region::Code => match c {
                '#' => {
                    region = Region::Comment;
                    Region::Comment
                }
                '"' => {
                    region = Region::Text;
                    Region::Text
                }
                _ => Region::Code,
            },
        };
        (at, c, here)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> String {
        regions(text)
            .map(|(_, _, r)| match r {
                Region::Code => 'c',
                Region::Text => 't',
                Region::Comment => '#',
            })
            .collect()
    }

    #[test]
    fn texts_and_comments() {
        assert_eq!(shape("a \"b#\\\"\" # x\ny"), "ccttttttc###cc");
        assert_eq!(shape("\"open\nx"), "tttttcc");
    }
}
