import { execFile } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSummary, parseCliArgs, summarize, type ReportInput } from './test-summary.js';

// Shapes taken from reports vitest 4.1 and Playwright 1.65 wrote for tiny failing suites.

type VitestTest = { fullName: string; status: string; failureMessages?: string[] };

function vitestFile(name: string, tests: VitestTest[], status = 'passed', message = '') {
  return {
    name,
    status,
    message,
    assertionResults: tests.map((t) => ({ ancestorTitles: [], title: t.fullName, failureMessages: [], ...t })),
  };
}

function vitestReport(files: ReturnType<typeof vitestFile>[], success = true) {
  return { numTotalTests: 0, numPassedTests: 0, numFailedTests: 0, success, testResults: files };
}

function playwrightReport(tests: { title: string; status: string }[], errors: { message: string }[] = []) {
  const stats = { expected: 0, skipped: 0, unexpected: 0, flaky: 0 };
  return {
    stats,
    errors,
    suites: [
      { title: 'logs.spec.ts', specs: tests.map((t) => ({ title: t.title, tests: [{ projectName: '', status: t.status }] })), suites: [] },
    ],
  };
}

function report(stage: string, value: unknown): ReportInput {
  return { stage, file: `artifacts/${stage}.json`, report: value };
}

const closingLine = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/;

describe('the test summary', () => {
  it('counts passed, failed and skipped tests from both runners, naming each failure', () => {
    const unit = vitestReport(
      [
        vitestFile(
          '/repo/a.test.ts',
          [
            { fullName: 'group passes', status: 'passed' },
            { fullName: 'group fails', status: 'failed', failureMessages: ['AssertionError'] },
            { fullName: 'group skipped', status: 'skipped' },
            { fullName: 'group todo', status: 'todo' },
          ],
          'failed',
        ),
      ],
      false,
    );
    const e2e = playwrightReport([
      { title: 'shows logs', status: 'expected' },
      { title: 'follows', status: 'unexpected' },
      { title: 'later', status: 'skipped' },
    ]);
    const summary = summarize({ reports: [report('unit', unit), report('e2e', e2e)], failedStages: ['unit', 'e2e'] }, '/repo');
    expect(summary.passed).toBe(2);
    expect(summary.skipped).toBe(3);
    expect(summary.failures).toEqual(['unit: a.test.ts > group fails', 'e2e: logs.spec.ts > follows']);
    expect(formatSummary(summary).at(-1)).toBe('tests: 2 passed, 2 failed, 3 skipped');
  });

  it('counts each Playwright error outside a test (the web server did not start) as a named failure', () => {
    const e2e = playwrightReport([], [{ message: 'Error: Process from config.webServer was not able to start. Exit code: 3' }]);
    const summary = summarize({ reports: [report('e2e', e2e)], failedStages: ['e2e'] });
    expect(summary.failures).toEqual(['e2e: Error: Process from config.webServer was not able to start. Exit code: 3']);
  });

  it('counts a Vitest file that did not load, and one whose hook threw, as failures', () => {
    const unit = vitestReport(
      [
        vitestFile('/repo/b.test.ts', [], 'failed', "Cannot find module './gone.js' imported from /repo/b.test.ts"),
        vitestFile('/repo/c.test.ts', [{ fullName: 'under hook', status: 'skipped' }], 'failed', 'hook boom'),
      ],
      false,
    );
    const summary = summarize({ reports: [report('unit', unit)], failedStages: ['unit'] }, '/repo');
    expect(summary.failures).toEqual([
      "unit: b.test.ts: Cannot find module './gone.js' imported from /repo/b.test.ts",
      'unit: c.test.ts: hook boom',
    ]);
    expect(summary.skipped).toBe(1);
  });

  it('counts a Vitest report with success:false and no failed test as a failure', () => {
    const unit = vitestReport([vitestFile('/repo/a.test.ts', [{ fullName: 'fine', status: 'passed' }])], false);
    const summary = summarize({ reports: [report('unit', unit)], failedStages: [] });
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatch(/^unit: the report says the run did not succeed/);
  });

  it('counts a stage that exited with a failure while its report names none (an unhandled error)', () => {
    // Vitest writes success:true and exits 1 when an error escapes every test.
    const unit = vitestReport([vitestFile('/repo/d.test.ts', [{ fullName: 'leaks', status: 'passed' }])], true);
    const summary = summarize({ reports: [report('unit', unit)], failedStages: ['unit'] });
    expect(summary.passed).toBe(1);
    expect(summary.failures).toHaveLength(1);
    expect(summary.failures[0]).toMatch(/^unit: the runner exited with a failure/);
  });

  it('counts a missing, unreadable or earlier-run report as a failure, never its passes', () => {
    const old = vitestReport([vitestFile('/repo/a.test.ts', [{ fullName: 'old pass', status: 'passed' }])]);
    const summary = summarize({
      reports: [
        { stage: 'unit', file: 'artifacts/vitest-unit.json', report: undefined },
        { stage: 'integration', file: 'artifacts/vitest-integration.json', report: old, stale: true },
        { stage: 'e2e', file: 'artifacts/playwright.json', report: undefined, parseError: 'Unexpected end of JSON input' },
      ],
      failedStages: ['unit'],
    });
    expect(summary.passed).toBe(0);
    expect(summary.failures).toEqual([
      'unit: no report at artifacts/vitest-unit.json (the runner did not start or did not finish)',
      'integration: artifacts/vitest-integration.json is from an earlier run (the runner did not write a new one)',
      'e2e: its report artifacts/playwright.json is not readable JSON (Unexpected end of JSON input)',
    ]);
  });

  it('counts each failed stage without a report (lint, typecheck, build) by name', () => {
    const unit = vitestReport([vitestFile('/repo/a.test.ts', [{ fullName: 'fine', status: 'passed' }])]);
    const summary = summarize({ reports: [report('unit', unit)], failedStages: ['lint', 'build'] });
    expect(summary.failures).toEqual([
      'lint: the stage failed (it writes no test report; see its output above)',
      'build: the stage failed (it writes no test report; see its output above)',
    ]);
    expect(formatSummary(summary).at(-1)).toBe('tests: 1 passed, 2 failed, 0 skipped');
  });

  it('reports tests that passed only on a retry as flaky, counted as passed, listed before the closing line', () => {
    const unit = vitestReport([
      vitestFile('/repo/a.test.ts', [{ fullName: 'group flaky', status: 'passed', failureMessages: ['AssertionError'] }]),
    ]);
    const e2e = playwrightReport([{ title: 'reconnects', status: 'flaky' }]);
    const summary = summarize({ reports: [report('unit', unit), report('e2e', e2e)], failedStages: [] }, '/repo');
    expect(summary.flaky).toEqual(['unit: a.test.ts > group flaky (passed after 1 failed attempt)', 'e2e: logs.spec.ts > reconnects']);
    const lines = formatSummary(summary);
    expect(lines.at(-1)).toBe('tests: 2 passed, 0 failed, 0 skipped');
    expect(lines.slice(0, -1).join('\n')).toContain('e2e: logs.spec.ts > reconnects');
  });

  it('never prints "0 failed" when any stage failed', () => {
    for (const failedStages of [['lint'], ['typecheck'], ['unit'], ['integration'], ['build'], ['e2e']]) {
      const reports = [
        report('unit', vitestReport([vitestFile('/repo/a.test.ts', [{ fullName: 'x', status: 'passed' }])])),
        report('integration', vitestReport([])),
        report('e2e', playwrightReport([{ title: 'y', status: 'expected' }])),
      ];
      const match = closingLine.exec(formatSummary(summarize({ reports, failedStages })).at(-1) ?? '');
      expect(match?.[2], `failed stage ${failedStages[0]}`).not.toBe('0');
    }
  });

  it('reads stages and reports from the command line', () => {
    expect(parseCliArgs(['--since', '1000', '--failed', 'lint e2e', '--failed', '', 'unit=a.json', 'e2e=b.json'])).toEqual({
      since: 1000,
      failedStages: ['lint', 'e2e'],
      reports: [
        { stage: 'unit', file: 'a.json' },
        { stage: 'e2e', file: 'b.json' },
      ],
    });
    expect(() => parseCliArgs(['a.json'])).toThrow(/<stage>=<report.json>/);
    expect(() => parseCliArgs(['--since', 'soon'])).toThrow(/--since/);
  });
});

