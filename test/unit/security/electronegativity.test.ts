import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Electronegativity over electron/, findings counted from its SARIF report (its CLI exits 0
 * whatever it finds). Every finding must be either suppressed inline with a reason
 * (`// eng-disable CHECK -- why`) or listed with a justification in
 * tools/electronegativity/reviewed-findings.json.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const toolDir = path.join(root, 'tools/electronegativity');
const electronVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';

interface SarifResult {
  ruleId: string;
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}
interface Reviewed {
  ruleId: string;
  file?: string;
  why: string;
}

const tmpRoot = path.join(root, '.tmp');
let outDir = '';
let findings: SarifResult[] = [];
let parseErrors: { file: string; message: string; tolerable: boolean }[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|js|cjs|mjs)$/.test(name) ? [full] : [];
  });
}

describe('Electronegativity', () => {
  beforeAll(async () => {
    if (!existsSync(path.join(toolDir, 'node_modules/@doyensec/electronegativity'))) {
      throw new Error('Electronegativity is not installed: run `npm --prefix tools/electronegativity ci` (npm install at the root does this).');
    }
    outDir = mkdtempSync(path.join(existsSync(tmpRoot) ? tmpRoot : root, 'electronegativity-'));
    await promisify(execFile)(process.execPath, [path.join(toolDir, 'scan.cjs'), path.join(root, 'electron'), outDir, electronVersion], { cwd: toolDir, timeout: 170_000 });
    const sarif = JSON.parse(readFileSync(path.join(outDir, 'electronegativity.sarif'), 'utf8')) as { runs: { results: SarifResult[] }[] };
    findings = sarif.runs.flatMap((run) => run.results);
    parseErrors = JSON.parse(readFileSync(path.join(outDir, 'parse-errors.json'), 'utf8')) as typeof parseErrors;
  }, 180_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('parsed every source file (a skipped file would look clean)', () => {
    expect(parseErrors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('has no unreviewed findings', () => {
    const reviewed = (JSON.parse(readFileSync(path.join(toolDir, 'reviewed-findings.json'), 'utf8')) as { reviewed: Reviewed[] }).reviewed;
    const isReviewed = (finding: SarifResult): boolean =>
      reviewed.some((r) => r.ruleId === finding.ruleId && (r.file === undefined || finding.locations?.[0]?.physicalLocation.artifactLocation.uri === r.file));
    const unreviewed = findings.filter((f) => !isReviewed(f)).map((f) => `${f.ruleId} ${f.locations?.[0]?.physicalLocation.artifactLocation.uri ?? ''}:${f.locations?.[0]?.physicalLocation.region?.startLine ?? ''}`);
    expect(unreviewed).toEqual([]);
    // A review that no longer matches anything is stale and must go.
    for (const entry of reviewed) {
      expect(entry.why.length, entry.ruleId).toBeGreaterThan(40);
      expect(findings.some((f) => f.ruleId === entry.ruleId), `stale review ${entry.ruleId}`).toBe(true);
    }
  });

  it('justifies every inline suppression', () => {
    const suppressions = sourceFiles(path.join(root, 'electron')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ where: `${path.relative(root, file)}:${index + 1}`, line }))
        .filter(({ line }) => /eng-disable/.test(line)),
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const { where, line } of suppressions) {
      expect(line, where).toMatch(/eng-disable\s+[A-Z_]+(?:[ ,]+[A-Z_]+)*\s+--\s+\S.{8,}/);
    }
  });
});
