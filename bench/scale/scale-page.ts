import { CdpPage } from '../cdp-page.js';
import { chromiumArgs, chromiumPath, q } from '../berth-page.js';

/**
 * Berth's page in Chromium over a bare DevTools connection (see cdp-page.ts), with probes installed
 * before the app's own scripts: long tasks, when the shell and the containers' first row are
 * drawn, and one watched condition at a time. The page reports each through a DevTools binding, so
 * times are taken on this process's clock (performance.now()) when the report arrives, the same
 * clock the proxy and the raw event reader use.
 */

const probes = `(() => {
  const report = (kind, extra) => { try { window.__scaleReport(JSON.stringify({ kind, pageAt: performance.now(), ...extra })); } catch {} };
  const probe = { longTasks: [], watch: null, shell: false, rows: false };
  window.__scale = probe;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  // Big WebSocket messages (a whole list), reported as they arrive, before the app's own listener runs.
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        const bytes = d.byteLength ?? d.size ?? d.length ?? 0;
        if (bytes >= 16384) report('ws', { bytes });
      });
    }
  };
  // "Drawn": the next animation frame after the DOM has it (the frame that paints it).
  const drawn = (kind, extra) => requestAnimationFrame(() => report(kind, extra));
  const check = () => {
    if (!probe.shell && document.querySelector('nav[aria-label="Sections"]')) { probe.shell = true; drawn('shell'); }
    if (!probe.rows && document.querySelector('[role="grid"][aria-label="Containers"] [role="row"][aria-rowindex="2"]')) {
      probe.rows = true;
      drawn('rows', { summary: document.querySelector('.view-summary')?.textContent ?? '' });
    }
    const w = probe.watch;
    if (w) { let ok = false; try { ok = w.test(); } catch {} if (ok) { probe.watch = null; drawn('watch', { id: w.id }); } }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

export interface PageReport {
  kind: 'shell' | 'rows' | 'watch' | 'ws';
  /** performance.now() of this process when the report arrived. */
  at: number;
  pageAt: number;
  id?: string;
  summary?: string;
  bytes?: number;
}

export class ScalePage {
  readonly reports: PageReport[] = [];
  private readonly listeners = new Set<(r: PageReport) => void>();

  private constructor(readonly cdp: CdpPage) {
    cdp.onEvent((method, params) => {
      if (method !== 'Runtime.bindingCalled') return;
      const { name, payload } = params as { name: string; payload: string };
      if (name !== '__scaleReport') return;
      const report = { ...(JSON.parse(payload) as Omit<PageReport, 'at'>), at: performance.now() };
      this.reports.push(report);
      for (const l of this.listeners) l(report);
    });
  }

  static async open(): Promise<ScalePage> {
    const cdp = await CdpPage.launch(chromiumPath, chromiumArgs, 'about:blank', { width: 1400, height: 900 });
    const page = new ScalePage(cdp);
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', { name: '__scaleReport' });
    await cdp.send('Page.enable');
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: probes });
    return page;
  }

  /** Resolves with the next report of `kind` (and `id`) from now on. */
  next(kind: PageReport['kind'], id?: string, timeoutMs = 60_000): Promise<PageReport> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`The page did not report ${kind}${id ? ` ${id}` : ''} in ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (r: PageReport): void => {
        if (r.kind !== kind || (id !== undefined && r.id !== id)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(r);
      };
      this.listeners.add(listener);
    });
  }

  /** Loads `url` afresh and resolves with when the shell and the first container row were drawn. */
  async load(url: string): Promise<{ shell: PageReport; rows: PageReport; navigatedAt: number }> {
    const drawn = Promise.all([this.next('shell'), this.next('rows')]);
    const navigatedAt = performance.now();
    await this.cdp.send('Page.navigate', { url });
    const [shell, rows] = await drawn;
    return { shell, rows, navigatedAt };
  }

  /** Watches `test` (a JS function expression run in the page after each DOM change); resolves when it first holds, drawn. */
  async watch(id: string, test: string, timeoutMs = 60_000): Promise<PageReport> {
    const seen = this.next('watch', id, timeoutMs);
    // Checked once at once too: the condition may already hold.
    await this.cdp.evaluate(
      `(() => { const p = window.__scale; p.watch = { id: ${q(id)}, test: ${test} }; if (p.watch.test()) { p.watch = null; requestAnimationFrame(() => window.__scaleReport(JSON.stringify({ kind: 'watch', id: ${q(id)}, pageAt: performance.now() }))); } })()`,
    );
    return seen;
  }

  /** Replaces the containers filter's text, as typing it would. */
  async setFilter(text: string): Promise<void> {
    await this.cdp.evaluate(
      `(() => { const i = document.querySelector('input[aria-label="Filter containers"]'); i.focus(); i.select(); })()`,
    );
    if (text) await this.cdp.insertText(text);
    else await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Backspace', code: 'Backspace', windowsVirtualKeyCode: 8 });
  }

  /** Long tasks (start, duration in page ms) since `fromPageMs`. */
  async longTasksSince(fromPageMs: number): Promise<Array<[number, number]>> {
    return this.cdp.evaluate<Array<[number, number]>>(`window.__scale.longTasks.filter(([s]) => s >= ${fromPageMs})`);
  }

  pageNow(): Promise<number> {
    return this.cdp.evaluate<number>('performance.now()');
  }

  /** JS heap in use after a full collection (MB), and elements in the document. */
  async footprint(): Promise<{ heapMB: number; domElements: number; domNodes: number }> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await this.cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const { nodes } = (await this.cdp.send('Memory.getDOMCounters')) as { nodes: number };
    const domElements = await this.cdp.evaluate<number>(`document.getElementsByTagName('*').length`);
    return { heapMB: usedSize / 1e6, domElements, domNodes: nodes };
  }

  close(): Promise<void> {
    return this.cdp.close();
  }
}
