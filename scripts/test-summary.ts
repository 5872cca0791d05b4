// The closing summary of `npm test`: adds up the Vitest and Playwright JSON reports and the stages'
// exit codes into one honest count. Anything that went wrong is a named failure: a failed test, a
// test file that did not load, an error outside any test, a report that is missing or from an
// earlier run, and a failed stage that writes no report (lint, typecheck, build).

/** One stage of scripts/test-all.sh that writes a JSON report. */
export interface ReportInput {
  readonly stage: string;
  readonly file: string;
  /** The parsed report; undefined when the file does not exist. */
  readonly report: unknown;
  /** The file exists but was written before this run started. */
  readonly stale?: boolean;
  /** Set when the file exists but is not JSON. */
  readonly parseError?: string;
}

export interface SummaryInput {
  readonly reports: readonly ReportInput[];
  /** Names of the stages whose command exited non-zero. */
  readonly failedStages: readonly string[];
}

export interface Summary {
  passed: number;
  skipped: number;
  /** One entry per failure, `stage: what`, so the count and the names always agree. */
  failures: string[];
  /** Tests that failed first and passed on a retry: counted as passed, listed here. */
  flaky: string[];
}

interface Counts {
  passed: number;
  skipped: number;
  failures: string[];
  flaky: string[];
}

