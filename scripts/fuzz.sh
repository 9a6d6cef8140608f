#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (stable toolchain, no cargo-fuzz
# needed) and runs each for SECONDS (default 30); fails if any target finds a
# crash, a panic, a timeout or runs out of memory.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Targets: parse, check, eval, decode, csv (all by default). The corpus of
# each target starts from the rulebooks and applications of rules/ and
# tests/, copied into fuzz/corpus/TARGET (kept between runs, not committed);
# crashing inputs are written to fuzz/artifacts/TARGET/. Extra libFuzzer
# options can be given in FUZZ_ARGS (e.g. FUZZ_ARGS="-jobs=2 -workers=2").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

seconds=30
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds="$1"
  shift
fi
all=(parse check eval decode csv)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  case " ${all[*]} " in
    *" $t "*) ;;
    *) echo "unknown fuzz target: $t (known: ${all[*]})" >&2; exit 2 ;;
  esac
done

# The coverage instrumentation cargo-fuzz passes, all stable codegen options.
# `--target` keeps it off build scripts and proc-macros (built for the host).
host="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTFLAGS="${RUSTFLAGS:-} --cfg fuzzing -Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cllvm-args=-sanitizer-coverage-stack-depth"
echo "==> building fuzz targets (${targets[*]})"
bins=()
for t in "${targets[@]}"; do bins+=(--bin "$t"); done
cargo build --locked --release --target "$host" "${bins[@]}"

seed() {
  local dir="$1"; shift
  mkdir -p "$dir"
  # Content-addressed names: copying again adds nothing.
  local f
  while IFS= read -r -d '' f; do
    cp -n "$f" "$dir/$(sha1sum "$f" | cut -c1-40)"
  done < <(find "$@" -type f \( -name '*.clas' -o -name '*.json' -o -name '*.csv' \) -print0 2>/dev/null || true)
}

failed=()
for t in "${targets[@]}"; do
  corpus="corpus/$t"
  case "$t" in
    parse|check) seed "$corpus" "$root/rules" "$root/tests/lang" "$root/tests/extends" "$root/tests/format" ;;
    eval|decode) seed "$corpus" "$root/tests/cases" "$root/tests/input-errors" "$root/rules/caf-63/tests" "$root/examples" ;;
    csv) seed "$corpus" "$root/tests/cases" "$root/fuzz/seeds/csv" ;;
  esac
  seed "$corpus" "$root/tests/fuzz-regressions/$t"
  mkdir -p "artifacts/$t"
  echo "==> fuzzing $t for ${seconds}s (corpus: $(ls "$corpus" | wc -l) inputs)"
  # -rss_limit_mb and -timeout turn memory blow-ups and hangs into failures.
  set +e
  # shellcheck disable=SC2086
  "target/$host/release/$t" "$corpus" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="artifacts/$t/" -print_final_stats=1 ${FUZZ_ARGS:-} 2>&1 \
    | tee "artifacts/$t/last-run.log" \
    | grep -E --line-buffered '^#[0-9]+[[:space:]]+(INITED|DONE)|^(==|stat::)|panicked|ERROR|SUMMARY|Test unit written'
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "!! $t crashed: see fuzz/artifacts/$t/ and fuzz/artifacts/$t/last-run.log" >&2
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: no crash in ${targets[*]}"
