import { describe, expect, it } from 'vitest';
import { BuildOutputParser, type BuildOutputEvent, type RawBuildLine } from './build-output-parser.js';
import { BuildStepTracker, type StepOutput } from './build-steps.js';
import { parseDockerfileLines } from './dockerfile-lines.js';

// Recorded from Engine 20.10's legacy builder (second build: the first three steps cached).
const dockerfile =
  'FROM berth-fixture/busybox:latest\n# comment\nRUN echo hi \\\n  && echo there\nENV A=1\nCOPY Dockerfile /df\nRUN exit 3\n';
const failingBuild: RawBuildLine[] = [
  { stream: 'Step 1/5 : FROM berth-fixture/busybox:latest' },
  { stream: '\n' },
  { stream: ' ---> ea7643678629\n' },
  { stream: 'Step 2/5 : RUN echo hi   && echo there' },
  { stream: '\n' },
  { stream: ' ---> Using cache\n' },
  { stream: ' ---> 4bbd55db29e5\n' },
  { stream: 'Step 3/5 : ENV A=1' },
  { stream: '\n' },
  { stream: ' ---> Using cache\n' },
  { stream: ' ---> 88ec69c2517b\n' },
  { stream: 'Step 4/5 : COPY Dockerfile /df' },
  { stream: '\n' },
  { stream: ' ---> d67a7e7d7fd2\n' },
  { stream: 'Step 5/5 : RUN exit 3' },
  { stream: '\n' },
  { stream: ' ---> Running in c22007e89b56\n' },
  { stream: 'partial output' },
  {
    errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" },
    error: "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
  },
];

function parseAll(lines: RawBuildLine[]): BuildOutputEvent[] {
  const parser = new BuildOutputParser();
  return [...lines.flatMap((l) => parser.push(l)), ...parser.flush()];
}

describe('build output parser', () => {
  it('reassembles lines and recognises steps, cache hits, containers, layers and errors', () => {
    const events = parseAll(failingBuild).filter((e) => e.kind !== 'line');
    expect(events).toEqual([
      { kind: 'step', step: 1, total: 5, instruction: 'FROM berth-fixture/busybox:latest' },
      { kind: 'layer', id: 'ea7643678629' },
      { kind: 'step', step: 2, total: 5, instruction: 'RUN echo hi   && echo there' },
      { kind: 'cache-hit' },
      { kind: 'layer', id: '4bbd55db29e5' },
      { kind: 'step', step: 3, total: 5, instruction: 'ENV A=1' },
      { kind: 'cache-hit' },
      { kind: 'layer', id: '88ec69c2517b' },
      { kind: 'step', step: 4, total: 5, instruction: 'COPY Dockerfile /df' },
      { kind: 'layer', id: 'd67a7e7d7fd2' },
      { kind: 'step', step: 5, total: 5, instruction: 'RUN exit 3' },
      { kind: 'running-in', containerId: 'c22007e89b56' },
      { kind: 'error', message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3", exitCode: 3 },
    ]);
    const lines = parseAll(failingBuild).flatMap((e) => (e.kind === 'line' ? [e.text] : []));
    expect(lines[0]).toBe('Step 1/5 : FROM berth-fixture/busybox:latest');
    // Text without a final newline is still shown before the error.
    expect(lines.at(-1)).toBe('partial output');
  });

  it('shows a base image pull as lines and reads aux IDs', () => {
    const events = parseAll([{ status: 'Downloading', id: 'abc', progress: '[=>  ] 1MB/2MB' }, { aux: { ID: 'sha256:f00' } }]);
    expect(events).toEqual([
      { kind: 'line', text: 'abc Downloading [=>  ] 1MB/2MB' },
      { kind: 'image-id', id: 'sha256:f00' },
    ]);
  });
});

describe('build steps', () => {
  function track(lines: RawBuildLine[]): { out: StepOutput[]; tracker: BuildStepTracker } {
    let t = 0;
    const tracker = new BuildStepTracker(parseDockerfileLines(dockerfile), () => (t += 10));
    const out = parseAll(lines).flatMap((e) => tracker.handle(e));
    out.push(...tracker.end());
    return { out, tracker };
  }

  it('ties each step to its Dockerfile lines, with cache hits, durations and layers', () => {
    const { out, tracker } = track(failingBuild);
    const ended = out.flatMap((o) => (o.type === 'step' && o.step.status !== 'running' ? [o.step] : []));
    expect(ended.map((s) => [s.step, s.line, s.endLine, s.status, s.cached, s.cacheable, s.layerId])).toEqual([
      [1, 1, 1, 'done', false, false, 'ea7643678629'],
      [2, 3, 4, 'done', true, true, '4bbd55db29e5'],
      [3, 5, 5, 'done', true, true, '88ec69c2517b'],
      [4, 6, 6, 'done', false, true, 'd67a7e7d7fd2'],
      [5, 7, 7, 'failed', false, true, null],
    ]);
    expect(ended.every((s) => typeof s.durationMs === 'number' && s.durationMs > 0)).toBe(true);
    const outcome = tracker.outcome();
    expect(outcome).toMatchObject({ imageId: null, steps: 4, cachedSteps: 2, error: { exitCode: 3 } });
    expect(outcome.failedStep).toMatchObject({ step: 5, line: 7, instruction: 'RUN exit 3' });
  });

  it('sends each step as running first, and log lines attributed to their step', () => {
    const { out } = track(failingBuild.slice(0, 7));
    expect(out.slice(0, 3)).toEqual([
      { type: 'log', line: { step: null, text: 'Step 1/5 : FROM berth-fixture/busybox:latest' } },
      { type: 'step', step: expect.objectContaining({ step: 1, status: 'running', line: 1, durationMs: null }) },
      { type: 'log', line: { step: 1, text: ' ---> ea7643678629' } },
    ]);
  });

  it('closes a step when its stage reports an image ID, and gives no line to steps the engine added', () => {
    let t = 0;
    const tracker = new BuildStepTracker(parseDockerfileLines('FROM busybox\n'), () => (t += 1));
    const parser = new BuildOutputParser();
    const out = [
      { stream: 'Step 1/2 : FROM busybox\n' },
      { stream: ' ---> ea7643678629\n' },
      { stream: 'Step 2/2 : LABEL berth.test-fixture=true\n' },
      { stream: ' ---> Running in 0123456789ab\n' },
      { stream: ' ---> 0fedcba98765\n' },
      { aux: { ID: 'sha256:0fedcba98765aaaa' } },
      { stream: 'Successfully built 0fedcba98765\n' },
    ].flatMap((l) => parser.push(l).flatMap((e) => tracker.handle(e)));
    out.push(...tracker.end());
    const label = out.filter((o) => o.type === 'step' && o.step.step === 2).at(-1);
    expect(label).toMatchObject({ step: { status: 'done', line: null, layerId: '0fedcba98765' } });
    expect(out.at(-1)).toEqual({ type: 'log', line: { step: null, text: 'Successfully built 0fedcba98765' } });
    expect(tracker.outcome()).toMatchObject({ imageId: 'sha256:0fedcba98765aaaa', steps: 2, error: null });
  });
});
