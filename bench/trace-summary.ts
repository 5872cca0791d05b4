/** A Chrome trace event (the fields we read). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Self time (µs → ms) per event name on each thread that has a name, from complete ('X') and
 * begin/end ('B'/'E') events: a parent's time excludes the time of events nested in it.
 */
export function threadSelfTimes(events: readonly TraceEvent[]): Map<string, Map<string, number>> {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '?');
  }
  const spans = new Map<string, { name: string; start: number; end: number }[]>();
  const open = new Map<string, { name: string; start: number }[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined) {
      (spans.get(key) ?? spans.set(key, []).get(key)!).push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    } else if (e.ph === 'B') {
      (open.get(key) ?? open.set(key, []).get(key)!).push({ name: e.name, start: e.ts });
    } else if (e.ph === 'E') {
      const began = open.get(key)?.pop();
      if (began) (spans.get(key) ?? spans.set(key, []).get(key)!).push({ ...began, end: e.ts });
    }
  }
  const result = new Map<string, Map<string, number>>();
  for (const [key, list] of spans) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    const self = new Map<string, number>();
    const stack: { name: string; end: number; childTime: number; start: number }[] = [];
    const close = (): void => {
      const done = stack.pop()!;
      const own = done.end - done.start - done.childTime;
      self.set(done.name, (self.get(done.name) ?? 0) + own / 1000);
      const parent = stack[stack.length - 1];
      if (parent) parent.childTime += done.end - done.start;
    };
    for (const s of list) {
      while (stack.length > 0 && stack[stack.length - 1]!.end <= s.start) close();
      stack.push({ name: s.name, start: s.start, end: s.end, childTime: 0 });
    }
    while (stack.length > 0) close();
    const pid = Number(key.split(':')[0]);
    const label = `${processNames.get(pid) ?? `pid ${pid}`} / ${threadNames.get(key) ?? key}`;
    result.set(label, self);
  }
  return result;
}

export function printThreadSelfTimes(events: readonly TraceEvent[], wallMs: number, top = 12): void {
  const threads = [...threadSelfTimes(events)]
    .map(([thread, self]) => ({ thread, self, total: [...self.values()].reduce((a, b) => a + b, 0) }))
    .filter((t) => t.total > wallMs * 0.02)
    .sort((a, b) => b.total - a.total);
  for (const t of threads) {
    console.log(`\n### ${t.thread}: busy ${t.total.toFixed(0)} ms of ${wallMs.toFixed(0)} ms (traced events, self time)`);
    for (const [name, ms] of [...t.self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
    }
  }
}
