// What a page costs per MB of terminal output: its Chromium's renderer process (main thread,
// compositor and raster threads: /proc, see process-cpu.ts) and its main thread alone (CDP
// Performance.getMetrics TaskDuration). Each page of the bench runs in its own Chromium, and the
// rounds run one page at a time, so the renderer group's CPU during a page's rounds is that page's.
import type { CdpPage } from './cdp-page.js';

/** The renderer process group as process-cpu.ts names it. */
export const rendererGroup = 'chromium renderer';

/** Seconds the page's main thread has spent running tasks since it loaded (starts the Performance domain on first use). */
export async function mainThreadSeconds(page: CdpPage): Promise<number> {
  await page.send('Performance.enable', { timeDomain: 'threadTicks' });
  const { metrics } = (await page.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const task = metrics.find((m) => m.name === 'TaskDuration');
  if (!task) throw new Error('Chromium reported no TaskDuration metric');
  return task.value;
}

/** Main-thread seconds `work` cost the page. */
export async function measureMainThread<T>(page: CdpPage, into: { seconds: number }, work: () => Promise<T>): Promise<T> {
  const before = await mainThreadSeconds(page);
  const value = await work();
  into.seconds += (await mainThreadSeconds(page)) - before;
  return value;
}

export interface PageCost {
  /** CPU ms of the page's renderer process per MB shown. */
  rendererMsPerMB: number;
  /** Main-thread task ms per MB shown. */
  mainThreadMsPerMB: number;
}

export function pageCost(processSeconds: ReadonlyMap<string, number>, mainThread: { seconds: number }, megabytes: number): PageCost {
  if (!(megabytes > 0)) throw new Error(`A cost per MB needs some bytes, not ${megabytes} MB`);
  return {
    rendererMsPerMB: ((processSeconds.get(rendererGroup) ?? 0) * 1000) / megabytes,
    mainThreadMsPerMB: (mainThread.seconds * 1000) / megabytes,
  };
}

/** `candidate` as a multiple of `baseline` (1.10 = 10 % more CPU per MB), both ways of counting. */
export function costRatio(candidate: PageCost, baseline: PageCost): { renderer: number; mainThread: number } {
  return {
    renderer: candidate.rendererMsPerMB / baseline.rendererMsPerMB,
    mainThread: candidate.mainThreadMsPerMB / baseline.mainThreadMsPerMB,
  };
}
