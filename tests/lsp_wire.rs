//! The language server fed what no well-behaved client sends, straight on
//! its standard input: a lone surrogate (`\ud800`) in a change, a message
//! body that is not UTF-8, a body that is not JSON, a JSON-RPC message of
//! the wrong shape, a method nobody knows. After each, the server must still
//! answer a request, and it must exit cleanly when asked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::root;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<serde_json::Value>,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clas-rules"))
            .arg("lsp")
            .current_dir(root())
            .env_remove("CLAS_RULES_DIR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap()];
                reader.read_exact(&mut body).unwrap();
                if send.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: serde_json::Value) {
        self.send_raw(&frame(message.to_string().as_bytes()));
    }

    /// Waits for the answer to request `id`, skipping notifications.
    fn answer(&mut self, id: i64) -> serde_json::Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no answer to request {id} within 20 s"));
            if message["id"] == id && message.get("method").is_none() {
                return message;
            }
        }
    }

    /// Waits for diagnostics of `uri` at `version`; gives them.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<serde_json::Value> {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no diagnostics for version {version} within 20 s"));
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn hover(&mut self, id: i64, uri: &str, line: u32, character: u32) -> serde_json::Value {
        self.send(serde_json::json!({
            "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        }));
        self.answer(id)
    }
}

fn change(uri: &str, version: i64, text_json: &str) -> Vec<u8> {
    // Written by hand: `text_json` is JSON text that serde_json would not write.
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":{version}}},"contentChanges":[{{"text":{text_json}}}]}}}}"#
    );
    frame(body.as_bytes())
}

#[test]
fn garbage_on_the_wire_does_not_stop_the_server() {
    let rulebook = std::fs::read_to_string(root().join("rules/national/2023-2024.clas")).unwrap();
    let dir = std::env::temp_dir().join(format!("clas-rules-lsp-wire-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("rules/national")).unwrap();
    let path = dir.join("rules/national/2023-2024.clas");
    std::fs::write(&path, &rulebook).unwrap();
    let uri = format!("file://{}", path.display());

    let mut server = Server::start();
    server.send(serde_json::json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": format!("file://{}", dir.display())}
    }));
    assert!(server.answer(1)["result"]["capabilities"].is_object());
    server.send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "clas", "version": 1, "text": rulebook}}
    }));
    assert_eq!(server.diagnostics(&uri, 1), Vec::<serde_json::Value>::new());
    let taux = rulebook
        .lines()
        .position(|l| l.starts_with("param taux_ps"))
        .unwrap() as u32;
    let first = server.hover(2, &uri, taux, 7);
    assert!(
        first["result"]["contents"].to_string().contains("32,5"),
        "{first}"
    );

    // A lone surrogate: the change is applied, the surrogate read as U+FFFD
    // (diagnostics come for its version).
    server.send_raw(&change(&uri, 2, r#""param x: text = \"\ud800\"""#));
    server.diagnostics(&uri, 2);
    // A request the library cannot read, but whose id can be found: an
    // error answer, not silence.
    server.send_raw(&frame(
        br#"{"jsonrpc":"1.0","id":98,"method":"textDocument/hover"}"#,
    ));
    let refused = server.answer(98);
    assert!(refused["error"]["code"].is_i64(), "{refused}");

    let mut id = 10;
    let garbage: Vec<(&str, Vec<u8>)> = vec![
        (
            "a lone surrogate",
            change(&uri, 2, r#""param x: text = \"\ud800\"""#),
        ),
        ("a reversed surrogate pair", change(&uri, 3, r#""\udc00\ud800""#)),
        (
            "a body that is not UTF-8",
            frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}"),
        ),
        (
            "a body that is not JSON",
            frame(b"{\"jsonrpc\": \"2.0\", \"method\": "),
        ),
        ("a body that is a list", frame(b"[1, 2, 3]")),
        (
            "a change of the wrong shape",
            frame(br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":7}}"#),
        ),
        (
            "an unknown request",
            frame(br#"{"jsonrpc":"2.0","id":99,"method":"clas/nothing","params":null}"#),
        ),
        (
            "an unknown notification",
            frame(br#"{"jsonrpc":"2.0","method":"$/whatever","params":{}}"#),
        ),
        (
            "a NUL in a change",
            change(&uri, 4, r#""param x: text = \"\u0000\"""#),
        ),
    ];
    for (what, bytes) in garbage {
        server.send_raw(&bytes);
        id += 1;
        let answer = server.hover(id, &uri, taux, 7);
        assert!(
            answer.get("result").is_some() || answer.get("error").is_some(),
            "after {what}: {answer}"
        );
        assert!(
            server.child.try_wait().unwrap().is_none(),
            "the server exited after {what}"
        );
    }
    // The text is whatever came through; a full replacement resynchronises.
    server.send(serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didChange",
        "params": {"textDocument": {"uri": uri, "version": 50}, "contentChanges": [{"text": rulebook}]}
    }));
    assert_eq!(server.diagnostics(&uri, 50), Vec::<serde_json::Value>::new());
    let last = server.hover(100, &uri, taux, 7);
    assert!(last["result"]["contents"].to_string().contains("32,5"), "{last}");

    server.send(serde_json::json!({"jsonrpc": "2.0", "id": 101, "method": "shutdown", "params": null}));
    server.answer(101);
    server.send(serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    drop(server.stdin);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
    std::fs::remove_dir_all(&dir).unwrap();
}