describe('summarize-tests.ts on the command line', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('prints the closing line last, exits 1 for a stale report and 0 when all passed', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-summary-'));
    const fresh = path.join(dir, 'fresh.json');
    const stale = path.join(dir, 'stale.json');
    await writeFile(fresh, JSON.stringify(vitestReport([vitestFile('/x/a.test.ts', [{ fullName: 'ok', status: 'passed' }])])));
    await writeFile(stale, JSON.stringify(vitestReport([vitestFile('/x/b.test.ts', [{ fullName: 'old', status: 'passed' }])])));
    await utimes(stale, new Date(1_000), new Date(1_000));
    const script = path.join(import.meta.dirname, 'summarize-tests.ts');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args]).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
      );

    const ok = await run(['--since', '2000', '--failed', '', `unit=${fresh}`]);
    expect(ok).toEqual({ code: 0, stdout: 'tests: 1 passed, 0 failed, 0 skipped\n' });

    const bad = await run(['--since', '2000', '--failed', 'lint', `unit=${fresh}`, `integration=${stale}`]);
    expect(bad.code).toBe(1);
    const lines = bad.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('tests: 1 passed, 2 failed, 0 skipped');
    expect(bad.stdout).toContain('integration: ');
    expect(bad.stdout).toContain('lint: the stage failed');
  });
});
