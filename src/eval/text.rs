//! Comparing texts the way staff read them: ignoring case, accents and
//! spacing, and spotting labels that are nearly but not exactly right.

use crate::check::suggest::within_edits;

/// Lower case, accents removed, spaces trimmed and folded.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            match c {
                'à' | 'â' | 'ä' | 'á' => out.push('a'),
                'é' | 'è' | 'ê' | 'ë' => out.push('e'),
                'î' | 'ï' | 'í' => out.push('i'),
                'ô' | 'ö' | 'ó' => out.push('o'),
                'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
                'ÿ' => out.push('y'),
                'ç' => out.push('c'),
                'œ' => out.push_str("oe"),
                'æ' => out.push_str("ae"),
                other => out.push(other),
            }
        }
    }
    out
}

/// Equal but for case, accents and spacing.
pub fn same_text(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Not exactly equal, but equal after normalising or within two edits of it:
/// a label that was meant to be the other one.
pub fn close_to(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (a, b) = (normalise(a), normalise(b));
    !a.is_empty() && !b.is_empty() && within_edits(&a, &b, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

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
