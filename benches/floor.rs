//! The floor the batch issue compares against: read JSON Lines from standard
//! input, parse each line into serde_json's generic `Value`, write it back.
//! `cargo bench --bench floor < apps.jsonl > /dev/null` (see scripts/bench-batch.sh).

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut count = 0u64;
    for line in stdin.lock().lines().map_while(Result::ok) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) {
            if serde_json::to_writer(&mut out, &value).is_err() || out.write_all(b"\n").is_err() {
                break;
            }
            count += 1;
        }
    }
    let _ = out.flush();
    eprintln!("{count} lines");
}
