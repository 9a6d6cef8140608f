#!/usr/bin/env bash
# Every kind of HTML page clas-rules writes, made from the real rulebooks,
# the cases under tests/cases/ and hostile names (tests/browser/hostile/),
# then opened in headless Chromium and checked by pages.js: no console
# message, no network request, French, one h1, charts with their words,
# hostile texts shown as text and nothing active, A4 printing, tidy.
#
#   tests/browser/run.sh
#
# The binary: $CLAS_RULES, else the debug build (target/debug/clas-rules,
# under $CARGO_TARGET_DIR when set). Tools: setup.sh (Chromium and tidy from
# Debian, puppeteer-core from npm; cached). The pages are kept under
# target/e2e/pages/html/, their screenshots beside them (target/e2e/pages/).
# Ends with `N passed, M failed`; exits 1 on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
target=${CARGO_TARGET_DIR:-$repo/target}
BIN=${CLAS_RULES:-$target/debug/clas-rules}
[ -x "$BIN" ] || { echo "no binary $BIN: run cargo build first"; echo "0 passed, 1 failed"; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/clas-pages.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

started=$(date +%s)
echo "setting up the tools…"
if ! paths=$(bash "$here/setup.sh"); then
  echo "the tools could not be installed"; echo "0 passed, 1 failed"; exit 1
fi
eval "$paths" # CHROMIUM, TIDY
echo "tools ready in $(( $(date +%s) - started )) s: $("$CHROMIUM" --version 2>/dev/null), $("$TIDY" --version), node $(node --version)"

out=$repo/target/e2e/pages
html=$out/html
rm -rf "$html"
mkdir -p "$html" "$out"
list=$scratch/pages.tsv
: > "$list"
built=0
broken=0

# add GROUP NAME FLAGS FILE: one page for pages.js (see its header for FLAGS).
add() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$list"; }

# build NAME OK-STATUSES OUTPUT COMMAND…: runs a command that writes pages; a
# status outside OK-STATUSES (space-separated), or no OUTPUT (a file, or a
# folder with HTML in it; `-`: none expected) afterwards, is a failure, its
# error shown.
build() {
  local name=$1 statuses=$2 output=$3 status=0 made=yes
  shift 3
  "$@" 2> "$scratch/stderr" || status=$?
  if [ "$output" != - ]; then
    if [ -d "$output" ]; then
      [ -n "$(find "$output" -name '*.html' -size +0 -print -quit)" ] || made=no
    else
      [ -s "$output" ] || made=no
    fi
  fi
  if [[ " $statuses " == *" $status "* ]] && [ "$made" = yes ]; then
    built=$((built + 1))
    echo "ok   $name: built (exit $status)"
  else
    broken=$((broken + 1))
    local missing=
    [ "$made" = yes ] || missing="nothing written to $output; "
    echo "FAIL $name: built — ${missing}exit $status: $(head -c 600 "$scratch/stderr" | tr '\n' ' ')"
  fi
}


hostile23=tests/browser/hostile/porteur-et-collectif-hostiles-2023-2024.json
hostile24=tests/browser/hostile/porteur-et-collectif-hostiles-2024-2025.json
# The hostile rulebooks: a copy of the layered folder (rules/national and
# rules/caf-63), made at each run so that it follows the real one, with a
# hostile title (Caf 63's 2023-2024 rulebook) and a hostile message (the
# national rule refusing an application without a collectif).
hostile_rules=$scratch/hostile-rulebook
mkdir -p "$hostile_rules/national" "$hostile_rules/caf-63"
cp rules/clas-rules.toml "$hostile_rules/"
cp rules/national/*.clas "$hostile_rules/national/"
cp rules/caf-63/*.clas "$hostile_rules/caf-63/"
sed -e '0,/^rulebook "/s//rulebook "<script>alert(1)<\/script> /' \
    rules/caf-63/2023-2024.clas > "$hostile_rules/caf-63/2023-2024.clas"
sed -e '0,/message "Aucun collectif/s//message "\\"><img src=x onerror=alert(1)> Aucun collectif/' \
    rules/national/2023-2024.clas > "$hostile_rules/national/2023-2024.clas"
hostile_changes=$(( $(diff rules/caf-63/2023-2024.clas "$hostile_rules/caf-63/2023-2024.clas" | grep -c '^>' || true) \
  + $(diff rules/national/2023-2024.clas "$hostile_rules/national/2023-2024.clas" | grep -c '^>' || true) ))

# A rules folder of two Cafs: the national framework, Caf 63, and the
# invented Caf 15 of the tests (tests/report/caf-15/).
two_cafs=$scratch/regles-deux-caf
mkdir -p "$two_cafs/national" "$two_cafs/caf-63" "$two_cafs/caf-15"
cp rules/clas-rules.toml "$two_cafs/"
cp rules/national/*.clas "$two_cafs/national/"
cp rules/caf-63/*.clas "$two_cafs/caf-63/"
cp tests/report/caf-15/*.clas "$two_cafs/caf-15/"

# ---------------------------------------------------------------- 0. the harness itself
# A page of the project's base template with the three charts of
# render::chart and the hostile texts (examples/browser_fixture.rs; `cargo
# test` has built it), and hand-made pages that each break one check: every
# check must be seen failing.
fixture=$target/debug/examples/browser_fixture
if ! [ -x "$fixture" ]; then
  cargo build --quiet --locked --example browser_fixture
fi
build fixture-chart-page "0" "$html/fixture-chart-page.html" sh -c '"$1" > "$2"' _ "$fixture" "$html/fixture-chart-page.html"
add fixture fixture-chart-page charts,h1,h2 "$html/fixture-chart-page.html"
for page in tests/browser/fixtures/must-fail/*.html; do
  name=must-fail-$(basename "$page" .html)
  add "$name" "$name" - "$page"
done

# ---------------------------------------------------------------- 1. printable decisions
  for case in \
    2023-2024/reference-eligible \
    2023-2024/axe-parents-manquant-refuse \
    2023-2024/bilan-absent-incomplet \
    2023-2024/bonus-trois-collectifs-un-exclu \
    2024-2025/reference-eligible \
    2024-2025/depenses-9000-au-dessus-du-plafond \
    2024-2025/msa-499-99-non-recevable \
    2024-2025/encadrement-un-adulte-second-collectif-exclu; do
    name=decision-${case/\//-}
    build "$name" "0" "$html/$name.html" sh -c '"$1" eval --format html "$2" > "$3"' _ "$BIN" "tests/cases/$case.json" "$html/$name.html"
    add "$name" "$name" - "$html/$name.html"
  done
  for app in "$hostile23" "$hostile24"; do
    name=decision-hostile-$(basename "$app" .json)
    build "$name" "0" "$html/$name.html" sh -c '"$1" eval --format html "$2" > "$3"' _ "$BIN" "$app" "$html/$name.html"
    add "$name" "$name" h1,h2 "$html/$name.html"
  done
  # The hostile rulebook's message, said by a decision it refuses.
  name=decision-hostile-rulebook-aucun-collectif
  build "$name" "0" "$html/$name.html" sh -c '"$1" eval --format html --rules-dir "$2" --rules "$3" "$4" > "$5"' _ "$BIN" "$hostile_rules" \
    "$hostile_rules/caf-63/2023-2024.clas" tests/cases/2023-2024/aucun-collectif-refuse.json "$html/$name.html"
  add "$name" "$name" h2 "$html/$name.html"

# ---------------------------------------------------------------- 2. campaign report
  # Every case of both years, the hostile applications, and a record in
  # error whose value is hostile (the batch exits 2: some records are in error).
  node -e '
    const fs = require("fs");
    for (const f of process.argv.slice(1)) console.log(JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8"))));
    console.log(JSON.stringify({ annee_scolaire: "2023-2024", niveau: "<script>alert(1)</script>" }));
  ' tests/cases/*/*.json "$hostile23" "$hostile24" > "$scratch/campagne.jsonl"
  build report "0 2" "$html/report.html" sh -c '"$1" eval --batch "$2" --report "$3" > /dev/null' _ "$BIN" "$scratch/campagne.jsonl" "$html/report.html"
  add report report charts,h1 "$html/report.html"
  # A national campaign: the cases of both years addressed in turn to Caf
  # 63, Caf 15 and none (the default Caf), then one to a Caf the folder does
  # not have; the page compares the Cafs and gives each its own part.
  node -e '
    const fs = require("fs");
    const cafs = ["63", "15", null];
    let i = 0;
    for (const f of process.argv.slice(1)) {
      const caf = cafs[i++ % cafs.length];
      const application = JSON.parse(fs.readFileSync(f, "utf8"));
      console.log(JSON.stringify(caf ? { caf, ...application } : application));
    }
    console.log(JSON.stringify({ caf: "99", ...JSON.parse(fs.readFileSync(process.argv[1], "utf8")) }));
  ' tests/cases/*/*.json > "$scratch/campagne-nationale.jsonl"
  build report-cafs "2" "$html/report-cafs.html" sh -c '"$1" eval --rules-dir "$2" --batch "$3" --report "$4" > /dev/null' _ "$BIN" "$two_cafs" "$scratch/campagne-nationale.jsonl" "$html/report-cafs.html"
  add report-cafs report-cafs charts,cafs "$html/report-cafs.html"

# ---------------------------------------------------------------- 3. what-if report
  build diff "0" "$html/diff.html" sh -c '"$1" diff --from 2023-2024 --to 2024-2025 --format html tests/cases/2023-2024 > "$2"' _ "$BIN" "$html/diff.html"
  add diff diff charts "$html/diff.html"
  # The same with the hostile application among them.
  build diff-hostile "0" "$html/diff-hostile.html" sh -c '"$1" diff --from 2023-2024 --to 2024-2025 --format html "$2" tests/cases/2023-2024 > "$3"' _ \
    "$BIN" "$hostile23" "$html/diff-hostile.html"
  add diff-hostile diff-hostile charts "$html/diff-hostile.html"

# ---------------------------------------------------------------- 4. documentation site
# The hostile rulebook must still check, or the test would prove nothing.
if [ "$hostile_changes" = 2 ]; then
  build hostile-rulebook-checks "0" - "$BIN" check --rules-dir "$hostile_rules" "$hostile_rules"
else
  broken=$((broken + 1))
  echo "FAIL hostile-rulebook-checks: the hostile texts could not be put in copies of rules/caf-63/2023-2024.clas and rules/national/2023-2024.clas (a title or message changed?)"
fi
  for site in doc:rules doc-hostile:$hostile_rules; do
    name=${site%%:*}
    dir=${site#*:}
    build "$name" "0" "$html/$name" "$BIN" doc "$dir" --out "$html/$name"
    flags=-
    [ "$name" = doc-hostile ] && flags=h1,h2
    # Every page of the site is checked; the two slowest checks (the PDF
    # and the screenshot) only on its first $full pages, the least deep
    # first (the index, then each year's page…), to keep the step short.
    full=8
    n=0
    while IFS= read -r rel; do
      n=$((n + 1))
      pflags=$flags
      if [ "$n" -gt "$full" ]; then
        if [ "$flags" = - ]; then pflags=quick; else pflags=$flags,quick; fi
      fi
      short=${rel%.html}
      add "$name" "$name-${short//\//-}" "$pflags" "$html/$name/$rel"
    done < <(cd "$html/$name" && find . -name '*.html' -printf '%d %P\n' | sort -n -k1,1 -k2 | cut -d' ' -f2-)
  done

echo "building the pages took $(( $(date +%s) - started )) s in all; $(wc -l < "$list") page(s) to open"
CHROMIUM=$CHROMIUM SHOTS=$out BROWSER_PROFILE=$scratch/profile COUNTS=$scratch/counts \
  node "$here/pages.js" "$list" || true
if [ -s "$scratch/counts" ]; then read -r passed failed < "$scratch/counts"; else passed=0; failed=1; fi
passed=$((passed + built))
failed=$((failed + broken))
echo "browser checks took $(( $(date +%s) - started )) s in all; pages in $html, screenshots in $out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
