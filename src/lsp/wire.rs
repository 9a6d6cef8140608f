//! The editor's bytes before the protocol library sees them.
//!
//! tower-lsp-server stops reading (and the server exits) at the first message
//! it cannot decode: a body that is not UTF-8, that is not JSON, or that is
//! not a JSON-RPC message. One bad message from an editor or a plugin would
//! end the session. So every message goes through [`pump`] first, which
//! passes good messages through untouched and mends or replaces bad ones:
//!
//! - bytes that are not UTF-8 become U+FFFD, and so do lone UTF-16
//!   surrogates written as `\ud800` escapes (one UTF-16 unit each, so the
//!   positions of later changes still fall in the same places);
//! - a message that still cannot be read becomes a request of a method that
//!   does not exist, when its `id` can be found (the editor gets an error
//!   answer instead of waiting forever), or else a notification nobody
//!   handles;
//! - a header block without `Content-Length` is skipped, and a body larger
//!   than [`MAX_BODY`] is read and dropped without being kept in memory.

use serde_json::Value as Json;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest message body passed on (a whole rulebook is a few dozen kB).
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// The longest header line read; a longer one is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// The method a request that cannot be read is turned into: unknown, so the
/// library answers it with an error.
pub const INVALID_REQUEST_METHOD: &str = "clas-rules/invalidMessage";

/// The notification an unreadable message without an id is turned into:
/// `$/` notifications that nobody handles are ignored.
pub const INVALID_NOTIFICATION_METHOD: &str = "$/clas-rules/invalidMessage";

/// Whether the protocol library can decode `body` (as it does: a response or
/// a request, from UTF-8 text).
pub fn is_message(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    serde_json::from_str::<Response>(text).is_ok() || serde_json::from_str::<Request>(text).is_ok()
}

/// `text` with each `\uXXXX` escape of a lone surrogate replaced by `\ufffd`.
fn mend_surrogates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let escape = rest.get(at..).unwrap_or("");
        let unit = |s: &str| {
            s.strip_prefix("\\u")
                .and_then(|h| h.get(..4))
                .and_then(|h| u16::from_str_radix(h, 16).ok())
        };
        match unit(escape) {
            Some(0xD800..=0xDBFF) => {
                let after = escape.get(6..).unwrap_or("");
                if let Some(0xDC00..=0xDFFF) = unit(after) {
                    out.push_str(escape.get(..12).unwrap_or(""));
                    rest = escape.get(12..).unwrap_or("");
                } else {
                    out.push_str("\\ufffd");
                    rest = after;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.push_str("\\ufffd");
                rest = escape.get(6..).unwrap_or("");
            }
            _ => {
                // Any other escape: copy the backslash and the character it escapes.
                let mut chars = escape.chars();
                let backslash = chars.next();
                let escaped = chars.next();
                out.extend(backslash);
                out.extend(escaped);
                rest = chars.as_str();
            }
        }
    }
    out.push_str(rest);
    out
}

/// What to pass on for a message body: the body itself when it can be
/// decoded, else a mended copy, else a stand-in (see the module's doc).
pub fn sanitize(body: &[u8]) -> Option<Vec<u8>> {
    if is_message(body) {
        return None;
    }
    let mended = mend_surrogates(&String::from_utf8_lossy(body));
    if is_message(mended.as_bytes()) {
        return Some(mended.into_bytes());
    }
    let id = serde_json::from_str::<Json>(&mended)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_string() || id.as_i64().is_some());
    let stand_in = match id {
        Some(id) => serde_json::json!({"jsonrpc": "2.0", "id": id, "method": INVALID_REQUEST_METHOD}),
        None => serde_json::json!({"jsonrpc": "2.0", "method": INVALID_NOTIFICATION_METHOD}),
    };
    Some(stand_in.to_string().into_bytes())
}

async fn write_message(output: &mut (impl AsyncWrite + Unpin), body: &[u8]) -> std::io::Result<()> {
    output
        .write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    output.write_all(body).await?;
    output.flush().await
}

