//! Reading applications: a strict JSON reader that keeps positions and exact
//! numbers, and the decoder that checks a document against the rulebook's
//! input schema and builds typed values.

pub mod csv;
pub mod decode;
pub mod fast;
pub mod json;
