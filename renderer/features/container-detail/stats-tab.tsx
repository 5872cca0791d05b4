import { useEffect, useState, useSyncExternalStore } from 'react';
import { streamCliEquivalent } from '../../../shared/contract.js';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { useStores } from '../../app/stores-context.js';
import { formatSize } from '../../lib/format-size.js';
import { Sparkline } from './sparkline.js';

const keep = 60;

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** False while the window is hidden (minimised, another browser tab): no stats stream then. */
function useDocumentVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
}

/** `docker stats` for one container: the stream is open only while this tab is shown and the window visible. */
export function StatsTab({ id, name }: { id: string; name: string }) {
  const { client } = useStores();
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [ended, setEnded] = useState<string | null>(null);
  const visible = useDocumentVisible();

  useEffect(() => {
    setEnded(null);
    if (!visible) return;
    return client.subscribe(
      'containers.stats',
      { id },
      {
        onMessage: (s) => setSamples((prev) => (prev.length >= keep ? [...prev.slice(prev.length - keep + 1), s] : [...prev, s])),
        onEnd: (e) => setEnded(e ? e.message : 'The stats stream ended (the container stopped?).'),
      },
    );
  }, [client, id, visible]);

  const last = samples[samples.length - 1];
  const prev = samples[samples.length - 2];
  const rate = (pick: (s: StatsSample) => number) =>
    last && prev && last.time > prev.time ? ((pick(last) - pick(prev)) * 1000) / (last.time - prev.time) : 0;
  const series = (pick: (s: StatsSample) => number | null) => samples.map(pick);
  const rates = (pick: (s: StatsSample) => number) =>
    samples.map((s, i) => {
      const p = samples[i - 1];
      return p && s.time > p.time ? Math.max(0, ((pick(s) - pick(p)) * 1000) / (s.time - p.time)) : null;
    });

  return (
    <div className="cd-stats">
      {!last ? <p className="faint">{ended ?? 'Waiting for the first sample…'}</p> : null}
      {last ? (
        <div className="cd-stats-grid">
          <Metric title="CPU" value={last.cpuPercent === null ? '—' : `${last.cpuPercent.toFixed(1)} %`}>
            <Sparkline values={series((s) => s.cpuPercent)} max={100} label="CPU over the last minute" className="spark--cpu" />
          </Metric>
          <Metric
            title="Memory"
            value={`${formatSize(last.memoryUsage)} / ${last.memoryLimit ? formatSize(last.memoryLimit) : '—'}`}
            sub={last.memoryLimit ? `${((last.memoryUsage / last.memoryLimit) * 100).toFixed(1)} % of the limit` : undefined}
          >
            <Sparkline values={series((s) => s.memoryUsage)} label="Memory over the last minute" className="spark--mem" />
          </Metric>
          <Metric
            title="Network"
            value={`↓ ${formatSize(last.networkRx)}  ↑ ${formatSize(last.networkTx)}`}
            sub={`↓ ${formatSize(rate((s) => s.networkRx))}/s  ↑ ${formatSize(rate((s) => s.networkTx))}/s`}
          >
            <Sparkline values={rates((s) => s.networkRx + s.networkTx)} label="Network rate over the last minute" className="spark--net" />
          </Metric>
          <Metric title="Block I/O" value={`read ${formatSize(last.blockRead)}  write ${formatSize(last.blockWrite)}`}>
            <Sparkline
              values={rates((s) => s.blockRead + s.blockWrite)}
              label="Block I/O rate over the last minute"
              className="spark--io"
            />
          </Metric>
          <Metric title="PIDs" value={String(last.pids)}>
            <Sparkline values={series((s) => s.pids)} label="Processes over the last minute" className="spark--pids" />
          </Metric>
        </div>
      ) : null}
      {last && ended ? <p className="faint">{ended}</p> : null}
      <p className="cd-detail-foot faint">
        <code>{streamCliEquivalent('containers.stats', { id: name })}</code>
        <span>{samples.length} samples · one a second</span>
      </p>
    </div>
  );
}

function Metric({ title, value, sub, children }: { title: string; value: string; sub?: string; children: React.ReactNode }) {
  return (
    <section className="cd-metric" aria-label={title}>
      <h3>{title}</h3>
      <div className="cd-metric-value">{value}</div>
      {sub ? <div className="cd-metric-sub faint">{sub}</div> : null}
      {children}
    </section>
  );
}
