import type { ContainerSummary } from '../../../shared/engine-types.js';
import { RelativeTime } from '../../components/relative-time.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { shortId } from '../../lib/short-id.js';
import { imageName } from './image-name.js';
import { ContainerActionsCell } from './container-actions-cell.js';
import { formatPorts } from './format-ports.js';
import { StateCell } from './state-badge.js';

const columns: readonly Column<ContainerSummary>[] = [
  {
    key: 'name',
    header: 'Name',
    minWidth: 120,
    grow: 1.5,
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
  { key: 'image', header: 'Image', minWidth: 100, grow: 1.2, priority: 5, cell: (c) => <span className="mono" title={c.image}>{imageName(c.image)}</span> },
  { key: 'command', header: 'Command', minWidth: 80, grow: 1.1, priority: 1, cell: (c) => <span className="mono muted" title={c.command}>{c.command}</span> },
  { key: 'state', header: 'State', minWidth: 120, grow: 0, cell: (c) => <StateCell container={c} /> },
  { key: 'status', header: 'Status', minWidth: 96, grow: 1.2, priority: 4, cell: (c) => <span className="muted" title={c.status}>{c.status}</span> },
  { key: 'created', header: 'Created', minWidth: 124, grow: 0.3, priority: 3, cell: (c) => <span className="muted"><RelativeTime unixSeconds={c.created} /></span> },
  {
    key: 'ports',
    header: 'Ports',
    minWidth: 60,
    grow: 0.7,
    priority: 2,
    cell: (c) => {
      const ports = formatPorts(c.ports);
      return ports ? <span className="mono muted" title={ports}>{ports}</span> : <span className="faint">—</span>;
    },
  },
  { key: 'actions', header: 'Actions', minWidth: 164, grow: 0, align: 'end', cell: (c) => <ContainerActionsCell container={c} /> },
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
