import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BuildStep } from '../../../shared/image-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActivityStore } from '../activity/activity-store.js';
import { applyStep, createImageBuildStore, failedLine, lineMarks } from './image-build-store.js';

const step = (n: number, line: number | null, patch: Partial<BuildStep> = {}): BuildStep => ({
  type: 'step',
  step: n,
  total: 3,
  instruction: `STEP ${n}`,
  line,
  endLine: line,
  status: 'done',
  cached: false,
  cacheable: n > 1,
  durationMs: 120,
  layerId: `layer${n}`,
  ...patch,
});

describe('build step ↔ Dockerfile line mapping', () => {
  it('marks each line with its step: cached, ran (with duration and layer), running', () => {
    const marks = lineMarks(
      [step(1, 1), step(2, 2, { cached: true, durationMs: 3 }), step(3, 3, { status: 'running', durationMs: null, layerId: null })],
      null,
    );
    expect(marks.get(1)).toMatchObject({ step: 1, status: 'ran', cacheable: false });
    expect(marks.get(2)).toMatchObject({ step: 2, status: 'cached', layerId: 'layer2' });
    expect(marks.get(3)).toMatchObject({ step: 3, status: 'running' });
  });

  it('spans continued instructions over all their lines, the badge on the first', () => {
    const marks = lineMarks([step(2, 4, { endLine: 6 })], null);
    expect([4, 5, 6].map((l) => marks.get(l)?.first)).toEqual([true, false, false]);
    expect(marks.has(7)).toBe(false);
  });

  it('leaves out steps the engine added (no line), and marks the failing line', () => {
    const failure = {
      error: { code: 'ENGINE_ERROR' as const, reason: 'build-step' as const, message: 'returned a non-zero code: 1' },
      step: 3,
      line: 3,
      instruction: 'RUN false',
      exitCode: 1,
    };
    const marks = lineMarks([step(1, 1), step(2, null), step(3, 3, { status: 'failed' })], failure);
    expect([...marks.keys()]).toEqual([1, 3]);
    expect(marks.get(3)?.status).toBe('failed');
    expect(failedLine({ failure, steps: [] })).toBe(3);
    expect(failedLine({ failure: { ...failure, line: null }, steps: [step(3, 5)] })).toBe(5);
  });

  it('keeps the latest state of each step, in step order', () => {
    const steps = applyStep(applyStep(applyStep([], step(2, 2, { status: 'running' })), step(1, 1)), step(2, 2, { cached: true }));
    expect(steps.map((s) => [s.step, s.status, s.cached])).toEqual([
      [1, 'done', false],
      [2, 'done', true],
    ]);
  });
});

describe('build store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const transport = new FakeTransport();
    const activity = createActivityStore();
    const store = createImageBuildStore({ client: new BerthClient(transport), activity, flushMs: 100 });
    return { transport, activity, store };
  }
  const input = { contextPath: '/tmp/ctx', dockerfileText: 'FROM busybox\nRUN echo a > /a\nRUN echo b > /b\n', tags: ['demo:1'] };

  it('streams steps and log lines, coalesced, and ends with the result', () => {
    const { transport, activity, store } = setup();
    store.getState().start(input);
    expect(activity.getState().entries[0]?.command).toBe('docker build -t demo:1 -f - --force-rm /tmp/ctx');
    let updates = 0;
    store.subscribe(() => updates++);
    transport.emit('images.build', { type: 'context', bytes: 512, done: true });
    transport.emit('images.build', step(1, 1, { status: 'running' }));
    transport.emit('images.build', {
      type: 'log',
      lines: [
        { step: 1, text: 'Step 1/3 : FROM busybox' },
        { step: 1, text: ' ---> ea7643678629' },
      ],
    });
    transport.emit('images.build', step(1, 1));
    transport.emit('images.build', step(2, 2, { cached: true }));
    expect(updates).toBe(0);
    vi.advanceTimersByTime(100);
    expect(updates).toBe(1);
    expect(store.getState()).toMatchObject({ phase: 'running', contextBytes: 512, log: ['Step 1/3 : FROM busybox', ' ---> ea7643678629'] });
    transport.emit('images.build', step(3, 3));
    transport.emit('images.build', { type: 'done', imageId: 'sha256:abc', tags: ['demo:1'], durationMs: 900, steps: 3, cachedSteps: 1 });
    transport.end('images.build');
    const s = store.getState();
    expect(s.phase).toBe('done');
    expect(s.result).toMatchObject({ steps: 3, cachedSteps: 1 });
    expect([...lineMarks(s.steps, s.failure).values()].map((m) => m.status)).toEqual(['ran', 'cached', 'ran']);
    expect(s.builtText).toBe(input.dockerfileText);
    expect(activity.getState().entries[0]).toMatchObject({ outcome: 'ok', detail: 'built abc · 1/3 steps cached' });
  });

  it('a failed build points to its line', () => {
    const { transport, store } = setup();
    store.getState().start(input);
    transport.emit('images.build', step(3, 3, { status: 'failed' }));
    transport.emit('images.build', {
      type: 'failed',
      error: { code: 'ENGINE_ERROR', reason: 'build-step', message: "The command '/bin/sh -c false' returned a non-zero code: 1" },
      step: 3,
      line: 3,
      instruction: 'RUN false',
      exitCode: 1,
    });
    transport.end('images.build', { code: 'ENGINE_ERROR', message: 'failed' });
    expect(store.getState().phase).toBe('failed');
    expect(failedLine(store.getState())).toBe(3);
  });

  it('cancel unsubscribes, and a new build starts from a clean slate', () => {
    const { transport, store } = setup();
    store.getState().start(input);
    transport.emit('images.build', step(1, 1));
    store.getState().cancel();
    expect(transport.openStreams('images.build')).toHaveLength(0);
    expect(store.getState().phase).toBe('cancelled');
    store.getState().start(input);
    expect(store.getState()).toMatchObject({ phase: 'running', steps: [], log: [] });
  });
});
