//! The floor campaigns are measured against: read JSON Lines from standard
//! input, parse each line into serde_json's generic `Value`, write it back,
//! one line out per line in. Built in release with plain serde_json.
//! `floor-serde < apps.jsonl > /dev/null` (see scripts/bench-other-tools.sh).

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut input = std::io::BufReader::with_capacity(1 << 20, stdin.lock());
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut line = String::new();
    let mut count = 0u64;
    let mut refused = 0u64;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        }
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(value) => {
                if serde_json::to_writer(&mut out, &value).is_err() {
                    break;
                }
            }
            Err(_) => {
                refused += 1;
                if out.write_all(b"null").is_err() {
                    break;
                }
            }
        }
        if out.write_all(b"\n").is_err() {
            break;
        }
        count += 1;
    }
    let _ = out.flush();
    eprintln!("{count} lines ({refused} not JSON)");
}
