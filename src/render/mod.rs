//! Every way a decision, a comparison, a campaign or a rulebook is shown:
//! text for the terminal, JSON and CSV for scripts, HTML for people who do
//! not read either. Each rendering is a pure function of the data it shows;
//! files and terminals belong to `cli`.

pub mod campaign;
pub mod chart;
pub mod comparison;
pub mod decision;
pub mod describe;
pub mod doc;
pub mod html;
pub mod letter;
pub mod words;

/// A name with its first letter in capitals (`collectifs` → `Collectifs`), for a heading.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
