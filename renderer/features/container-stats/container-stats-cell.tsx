import './container-stats.css';
import { useStore } from 'zustand';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { formatSize } from '../../lib/format-size.js';
import { useContainerStatsStore } from './container-stats-context.js';
import { cpuHistoryLength, memoryShare } from './stats-history.js';

/** The last minute of a row's CPU as a small line; the number beside it says the value, the line only the trend. */
function CpuTrend({ values }: { values: readonly (number | null)[] }) {
  const width = 48;
  const height = 14;
  // Scaled to the recent peak (10 % at least, so an idle container's noise stays flat).
  const top = Math.max(10, ...values.map((v) => v ?? 0)) * 1.1;
  const step = width / (cpuHistoryLength - 1);
  const start = cpuHistoryLength - values.length;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${((start + i) * step).toFixed(1)} ${(height - 1 - (v / top) * (height - 2)).toFixed(1)} `;
    pen = true;
  });
  return (
    <svg className="cs-trend" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      <path d={d} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Memory used against the limit as a bar; the numbers beside it and in the title say the values. */
function MemoryBar({ share }: { share: number | null }) {
  return (
    <span className="cs-bar" aria-hidden="true">
      <span className="cs-bar-fill" style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
    </span>
  );
}

/** CPU % and memory of a running container on screen, as `docker stats` shows them; a dash for the others. */
export function ContainerStatsCell({ container }: { container: Pick<ContainerSummary, 'id' | 'state' | 'name'> }) {
  const store = useContainerStatsStore();
  const entry = useStore(store, (s) => s.stats.get(container.id));
  const ended = useStore(store, (s) => s.ended.get(container.id));
  if (container.state !== 'running') return <span className="faint">—</span>;
  if (!entry) {
    return (
      <span className="faint" title={ended ?? `Waiting for the first sample of docker stats ${container.name}`}>
        {ended ? '—' : '…'}
      </span>
    );
  }
  const { last, cpu } = entry;
  const cpuText = last.cpuPercent === null ? '—' : `${last.cpuPercent.toFixed(1)} %`;
  const share = memoryShare(last);
  const memoryText = formatSize(last.memoryUsage);
  const memoryTitle =
    share === null
      ? `Memory ${memoryText}`
      : `Memory ${memoryText} of ${formatSize(last.memoryLimit)} (${(share * 100).toFixed(1)} % of the limit)`;
  return (
    <div className="cs-cell" role="group" aria-label={`CPU ${cpuText}, memory ${memoryText}`}>
      <span className="cs-line" title={`CPU ${cpuText} (100 % is one core)`}>
        <span className="cs-key faint">CPU</span>
        <span className="cs-value mono" data-stat="cpu">
          {cpuText}
        </span>
        <CpuTrend values={cpu} />
      </span>
      <span className="cs-line" title={memoryTitle}>
        <span className="cs-key faint">Mem</span>
        <span className="cs-value mono" data-stat="memory">
          {memoryText}
        </span>
        <MemoryBar share={share} />
      </span>
    </div>
  );
}
