#!/usr/bin/env node
/**
 * Runs Electronegativity over a folder and writes its SARIF report plus the files it could
 * not parse. The CLI exits 0 whatever it finds and only prints parse errors, so a file it
 * silently skipped would look clean; this wrapper makes both visible to the test.
 *
 * Usage: node tools/electronegativity/scan.cjs <input dir> <output dir> <electron version>
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the scan swaps a module in require.cache, which only CommonJS has. */
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const [input, outDir, electronVersion] = process.argv.slice(2);
  if (!input || !outDir || !electronVersion) {
    console.error('usage: scan.cjs <input dir> <output dir> <electron version>');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  // Scan offline on purpose: the runner first downloads translations and one check
  // downloads Electron's release list. Offline those waits take ~20 s of DNS timeouts and
  // change nothing in the findings, so `got` (its only HTTP client) fails at once instead.
  const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [path.join(packageDir, 'dist', 'locales')] });
  const offline = () => Promise.reject(new Error('electronegativity runs offline in Lockstep'));
  offline.head = offline;
  offline.get = offline;
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(offline, { default: offline }) };
  const run = require('@doyensec/electronegativity');
  const sarif = path.join(outDir, 'electronegativity.sarif');
  const result = await run(
    {
      input: path.resolve(input),
      output: sarif,
      isSarif: true,
      customScan: [],
      // This check downloads Electron's release list from GitHub; it cannot work offline
      // and reports on the Electron version, which package.json pins and CI reviews.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  fs.writeFileSync(path.join(outDir, 'parse-errors.json'), JSON.stringify(result.errors, null, 2));
  console.log(`${result.issues.length} findings, ${result.errors.length} parse errors → ${sarif}`);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
