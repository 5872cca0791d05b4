import tar from 'tar-stream';
import { engineCall, engineRequest } from './engine-socket.js';

/**
 * The engine objects of one scale run: containers and images named `berth-bench-scale-<run>-…`,
 * labelled `berth.test-fixture=true` and `berth.bench-scale.run=<run>` (the run is this process's
 * pid). Made through the Engine API in parallel; removed together at the end, even after a failure.
 */

const api = '/v1.41';
export const fixtureImage = 'berth-fixture/busybox:latest';
const runLabel = 'berth.bench-scale.run';

export interface ScalePlan {
  running: number;
  exited: number;
  created: number;
  images: number;
}

export interface ScaleContainer {
  id: string;
  name: string;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects once all started ones end. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
  return results;
}

const q = encodeURIComponent;

/** A tar holding one small file whose content is unique to `n`, so each import gets its own image id. */
function tinyLayer(n: number): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'bench-scale.txt' }, `berth bench scale image ${n} ${process.pid} ${Date.now()}\n`);
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (c: Buffer) => chunks.push(c));
    pack.once('end', () => resolve(Buffer.concat(chunks)));
    pack.once('error', reject);
  });
}

export class ScaleFixture {
  readonly prefix: string;
  readonly imageRepo: string;
  /** Created here, removed by cleanup(); ids, so a rename cannot hide one. */
  private readonly containerIds = new Set<string>();
  private readonly imageRefs = new Set<string>();

  constructor(readonly run = String(process.pid)) {
    this.prefix = `berth-bench-scale-${run}-`;
    this.imageRepo = `berth-bench-scale-${run}-img`;
  }

  async createContainer(name: string, cmd: readonly string[]): Promise<ScaleContainer> {
    const body = {
      Image: fixtureImage,
      Cmd: cmd,
      Labels: { 'berth.test-fixture': 'true', [runLabel]: this.run },
      StopTimeout: 1,
      HostConfig: { NetworkMode: 'none' },
    };
    const reply = await engineCall('POST', `${api}/containers/create?name=${q(name)}`, body);
    const id = (JSON.parse(reply.toString()) as { Id: string }).Id;
    this.containerIds.add(id);
    return { id, name };
  }

  start(id: string): Promise<Buffer> {
    return engineCall('POST', `${api}/containers/${id}/start`);
  }

  /** Removes one container this fixture made (forced: running ones too). */
  async remove(id: string): Promise<void> {
    const reply = await engineRequest('DELETE', `${api}/containers/${id}?force=1&v=1`);
    if (reply.status > 299 && reply.status !== 404) throw new Error(`remove ${id}: ${reply.status} ${reply.body.toString()}`);
    this.containerIds.delete(id);
  }

  /**
   * `plan.running` running (`sleep`), `plan.exited` exited (`true`, started once) and `plan.created`
   * created-only containers whose command sleeps, so starting one later leaves it running.
   */
  async createContainers(
    plan: ScalePlan,
    onProgress?: (done: number) => void,
  ): Promise<{ running: ScaleContainer[]; exited: ScaleContainer[]; created: ScaleContainer[] }> {
    const pad = (n: number): string => String(n).padStart(4, '0');
    const kinds = [
      ...Array.from({ length: plan.running }, (_, i) => ({ kind: 'running' as const, name: `${this.prefix}run-${pad(i)}` })),
      ...Array.from({ length: plan.exited }, (_, i) => ({ kind: 'exited' as const, name: `${this.prefix}exit-${pad(i)}` })),
      ...Array.from({ length: plan.created }, (_, i) => ({ kind: 'created' as const, name: `${this.prefix}new-${pad(i)}` })),
    ];
    let done = 0;
    const made = await inParallel(kinds, 8, async ({ kind, name }) => {
      const c = await this.createContainer(name, kind === 'exited' ? ['true'] : ['sleep', '86400']);
      if (kind !== 'created') await this.start(c.id);
      if (++done % 100 === 0) onProgress?.(done);
      return { kind, c };
    });
    const pick = (k: string): ScaleContainer[] => made.filter((m) => m.kind === k).map((m) => m.c);
    return { running: pick('running'), exited: pick('exited'), created: pick('created') };
  }

  /** `count` images with distinct ids: each an import of a one-file tar (`docker import`). */
  async createImages(count: number): Promise<void> {
    await inParallel(
      Array.from({ length: count }, (_, i) => i),
      4,
      async (i) => {
        const tag = `i${String(i).padStart(3, '0')}`;
        const changes = q(`LABEL berth.test-fixture=true ${runLabel}=${this.run}`);
        await engineCall(
          'POST',
          `${api}/images/create?fromSrc=-&repo=${q(this.imageRepo)}&tag=${tag}&changes=${changes}`,
          await tinyLayer(i),
        );
        this.imageRefs.add(`${this.imageRepo}:${tag}`);
      },
    );
  }

  /** Removes every container and image this fixture made; returns what it could not remove. */
  async cleanup(): Promise<string[]> {
    const failures: string[] = [];
    await inParallel([...this.containerIds], 8, (id) => this.remove(id).catch((err: unknown) => void failures.push(String(err))));
    await inParallel([...this.imageRefs], 4, async (ref) => {
      const reply = await engineRequest('DELETE', `${api}/images/${q(ref)}?force=1`);
      if (reply.status > 299 && reply.status !== 404) failures.push(`image ${ref}: ${reply.status}`);
      else this.imageRefs.delete(ref);
    });
    return failures;
  }
}

/** Containers and images left by scale runs whose process is gone (a run killed before its clean-up). */
export async function removeAbandonedRuns(): Promise<number> {
  const alive = (pid: string): boolean => {
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch {
      return false;
    }
  };
  const filters = q(JSON.stringify({ label: [runLabel] }));
  const containers = JSON.parse((await engineCall('GET', `${api}/containers/json?all=1&filters=${filters}`)).toString()) as {
    Id: string;
    Labels: Record<string, string>;
  }[];
  const images = JSON.parse((await engineCall('GET', `${api}/images/json?filters=${filters}`)).toString()) as {
    Id: string;
    Labels: Record<string, string> | null;
  }[];
  const deadContainers = containers.filter((c) => !alive(c.Labels[runLabel] ?? ''));
  const deadImages = images.filter((i) => !alive(i.Labels?.[runLabel] ?? ''));
  await inParallel(deadContainers, 8, (c) => engineRequest('DELETE', `${api}/containers/${c.Id}?force=1&v=1`));
  await inParallel(deadImages, 4, (i) => engineRequest('DELETE', `${api}/images/${i.Id}?force=1`));
  return deadContainers.length + deadImages.length;
}
