// The last lines of `npm test` (see scripts/test-summary.ts): run by scripts/test-all.sh as
//   node --import tsx scripts/summarize-tests.ts --since <ms> --failed "<stages>" unit=artifacts/vitest-unit.json ...
// Prints the failures and flaky tests by name, then `tests: N passed, N failed, N skipped` as the
// very last line. Exits 1 when anything failed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { formatSummary, parseCliArgs, summarize, type ReportInput } from './test-summary.js';

function readReport(stage: string, file: string, since: number | undefined): ReportInput {
  if (!existsSync(file)) return { stage, file, report: undefined };
  const stale = since !== undefined && statSync(file).mtimeMs < since;
  try {
    return { stage, file, stale, report: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (err) {
    return { stage, file, report: undefined, parseError: err instanceof Error ? err.message : String(err) };
  }
}

const args = parseCliArgs(process.argv.slice(2));
const summary = summarize(
  { reports: args.reports.map((r) => readReport(r.stage, r.file, args.since)), failedStages: args.failedStages },
  process.cwd(),
);
for (const line of formatSummary(summary)) console.log(line);
process.exit(summary.failures.length > 0 ? 1 : 0);
