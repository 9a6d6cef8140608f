//! The catalogs: one Fluent bundle per language, built once from the `.ftl`
//! files embedded at build time, shared by every thread.

use super::{Arg, Code, Lang, Message};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded_catalogs.rs"));

/// Every message of one language.
pub struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

/// The catalog of a language.
pub fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: OnceLock<[Catalog; 2]> = OnceLock::new();
    let [fr, en] = CATALOGS.get_or_init(|| [Catalog::build(Lang::Fr), Catalog::build(Lang::En)]);
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The explanation of a code in a language (Markdown), when it has one.
pub fn explanation(lang: Lang, code: Code) -> Option<&'static str> {
    EXPLANATIONS
        .iter()
        .find(|(tag, id, _)| *tag == lang.tag() && *id == code.id())
        .map(|(_, _, text)| *text)
}

/// The catalog files of a language, as embedded: (area, text).
pub fn catalog_files(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    CATALOGS
        .iter()
        .filter(move |(tag, _, _)| *tag == lang.tag())
        .map(|(_, area, text)| (*area, *text))
}

impl Catalog {
    fn build(lang: Lang) -> Catalog {
        let locale: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // Terminals and editors show the text as it is: no Unicode isolation
        // marks around the values.
        bundle.set_use_isolating(false);
        for (_, text) in catalog_files(lang) {
            // A malformed entry is skipped (the catalog test names it); the
            // rest of the file still serves.
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
            // A duplicate id keeps its first definition (the test names it too).
            let _ = bundle.add_resource(resource);
        }
        Catalog { lang, bundle }
    }

    /// Whether the catalog has a message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message in this catalog's language; in the other language when this
    /// one lacks it, and as its id and values when both do (never nothing).
    pub fn render(&self, message: &Message) -> String {
        if let Some(text) = self.try_render(message) {
            return text;
        }
        let other = match self.lang {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        };
        if let Some(text) = catalog(other).try_render(message) {
            return text;
        }
        let args: Vec<String> = message
            .args
            .iter()
            .map(|(name, value)| format!("{name}={}", self.arg_text(value)))
            .collect();
        format!("{}({})", message.id, args.join(", "))
    }

    fn try_render(&self, message: &Message) -> Option<String> {
        let pattern = self.bundle.get_message(message.id)?.value()?;
        let mut args = FluentArgs::with_capacity(message.args.len());
        for (name, value) in &message.args {
            let value = match value {
                Arg::Count(count) => FluentValue::from(*count),
                other => FluentValue::from(self.arg_text(other)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&args), &mut errors);
        Some(text.into_owned())
    }

    fn arg_text(&self, value: &Arg) -> String {
        match value {
            Arg::Text(text) => text.clone(),
            Arg::Count(count) => count.to_string(),
            Arg::Message(message) => self.render(message),
            Arg::AnyOf(items) => self.join(items, "list-or"),
            Arg::AllOf(items) => self.join(items, "list-and"),
            Arg::Chain(items) => items
                .iter()
                .map(|m| self.render(m))
                .collect::<Vec<_>>()
                .join(" → "),
        }
    }

    /// `a, b or c`: the last two joined by the catalog's `list-or` (or
    /// `list-and`), the others by commas.
    fn join(&self, items: &[Message], last_two: &'static str) -> String {
        let texts: Vec<String> = items.iter().map(|m| self.render(m)).collect();
        match texts.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.render(
                &Message::new(last_two)
                    .with("first", init.join(", "))
                    .with("last", last.as_str()),
            ),
        }
    }
}
