// Helpers for the image integration tests only (not imported by the app).
import type { StreamSink } from '../stream-sink.js';
import { testDocker } from '../../test-support/engine-fixtures.js';

export interface Collected<M> {
  sink: StreamSink<M>;
  messages: M[];
  /** Resolves when the stream ends, with its error if any. */
  ended: Promise<{ error?: unknown }>;
  /** Resolves with the first message that matches. */
  first(match: (m: M) => boolean, timeoutMs?: number): Promise<M>;
}

/** A sink that keeps every message, for asserting on a whole stream. */
export function collect<M>(): Collected<M> {
  const messages: M[] = [];
  const waiters: Array<{ match: (m: M) => boolean; resolve: (m: M) => void }> = [];
  let endStream: (v: { error?: unknown }) => void = () => undefined;
  const ended = new Promise<{ error?: unknown }>((resolve) => (endStream = resolve));
  const sink: StreamSink<M> = {
    send(m) {
      messages.push(m);
      for (const w of [...waiters]) {
        if (!w.match(m)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
      return true;
    },
    end(error) {
      endStream(error === undefined ? {} : { error });
    },
  };
  return {
    sink,
    messages,
    ended,
    first(match, timeoutMs = 30_000) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<M>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('Timed out waiting for a stream message')), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}

/** Runs a stream (a pull, a push) to its end: every message it sent, and the error it ended with. */
export async function runToEnd<M>(start: (sink: StreamSink<M>) => void): Promise<{ messages: M[]; error?: unknown }> {
  const c = collect<M>();
  start(c.sink);
  const { error } = await c.ended;
  return { messages: c.messages, error };
}

export function uniqueTag(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Removes images by reference, ignoring ones already gone. */
export async function removeImages(refs: Iterable<string>): Promise<void> {
  for (const ref of refs)
    await testDocker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => undefined);
}

/** Runs `cmd` in a fixture container and commits the result (untagged, i.e. dangling, without a repo). */
export async function commitFromFixture(options: {
  cmd: string;
  repo?: string;
  tag?: string;
  labels: Record<string, string>;
}): Promise<string> {
  const container = await testDocker.createContainer({
    Image: 'berth-fixture/busybox:latest',
    Cmd: ['sh', '-c', options.cmd],
    Labels: { 'berth.test-fixture': 'true' },
  });
  try {
    await container.start();
    await container.wait();
    const changes = Object.entries(options.labels).map(([k, v]) => `LABEL ${k}=${v}`);
    const result = (await container.commit({ ...(options.repo ? { repo: options.repo, tag: options.tag ?? 'latest' } : {}), changes })) as {
      Id: string;
    };
    return result.Id;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** An image with one layer of its own: `bytes` random bytes in /blob. */
export function imageWithRandomLayer(repo: string, tag: string, bytes: number, labels: Record<string, string>): Promise<string> {
  return commitFromFixture({ cmd: `head -c ${bytes} /dev/urandom > /blob`, repo, tag, labels });
}

/** Removes every image with a label (intermediate build images a cancelled build leaves as cache). */
export async function removeImagesLabelled(label: string): Promise<void> {
  const list = await testDocker.listImages({ all: true, filters: { label: [label] } });
  // Children before parents: the newest first.
  for (const image of list.sort((a, b) => b.Created - a.Created)) {
    await testDocker
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