/// Copies the messages of `input` to `output`, each one readable by the
/// protocol library, until `input` ends (or `output` is closed).
pub async fn pump(input: impl AsyncRead + Unpin, mut output: impl AsyncWrite + Unpin) {
    let mut input = BufReader::new(input);
    let mut content_length: Option<usize> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .await
        {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let header = text.trim_end_matches(['\r', '\n']);
        if !header.is_empty() {
            if let Some((name, value)) = header.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                content_length = value.trim().parse().ok();
            }
            continue;
        }
        // The blank line that ends the headers.
        let Some(length) = content_length.take() else {
            eprintln!("clas-rules lsp: skipped a header block without a valid Content-Length");
            continue;
        };
        if length > MAX_BODY {
            eprintln!("clas-rules lsp: skipped a message of {length} bytes (more than {MAX_BODY})");
            let skipped =
                tokio::io::copy(&mut (&mut input).take(length as u64), &mut tokio::io::sink()).await;
            if skipped.map_or(true, |n| n < length as u64) {
                return;
            }
            continue;
        }
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        let written = match sanitize(&body) {
            None => write_message(&mut output, &body).await,
            Some(mended) => {
                eprintln!("clas-rules lsp: mended or replaced a message the protocol library could not read");
                write_message(&mut output, &mended).await
            }
        };
        if written.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_messages_pass_untouched() {
        let body = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;
        assert!(is_message(body));
        assert_eq!(sanitize(body), None);
        let response = br#"{"jsonrpc":"2.0","id":"a","result":null}"#;
        assert_eq!(sanitize(response), None);
    }

    #[test]
    fn lone_surrogates_are_mended_and_pairs_kept() {
        assert_eq!(mend_surrogates(r#""a\ud800b""#), r#""a\ufffdb""#);
        assert_eq!(mend_surrogates(r#""\udc00\ud800""#), r#""\ufffd\ufffd""#);
        assert_eq!(mend_surrogates(r#""\ud834\udd1e""#), r#""\ud834\udd1e""#);
        assert_eq!(
            mend_surrogates(r#""\\ud800""#),
            r#""\\ud800""#,
            "an escaped backslash, then text"
        );
        assert_eq!(mend_surrogates(r#""\"\n\u00e9""#), r#""\"\n\u00e9""#);
        let body = br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"\ud800"}}"#;
        let mended = sanitize(body).unwrap();
        assert!(is_message(&mended));
        assert!(String::from_utf8(mended).unwrap().contains(r#""text":"\ufffd""#));
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        let body = b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}";
        let mended = String::from_utf8(sanitize(body).unwrap()).unwrap();
        assert!(mended.contains('\u{FFFD}'), "{mended}");
    }

    #[test]
    fn what_cannot_be_read_is_replaced() {
        let request = br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":"#;
        let stand_in: Json = serde_json::from_slice(&sanitize(request).unwrap()).unwrap();
        // Not JSON: no id can be found, so a notification nobody handles.
        assert_eq!(stand_in["method"], INVALID_NOTIFICATION_METHOD);
        let wrong_version = br#"{"jsonrpc":"1.0","id":7,"method":"textDocument/hover"}"#;
        let stand_in: Json = serde_json::from_slice(&sanitize(wrong_version).unwrap()).unwrap();
        assert_eq!(stand_in["method"], INVALID_REQUEST_METHOD);
        assert_eq!(stand_in["id"], 7);
        let list = b"[1, 2, 3]";
        assert!(is_message(&sanitize(list).unwrap()));
    }

    #[test]
    fn the_pump_frames_every_message_and_skips_garbage() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let good = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", good.len()).as_bytes());
        input.extend_from_slice(good);
        input.extend_from_slice(b"X-Garbage: 1\r\n\r\n"); // no length: skipped
        input.extend_from_slice(b"Content-Length: 9\r\n\r\n[1, 2, 3]");
        input.extend_from_slice(format!("content-length: {}\r\n\r\n", good.len()).as_bytes());
        input.extend_from_slice(good);
        let mut output = Vec::new();
        runtime.block_on(pump(&input[..], &mut output));
        let text = String::from_utf8(output).unwrap();
        let bodies: Vec<&str> = text.split("\r\n\r\n").skip(1).collect();
        assert_eq!(text.matches("Content-Length: ").count(), 3, "{text}");
        assert!(bodies.iter().all(|b| !b.contains("[1, 2, 3]")), "{text}");
    }
}