function emptyCounts(): Counts {
  return { passed: 0, skipped: 0, failures: [], flaky: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The first line of an error message, enough to name it. */
function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.trim().slice(0, 300);
}

/** Report paths are absolute; the summary reads better relative to the project. */
function relativeName(file: string, cwd: string): string {
  return cwd && file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

/** Vitest's `json` reporter (Jest-compatible shape): testResults[] per file, assertionResults[] per test. */
export function countVitest(report: Record<string, unknown>, stage: string, cwd: string): Counts {
  const counts = emptyCounts();
  for (const fileResult of asArray(report.testResults)) {
    if (!isRecord(fileResult)) continue;
    const fileName = relativeName(text(fileResult.name), cwd);
    let failedInFile = 0;
    for (const test of asArray(fileResult.assertionResults)) {
      if (!isRecord(test)) continue;
      const name = `${stage}: ${fileName} > ${text(test.fullName) || text(test.title)}`;
      const status = text(test.status);
      if (status === 'passed') {
        counts.passed += 1;
        // A passed test keeps the errors of its failed attempts: it passed only on a retry.
        const attempts = asArray(test.failureMessages).length;
        if (attempts > 0) counts.flaky.push(`${name} (passed after ${attempts} failed attempt${attempts === 1 ? '' : 's'})`);
      } else if (status === 'skipped' || status === 'pending' || status === 'todo' || status === 'disabled') {
        counts.skipped += 1;
      } else {
        failedInFile += 1;
        counts.failures.push(name);
      }
    }
    // A file that failed without a failed test: it did not load, or a hook threw.
    if (text(fileResult.status) === 'failed' && failedInFile === 0) {
      const why = firstLine(text(fileResult.message)) || 'the file failed outside its tests';
      counts.failures.push(`${stage}: ${fileName}: ${why}`);
    }
  }
  if (report.success === false && counts.failures.length === 0) {
    counts.failures.push(`${stage}: the report says the run did not succeed, with no failed test named`);
  }
  return counts;
}

/** Playwright's `json` reporter: nested suites[] with specs[] and tests[], plus errors[] outside any test. */
export function countPlaywright(report: Record<string, unknown>, stage: string): Counts {
  const counts = emptyCounts();
  const visit = (suite: unknown, titles: readonly string[]): void => {
    if (!isRecord(suite)) return;
    const title = text(suite.title);
    const path = title ? [...titles, title] : [...titles];
    for (const spec of asArray(suite.specs)) {
      if (!isRecord(spec)) continue;
      for (const test of asArray(spec.tests)) {
        if (!isRecord(test)) continue;
        const project = text(test.projectName);
        const name = `${stage}: ${[...path, text(spec.title)].join(' > ')}${project ? ` [${project}]` : ''}`;
        const status = text(test.status);
        if (status === 'expected') counts.passed += 1;
        else if (status === 'skipped') counts.skipped += 1;
        else if (status === 'flaky') {
          counts.passed += 1;
          counts.flaky.push(name);
        } else counts.failures.push(name);
      }
    }
    for (const child of asArray(suite.suites)) visit(child, path);
  };
  for (const suite of asArray(report.suites)) visit(suite, []);
  // Errors outside any test: the web server did not start, a global setup threw, the global timeout.
  for (const error of asArray(report.errors)) {
    const message = isRecord(error) ? text(error.message) || text(error.value) : text(error);
    counts.failures.push(`${stage}: ${firstLine(message) || 'an error outside any test'}`);
  }
  return counts;
}

function isPlaywrightReport(report: Record<string, unknown>): boolean {
  return isRecord(report.stats) && 'expected' in report.stats;
}

export function summarize(input: SummaryInput, cwd = ''): Summary {
  const summary: Summary = { passed: 0, skipped: 0, failures: [], flaky: [] };
  const stagesWithReports = new Set<string>();
  const failuresByStage = new Map<string, number>();

  for (const entry of input.reports) {
    stagesWithReports.add(entry.stage);
    let counts: Counts;
    if (entry.parseError !== undefined) {
      counts = { ...emptyCounts(), failures: [`${entry.stage}: its report ${entry.file} is not readable JSON (${entry.parseError})`] };
    } else if (entry.report === undefined) {
      counts = { ...emptyCounts(), failures: [`${entry.stage}: no report at ${entry.file} (the runner did not start or did not finish)`] };
    } else if (entry.stale) {
      // An earlier run's passes must not be counted as this run's.
      counts = {
        ...emptyCounts(),
        failures: [`${entry.stage}: ${entry.file} is from an earlier run (the runner did not write a new one)`],
      };
    } else if (!isRecord(entry.report)) {
      counts = { ...emptyCounts(), failures: [`${entry.stage}: its report ${entry.file} is not a test report`] };
    } else {
      counts = isPlaywrightReport(entry.report) ? countPlaywright(entry.report, entry.stage) : countVitest(entry.report, entry.stage, cwd);
    }
    summary.passed += counts.passed;
    summary.skipped += counts.skipped;
    summary.failures.push(...counts.failures);
    summary.flaky.push(...counts.flaky);
    failuresByStage.set(entry.stage, (failuresByStage.get(entry.stage) ?? 0) + counts.failures.length);
  }

  // A failed stage always shows in the count, whether or not it writes a report.
  for (const stage of new Set(input.failedStages)) {
    if (!stagesWithReports.has(stage)) summary.failures.push(`${stage}: the stage failed (it writes no test report; see its output above)`);
    else if ((failuresByStage.get(stage) ?? 0) === 0) {
      summary.failures.push(
        `${stage}: the runner exited with a failure its report does not name (e.g. an unhandled error; see its output above)`,
      );
    }
  }
  return summary;
}

/** The lines to print; the last one is the fixed closing line CI parses. */
export function formatSummary(summary: Summary): string[] {
  const lines: string[] = [];
  if (summary.failures.length > 0) {
    lines.push(`Failed (${summary.failures.length}):`);
    for (const failure of summary.failures) lines.push(`  ${failure}`);
  }
  if (summary.flaky.length > 0) {
    lines.push(`Flaky, passed only on a retry (${summary.flaky.length}, counted as passed):`);
    for (const name of summary.flaky) lines.push(`  ${name}`);
  }
  lines.push(`tests: ${summary.passed} passed, ${summary.failures.length} failed, ${summary.skipped} skipped`);
  return lines;
}

export interface CliArgs {
  readonly reports: readonly { stage: string; file: string }[];
  readonly failedStages: readonly string[];
  /** Reports last written before this time (ms since the epoch) are an earlier run's. */
  readonly since: number | undefined;
}

/** `[--since <ms>] [--failed <stage>]... <stage>=<report.json>...` */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const reports: { stage: string; file: string }[] = [];
  const failedStages: string[] = [];
  let since: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--failed' || arg === '--since') {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      if (arg === '--failed') failedStages.push(...value.split(/\s+/).filter(Boolean));
      else {
        since = Number(value);
        if (!Number.isFinite(since)) throw new Error(`--since needs a time in ms, got "${value}"`);
      }
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new Error(`expected <stage>=<report.json>, got "${arg}"`);
    reports.push({ stage: arg.slice(0, eq), file: arg.slice(eq + 1) });
  }
  return { reports, failedStages, since };
}
