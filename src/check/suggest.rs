//! "Did you mean": the closest known name to a misspelt one.

use crate::i18n::Message;
use crate::msg;

/// The hint for a misspelt name: « vouliez-vous dire `taux_ps` ? », or,
/// when the two differ only by accents, a hint that says so.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Message> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let folded = without_accents(name);
    if let Some(same) = candidates
        .iter()
        .find(|candidate| **candidate != name && without_accents(candidate) == folded)
    {
        return Some(msg!("did-you-mean-accents", written = name, name = *same));
    }
    closest(name, candidates).map(|s| msg!("did-you-mean", name = s))
}

/// The suggested name of a "did you mean" hint.
pub fn suggestion(hint: &Message) -> Option<&str> {
    match hint.id {
        "did-you-mean" | "did-you-mean-accents" => hint.text_arg("name"),
        _ => None,
    }
}

/// A name with the accents of French letters taken off, in lower case:
/// `Année_élémentaire` → `annee_elementaire`.
pub fn without_accents(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ÿ' | 'Ÿ' => 'y',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// The edit distance between two names, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b_chars.len()).collect();
    let mut current = vec![0; b_chars.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b_chars.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitution.min(deletion).min(insertion);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

/// Names longer than this are not looked up for a "did you mean": the edit
/// distance costs the product of the lengths, and such names are no typos.
const LONGEST_NAME: usize = 100;

/// The candidate closest to `name`, when it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > LONGEST_NAME {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Whether `a` and `b` are at most `edits` edits apart. Only the cells of the
/// distance table within `edits` of its diagonal are computed, so long texts
/// cost their length times `edits`, not the product of their lengths.
pub fn within_edits(a: &str, b: &str, edits: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    within_edits_of(&a, &b, edits)
}

/// The longest second sequence whose rows [`within_edits_of`] keeps on the stack.
const STACK_ROW: usize = 64;

/// [`within_edits`] on any sequences (characters, bytes). Short ones are
/// compared without allocating.
pub fn within_edits_of<T: PartialEq>(a: &[T], b: &[T], edits: usize) -> bool {
    if a.len().abs_diff(b.len()) > edits {
        return false;
    }
    // Any distance above `edits` is stored as `over`.
    let over = edits + 1;
    let width = b.len();
    let mut stack = [[over; STACK_ROW + 1]; 2];
    let mut heap: (Vec<usize>, Vec<usize>);
    let (mut previous, mut current): (&mut [usize], &mut [usize]) = match &mut stack {
        [p, c] if width <= STACK_ROW => (p, c),
        _ => {
            heap = (vec![over; width + 1], vec![over; width + 1]);
            (&mut heap.0, &mut heap.1)
        }
    };
    for (j, cell) in previous.iter_mut().enumerate().take(width + 1) {
        *cell = j.min(over);
    }
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        let low = row.saturating_sub(edits);
        let high = (row + edits).min(width);
        // The cell left of the band, and the first, are boundaries.
        if let Some(cell) = current.get_mut(low.saturating_sub(1)) {
            *cell = if low == 0 { row.min(over) } else { over };
        }
        if let Some(cell) = current.first_mut() {
            *cell = row.min(over);
        }
        let mut best = over;
        for j in low.max(1)..=high {
            let same = b.get(j - 1) == Some(ca);
            let substitution = previous.get(j - 1).copied().unwrap_or(over) + usize::from(!same);
            let deletion = previous.get(j).copied().unwrap_or(over) + 1;
            let insertion = current.get(j - 1).copied().unwrap_or(over) + 1;
            let value = substitution.min(deletion).min(insertion).min(over);
            if let Some(cell) = current.get_mut(j) {
                *cell = value;
            }
            best = best.min(value);
        }
        // The cell right of the band is read by the next row.
        if let Some(cell) = current.get_mut(high + 1) {
            *cell = over;
        }
        if best > edits && low > 0 {
            return false;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.get(width).is_some_and(|d| *d <= edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("taux_ps", "taux_pss"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("école", "ecole"), 1);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("taux_pss", ["taux_ps", "prix_plafond"]), Some("taux_ps"));
        assert_eq!(closest("zzz", ["taux_ps"]), None);
        let long = "n".repeat(1_000_000);
        assert_eq!(closest(&format!("{long}x"), [long.as_str()]), None);
    }

    #[test]
    fn within_edits_agrees_with_the_distance() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "école", "ecole", "taux_ps", "taux_pss", "xaux_psy", "tx",
        ];
        for a in words {
            for b in words {
                for edits in 0..4 {
                    assert_eq!(
                        within_edits(a, b, edits),
                        edit_distance(a, b) <= edits,
                        "{a:?} {b:?} {edits}"
                    );
                }
            }
        }
        let long = "é".repeat(1_000_000);
        assert!(within_edits(&long, &format!("{long}ab"), 2));
        assert!(!within_edits(&format!("a{long}"), &format!("{long}bcd"), 2));
    }
}
