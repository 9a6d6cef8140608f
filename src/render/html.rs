//! What every HTML page shares: the words of its templates, taken from the
//! catalogs in the page's language, its style sheet (screen and A4 print),
//! and the escaping of texts that go into attributes by hand.
//!
//! Templates are askama files under `templates/`, checked when the crate is
//! built; they escape every value they show unless it is marked `safe`,
//! which only the SVG of [`super::chart`] is.

use crate::i18n::{Lang, Message};

/// The words of a template, in the page's language: `{{ t.s("html-…") }}`.
#[derive(Clone, Copy, Debug)]
pub struct Tr(pub Lang);

impl Tr {
    /// A catalog entry without variables.
    pub fn s(&self, id: &'static str) -> String {
        Message::new(id).render(self.0)
    }

    /// A message built by the code, in the page's language.
    pub fn m(&self, message: &Message) -> String {
        message.render(self.0)
    }

    /// The page's language tag, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.0.tag()
    }
}

/// The style sheet of every page: readable on screen, A4 in print, tables
/// that do not break inside a row, enough contrast (text #1a1a1a on white,
/// links #0b4f9c: both above 7:1).
pub const STYLE: &str = include_str!("../../templates/style.css");

/// Escapes a text for HTML content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_texts_are_escaped() {
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)>&'"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#39;"
        );
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use askama::Template;

    #[derive(Template)]
    #[template(
        source = "{% extends \"base.html\" %}{% block title %}{{ name }}{% endblock %}{% block content %}<p>{{ name }}</p>{% endblock %}",
        ext = "html"
    )]
    struct Probe<'a> {
        t: Tr,
        name: &'a str,
    }

    #[test]
    fn a_page_is_french_self_contained_and_escapes_what_it_shows() {
        let page = Probe {
            t: Tr(Lang::Fr),
            name: "<script>alert(1)</script>",
        }
        .render()
        .unwrap();
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"), "{page}");
        assert!(page.contains("@page { size: A4"), "{page}");
        assert!(
            page.contains("<p>&#60;script&#62;alert(1)&#60;/script&#62;</p>"),
            "{page}"
        );
        assert!(!page.contains("<script"), "{page}");
    }
}
