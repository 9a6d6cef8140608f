//! Messages for people, in their language. Code builds a [`Message`] from a
//! catalog id and its arguments; the catalogs (`locales/<lang>/<area>.ftl`,
//! Project Fluent, embedded at build time) say it in French or in English.
//! Nothing below the edges renders text: diagnostics, application errors and
//! campaign errors carry messages, and the CLI or the language server renders
//! them in the language of the person reading.

mod catalog;
pub mod codes;

pub use catalog::{Catalog, catalog, explanation};
pub use codes::Code;

/// A language messages are rendered in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// French, for Caf staff: the default everywhere.
    #[default]
    Fr,
    /// English, for engineers.
    En,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The language of a tag such as `fr`, `fr-FR`, `en_GB.UTF-8` or `EN`;
    /// `None` for a language the tool does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary: String = tag
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" | "francais" | "french" => Some(Lang::Fr),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The folder of its catalogs and explanations: `fr`, `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// A message to render: the id of an entry of the catalogs and the values of
/// its variables.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    /// The catalog id, such as `check-unknown-name`.
    pub id: &'static str,
    /// The variables, by name, in the order given.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a variable of a message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Text shown as it is: a name, a figure, the user's own words.
    Text(String),
    /// A count, which also chooses the plural form (« 1 erreur », « 2 erreurs »).
    Count(i64),
    /// Another message, rendered in the same language first.
    Message(Message),
    /// Messages joined as a list with « ou » / "or" before the last.
    AnyOf(Vec<Message>),
    /// Messages joined as a list with « et » / "and" before the last.
    AllOf(Vec<Message>),
    /// Messages joined by arrows: `a` → `b` → `a`.
    Chain(Vec<Message>),
}

impl Message {
    /// A message without variables.
    pub const fn new(id: &'static str) -> Message {
        Message { id, args: Vec::new() }
    }

    /// The same message with one more variable.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The value of a variable, when it is a text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(key, value)| match value {
            Arg::Text(text) if *key == name => Some(text.as_str()),
            _ => None,
        })
    }

    /// The message in a language.
    pub fn render(&self, lang: Lang) -> String {
        catalog(lang).render(self)
    }

    /// The message in French, the language of staff.
    pub fn fr(&self) -> String {
        self.render(Lang::Fr)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(message)
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Arg {
        Arg::Count(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(count: u32) -> Arg {
        Arg::Count(i64::from(count))
    }
}

impl From<i64> for Arg {
    fn from(count: i64) -> Arg {
        Arg::Count(count)
    }
}

/// Builds a [`Message`]: `msg!("check-unknown-name", name = ident.name.as_str())`.
/// The id is a literal, so that a test can find every id the code uses and
/// check it against the catalogs, with the variables it is given.
#[macro_export]
macro_rules! msg {
    ($id:literal $(,)?) => {
        $crate::i18n::Message::new($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message::new($id)$(.with(stringify!($name), $value))+
    };
}
