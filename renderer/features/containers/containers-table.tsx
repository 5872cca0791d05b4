import type { ContainerSummary } from '../../../shared/engine-types.js';
import { RelativeTime } from '../../components/relative-time.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { shortId } from '../../lib/short-id.js';
import { ContainerActionsCell } from './container-actions-cell.js';
import { formatPorts } from './format-ports.js';
import { StateBadge } from './state-badge.js';

const columns: readonly Column<ContainerSummary>[] = [
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(140px, 1.5fr)',
    cell: (c) => (
      <div className="stack">
        <span className="primary" title={c.name}>
          {c.name}
        </span>
        <span className="mono faint" title={c.id}>
          {shortId(c.id)}
        </span>
      </div>
    ),
  },
  { key: 'image', header: 'Image', width: 'minmax(120px, 1.2fr)', cell: (c) => <span className="mono" title={c.image}>{c.image}</span> },
  { key: 'command', header: 'Command', width: 'minmax(100px, 1.1fr)', cell: (c) => <span className="mono muted" title={c.command}>{c.command}</span> },
  { key: 'state', header: 'State', width: '118px', cell: (c) => <StateBadge container={c} /> },
  { key: 'status', header: 'Status', width: 'minmax(110px, 1fr)', cell: (c) => <span className="muted" title={c.status}>{c.status}</span> },
  { key: 'created', header: 'Created', width: 'minmax(110px, 0.8fr)', cell: (c) => <span className="muted"><RelativeTime unixSeconds={c.created} /></span> },
  {
    key: 'ports',
    header: 'Ports',
    width: 'minmax(80px, 1fr)',
    cell: (c) => {
      const ports = formatPorts(c.ports);
      return ports ? <span className="mono muted" title={ports}>{ports}</span> : <span className="faint">—</span>;
    },
  },
  { key: 'actions', header: 'Actions', width: '184px', align: 'end', cell: (c) => <ContainerActionsCell container={c} /> },
];

export function ContainersTable({ rows, stale, empty }: { rows: readonly ContainerSummary[]; stale: boolean; empty: string }) {
  return (
    <VirtualTable
      label="Containers"
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      rowLabel={(c) => c.name}
      rowClassName={(c) => `row--${c.state}`}
      rowHeight={52}
      stale={stale}
      empty={empty}
    />
  );
}
