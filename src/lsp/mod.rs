//! `clas-rules lsp`: the language server. One file per feature; every
//! analysis goes through the same loading, parsing and checking as the CLI,
//! and every diagnostic through the same type (converted in `diagnostics`).

pub mod actions;
pub mod analysis;
pub mod completion;
pub mod diagnostics;
pub mod formatting;
pub mod hints;
pub mod hover;
pub mod navigation;
pub mod position;
pub mod server;
pub mod symbols;
pub mod tokens;
pub mod wire;

pub use server::serve;
