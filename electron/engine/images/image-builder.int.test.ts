import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildInput } from '../../../shared/image-contract.js';
import type { BuildMessage, BuildStep } from '../../../shared/image-types.js';
import { toRpcError } from '../to-rpc-error.js';
import { testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { collect, removeImages, removeImagesLabelled, uniqueTag } from './test-helpers.js';

const run = uniqueTag('b');

function contextFolder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-build-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The Dockerfile of the cache tests; `marker` changes line 9 only. */
function cacheDockerfile(marker: string): string {
  return [
    'FROM berth-fixture/busybox:latest', // 1
    `LABEL berth.test-fixture=true berth.test-run=${run}`, // 2
    '# a comment', // 3
    'RUN echo one > /one \\', // 4
    '    && echo two >> /one', // 5
    '', // 6
    'COPY kept.txt /ctx/', // 7
    'ENV GREETING=hello', // 8
    `RUN echo ${marker} > /marker`, // 9
    'RUN cat /one /ctx/kept.txt /marker', // 10
  ].join('\n');
}

describe('image builds against the real engine (legacy builder)', () => {
  const connection = new EngineConnection({ id: 'test-image-build' });
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const folders: string[] = [];
  const tags = new Set<string>();

  async function build(input: Omit<BuildInput, 'tags'> & { tags?: string[] }): Promise<{ messages: BuildMessage[]; error?: unknown }> {
    for (const t of input.tags ?? []) tags.add(t);
    const c = collect<BuildMessage>();
    images.builder.build(input, c.sink);
    const { error } = await c.ended;
    return { messages: c.messages, error };
  }
  const endedSteps = (messages: BuildMessage[]): BuildStep[] =>
    messages.flatMap((m) => (m.type === 'step' && m.status !== 'running' ? [m] : []));

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    await removeImages(tags);
    await removeImagesLabelled(`berth.test-run=${run}`);
    await removeImagesLabelled(`berth.test-run=${run}-cancel`);
    for (const f of folders) rmSync(f, { recursive: true, force: true });
    connection.close();
  });

  it('builds an inline Dockerfile with no context folder (docker build -)', async () => {
    const tag = `berth-test/build:${run}-inline`;
    const dockerfile = `FROM berth-fixture/busybox:latest\nLABEL berth.test-fixture=true berth.test-run=${run} berth.test-inline=yes\nRUN echo inline > /inline\n`;
    const { messages, error } = await build({ dockerfileText: dockerfile, tags: [tag] });
    expect(error).toBeUndefined();
    const done = messages.find((m) => m.type === 'done');
    expect(done).toMatchObject({ type: 'done', tags: [tag], steps: 3 });
    const context = messages.filter((m) => m.type === 'context').at(-1);
    // A tar of one small file: a few blocks of 512 bytes.
    expect(context).toMatchObject({ done: true });
    expect(context?.type === 'context' && context.bytes).toBeLessThan(4096);
  });

  it('builds, then hits the cache on every step, then misses from a changed line on', async () => {
    const root = contextFolder({ Dockerfile: cacheDockerfile('first'), 'kept.txt': 'kept\n' });
    folders.push(root);

    const first = await build({ contextPath: root, tags: [`berth-test/build:${run}-1`] });
    expect(first.error).toBeUndefined();
    const done1 = first.messages.at(-1);
    expect(done1).toMatchObject({
      type: 'done',
      imageId: expect.stringMatching(/^sha256:/),
      tags: [`berth-test/build:${run}-1`],
      steps: 7,
      cachedSteps: 0,
    });
    const steps1 = endedSteps(first.messages);
    expect(steps1.map((s) => [s.step, s.total, s.line, s.endLine])).toEqual([
      [1, 7, 1, 1],
      [2, 7, 2, 2],
      [3, 7, 4, 5],
      [4, 7, 7, 7],
      [5, 7, 8, 8],
      [6, 7, 9, 9],
      [7, 7, 10, 10],
    ]);
    expect(steps1.every((s) => s.status === 'done' && s.layerId !== null && s.durationMs !== null)).toBe(true);
    expect(steps1.some((s) => s.cached)).toBe(false);
    // Each step was announced as running before it ended, and the RUN output is in the log.
    expect(first.messages.find((m) => m.type === 'step' && m.status === 'running' && m.step === 3)).toBeTruthy();
    const log = first.messages.flatMap((m) => (m.type === 'log' ? m.lines : []));
    expect(log.find((l) => l.text === 'first')?.step).toBe(7);
    expect(first.messages.find((m) => m.type === 'context' && m.done)).toBeTruthy();

    const second = await build({ contextPath: root, tags: [`berth-test/build:${run}-2`] });
    const steps2 = endedSteps(second.messages);
    expect(steps2.filter((s) => s.cacheable).every((s) => s.cached)).toBe(true);
    expect(steps2.filter((s) => !s.cacheable).map((s) => s.instruction)).toEqual(['FROM berth-fixture/busybox:latest']);
    expect(second.messages.at(-1)).toMatchObject({ type: 'done', imageId: (done1 as { imageId: string }).imageId, cachedSteps: 6 });

    writeFileSync(join(root, 'Dockerfile'), cacheDockerfile('second'));
    const third = await build({ contextPath: root, tags: [`berth-test/build:${run}-3`] });
    const steps3 = endedSteps(third.messages);
    expect(steps3.map((s) => [s.line, s.cached])).toEqual([
      [1, false],
      [2, true],
      [4, true],
      [7, true],
      [8, true],
      [9, false],
      [10, false],
    ]);
    expect(third.messages.at(-1)).toMatchObject({ type: 'done', cachedSteps: 4 });
  });

  it('reports the Dockerfile line of a failing RUN and leaves no container behind', async () => {
    const root = contextFolder({
      Dockerfile: [
        'FROM berth-fixture/busybox:latest',
        `LABEL berth.test-fixture=true berth.test-run=${run}`,
        '',
        'RUN echo about to fail \\',
        '  && exit 7',
        'RUN echo never',
      ].join('\n'),
    });
    folders.push(root);
    const { messages, error } = await build({ contextPath: root, tags: [`berth-test/build:${run}-fail`] });
    const failed = messages.at(-1);
    expect(failed).toMatchObject({ type: 'failed', step: 3, line: 4, exitCode: 7, error: { code: 'ENGINE_ERROR', reason: 'build-step' } });
    expect(failed?.type === 'failed' && failed.error.message).toMatch(
      /^Step 3\/4 \(Dockerfile line 4\) RUN echo about to fail {3}&& exit 7: The command .* returned a non-zero code: 7$/,
    );
    expect(toRpcError(error)).toMatchObject({ code: 'ENGINE_ERROR', message: expect.stringContaining('Dockerfile line 4') });
    expect(endedSteps(messages).at(-1)).toMatchObject({ step: 3, status: 'failed', line: 4, endLine: 5 });
    const container = messages
      .flatMap((m) => (m.type === 'log' ? m.lines : []))
      .map((l) => / ---> Running in ([0-9a-f]+)/.exec(l.text)?.[1])
      .find(Boolean);
    expect(container).toBeTruthy();
    await expect(testDocker.getContainer(container ?? '').inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('leaves .dockerignored files out of the context', async () => {
    const root = contextFolder({
      Dockerfile: [
        'FROM berth-fixture/busybox:latest',
        `LABEL berth.test-fixture=true berth.test-run=${run}`,
        'COPY . /ctx/',
        'RUN test -e /ctx/kept.txt && test ! -e /ctx/secret.txt && test ! -e /ctx/cache/big.bin && test -e /ctx/cache/keep.me',
      ].join('\n'),
      '.dockerignore': 'secret.txt\ncache\n!cache/keep.me\n',
      'kept.txt': 'kept',
      'secret.txt': 'secret',
      'cache/big.bin': 'big',
      'cache/keep.me': 'keep',
    });
    folders.push(root);
    const { messages } = await build({ contextPath: root, tags: [`berth-test/build:${run}-ignore`] });
    expect(messages.at(-1)).toMatchObject({ type: 'done' });
  });

  it('builds from Dockerfile text with build args and a target stage', async () => {
    const root = contextFolder({ 'app.txt': 'app' });
    folders.push(root);
    const dockerfileText = [
      'ARG BASE=berth-fixture/busybox:latest',
      'FROM $BASE AS tools',
      `LABEL berth.test-fixture=true berth.test-run=${run}`,
      'ARG FLAVOUR',
      'RUN echo "flavour=$FLAVOUR" > /flavour && cat /flavour',
      'FROM tools AS final',
      'COPY app.txt /',
    ].join('\n');
    const { messages } = await build({
      contextPath: root,
      dockerfileText,
      buildArgs: { FLAVOUR: 'mint' },
      target: 'tools',
      tags: [`berth-test/build:${run}-text`],
    });
    expect(messages.at(-1)).toMatchObject({ type: 'done' });
    const steps = endedSteps(messages);
    // The meta ARG is step 1 (line 1); the build stops after the target stage.
    expect(steps.map((s) => [s.step, s.line, s.cacheable])).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 3, true],
      [4, 4, true],
      [5, 5, true],
    ]);
    expect(messages.flatMap((m) => (m.type === 'log' ? m.lines : [])).some((l) => l.text === 'flavour=mint')).toBe(true);
  });

  it('refuses a context that is not a folder, before sending anything', () => {
    const root = contextFolder({ 'file.txt': 'x' });
    folders.push(root);
    const sink = collect<BuildMessage>().sink;
    expect(() => images.builder.build({ contextPath: join(root, 'nope') }, sink)).toThrow(/does not exist/);
    // The refusal is checked outside the catch: a build that accepted the file would fail here too.
    const refusal = (() => {
      try {
        images.builder.build({ contextPath: join(root, 'file.txt') }, sink);
      } catch (err) {
        return err;
      }
      throw new Error('a file was accepted as a build context');
    })();
    expect(toRpcError(refusal)).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/is a file, not a folder/),
      path: ['contextPath'],
    });
  });

  it('says which line holds an instruction the engine does not know', async () => {
    const root = contextFolder({ Dockerfile: 'FROM berth-fixture/busybox:latest\nRUNN echo typo\n' });
    folders.push(root);
    const { messages, error } = await build({ contextPath: root });
    expect(messages.at(-1)).toMatchObject({ type: 'failed', error: { code: 'BAD_REQUEST', reason: 'invalid-input' } });
    expect(toRpcError(error).message).toMatch(/line 2/);
  });

  it('says which base image is missing, on which line', async () => {
    const root = contextFolder({ Dockerfile: `# base\nFROM 127.0.0.1:5000/berth-test/no-such-base:${run}\n` });
    folders.push(root);
    const { messages } = await build({ contextPath: root });
    expect(messages.at(-1)).toMatchObject({ type: 'failed', step: 1, line: 2, error: { code: 'NOT_FOUND', reason: 'not-found' } });
    const failed = messages.at(-1);
    expect(failed?.type === 'failed' && failed.error.message).toMatch(
      /^Step 1\/1 \(Dockerfile line 2\) FROM .*no-such-base.* was not found on 127\.0\.0\.1:5000/,
    );
  });

  it('cancelling a build stops the running step', async () => {
    const root = contextFolder({
      Dockerfile: ['FROM berth-fixture/busybox:latest', `LABEL berth.test-fixture=true berth.test-run=${run}-cancel`, 'RUN sleep 30'].join(
        '\n',
      ),
    });
    folders.push(root);
    const c = collect<BuildMessage>();
    const close = images.builder.build({ contextPath: root, tags: [`berth-test/build:${run}-cancel`] }, c.sink);
    const running = await c.first((m) => m.type === 'log' && m.lines.some((l) => l.text.includes('Running in')));
    const container =
      running.type === 'log'
        ? / ---> Running in ([0-9a-f]+)/.exec(running.lines.find((l) => l.text.includes('Running in'))?.text ?? '')?.[1]
        : undefined;
    expect(container).toBeTruthy();
    close();
    const deadline = Date.now() + 20_000;
    let gone = false;
    while (!gone && Date.now() < deadline) {
      gone = await testDocker
        .getContainer(container ?? '')
        .inspect()
        .then((info) => !info.State.Running)
        .catch(() => true);
      if (!gone) await new Promise((r) => setTimeout(r, 200));
    }
    expect(gone).toBe(true);
    await testDocker
      .getContainer(container ?? '')
      .remove({ force: true })
      .catch(() => undefined);
    await expect(testDocker.getImage(`berth-test/build:${run}-cancel`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
