//! Comparing texts the way staff read them: ignoring case, accents and
//! spacing, and spotting labels that are nearly but not exactly right.

use crate::check::suggest::{within_edits, within_edits_of};

/// The characters of a text as staff compare them: lower case, accents
/// removed, spaces trimmed and folded to one. Allocates nothing.
fn normalised(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace().enumerate().flat_map(|(index, word)| {
        let space = (index > 0).then_some(' ');
        space
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase).flat_map(|c| {
                let (first, second) = match c {
                    'à' | 'â' | 'ä' | 'á' => ('a', None),
                    'é' | 'è' | 'ê' | 'ë' => ('e', None),
                    'î' | 'ï' | 'í' => ('i', None),
                    'ô' | 'ö' | 'ó' => ('o', None),
                    'ù' | 'û' | 'ü' | 'ú' => ('u', None),
                    'ÿ' => ('y', None),
                    'ç' => ('c', None),
                    'œ' => ('o', Some('e')),
                    'æ' => ('a', Some('e')),
                    other => (other, None),
                };
                std::iter::once(first).chain(second)
            }))
    })
}

/// Equal but for case, accents and spacing.
pub fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (mut left, mut right) = ([0u8; SHORT], [0u8; SHORT]);
    match (short_ascii(a, &mut left), short_ascii(b, &mut right)) {
        (Some(l), Some(r)) => left.get(..l) == right.get(..r),
        _ => normalised(a).eq(normalised(b)),
    }
}

/// The longest text [`short_ascii`] folds on the stack.
const SHORT: usize = 64;

/// [`normalised`] for a short ASCII text, into `out`: its length, or `None`
/// when the text is not ASCII or too long.
fn short_ascii(text: &str, out: &mut [u8; SHORT]) -> Option<usize> {
    if !text.is_ascii() || text.len() > SHORT {
        return None;
    }
    let mut length = 0;
    for word in text.split_whitespace() {
        if length > 0 {
            *out.get_mut(length)? = b' ';
            length += 1;
        }
        for byte in word.bytes() {
            *out.get_mut(length)? = byte.to_ascii_lowercase();
            length += 1;
        }
    }
    Some(length)
}

/// Not exactly equal, but equal after normalising or within two edits of it:
/// a label that was meant to be the other one.
pub fn close_to(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (mut left, mut right) = ([0u8; SHORT], [0u8; SHORT]);
    if let (Some(l), Some(r)) = (short_ascii(a, &mut left), short_ascii(b, &mut right))
        && let (Some(a), Some(b)) = (left.get(..l), right.get(..r))
    {
        return !a.is_empty() && !b.is_empty() && within_edits_of(a, b, 2);
    }
    let (length_a, length_b) = (normalised(a).count(), normalised(b).count());
    if length_a == 0 || length_b == 0 || length_a.abs_diff(length_b) > 2 {
        return false;
    }
    let (a, b): (String, String) = (normalised(a).collect(), normalised(b).collect());
    within_edits(&a, &b, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ascii_texts_fold_like_the_general_case() {
        for text in [
            "",
            "  ",
            "ELAN",
            " Elan  Caf ",
            "a\u{b}b",
            "MSA-63-PUY DE DOME",
            "x\ty\nz",
        ] {
            let mut out = [0u8; SHORT];
            let length = short_ascii(text, &mut out).unwrap();
            let general: String = normalised(text).collect();
            assert_eq!(&out[..length], general.as_bytes(), "{text:?}");
        }
        assert_eq!(short_ascii("Élan", &mut [0u8; SHORT]), None);
        assert_eq!(short_ascii(&"a".repeat(65), &mut [0u8; SHORT]), None);
    }

    #[test]
    fn close_to_on_short_ascii_texts_agrees_with_the_general_case() {
        let general = |a: &str, b: &str| {
            let (a, b): (String, String) = (normalised(a).collect(), normalised(b).collect());
            !a.is_empty() && !b.is_empty() && within_edits(&a, &b, 2)
        };
        let labels = [
            "",
            " ",
            "MSA-63-PUY DE DOME",
            "MSA 63 PUY DE DOME",
            "msa-63-puy de dome",
            "MSA-63-PUY DE DOM",
            "MSA-63-PUY  DE DOME ",
            "MSA-3-PY DE DOME",
            "MSA-63",
            "ELAN",
            "ELAN Caf",
            "elan",
            "ELNA",
            "a",
            "ab",
        ];
        for a in labels {
            for b in labels {
                assert_eq!(close_to(a, b), a != b && general(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn same_ignores_case_accents_and_spaces() {
        assert!(same_text("  Élan ", "ELAN"));
        assert!(!same_text("ELAN Caf", "ELAN"));
    }

    #[test]
    fn close_catches_typos_but_not_the_exact_label() {
        let label = "MSA-63-PUY DE DOME";
        assert!(!close_to(label, label));
        assert!(close_to("MSA 63 PUY DE DOME", label));
        assert!(close_to("msa-63-puy de dome", label));
        assert!(close_to("MSA-63-PUY DE DÔME", label));
        assert!(!close_to("Conseil départemental", label));
    }
}
