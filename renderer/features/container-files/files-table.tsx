import type { MouseEvent } from 'react';
import type { FileEntry } from '../../../shared/files-types.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { formatSize } from '../../lib/format-size.js';
import { EntryIcon, DownloadIcon, UpIcon } from './file-icons.js';
import { modeText } from './file-mode-text.js';

/** A listing row, or the ".." row that goes up one folder. */
export type FileRow = { kind: 'up' } | { kind: 'entry'; entry: FileEntry };

export interface FilesTableProps {
  rows: readonly FileRow[];
  label: string;
  stale: boolean;
  busy: boolean;
  empty: string;
  onOpen(entry: FileEntry): void;
  onUp(): void;
  onDownload(entry: FileEntry): void;
}

const opensAsFolder = (e: FileEntry): boolean => e.kind === 'dir' || (e.kind === 'symlink' && e.linkToDir !== false);

function formatTime(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Folders open on double-click or Enter (a keyboard click has `detail` 0). A single click only
 * focuses, so the second click of a double-click cannot land on a row of the folder just opened.
 */
function openHandlers(open: () => void): { onClick(e: MouseEvent): void; onDoubleClick(): void } {
  return {
    onClick: (e) => {
      if (e.detail === 0) open();
    },
    onDoubleClick: open,
  };
}

function NameCell({ entry, onOpen }: { entry: FileEntry; onOpen(entry: FileEntry): void }) {
  const shown = entry.name.replace(/\n/g, '↵');
  const link = entry.kind === 'symlink' ? <span className="cf-link-target faint"> → {entry.linkTarget}</span> : null;
  if (opensAsFolder(entry)) {
    return (
      <button
        type="button"
        className="cf-name cf-name--folder"
        title="Double-click or Enter to open"
        {...openHandlers(() => onOpen(entry))}
      >
        <EntryIcon entry={entry} />
        <span className="cf-name-text mono">{shown}</span>
        {link}
      </button>
    );
  }
  return (
    <span className="cf-name" title={entry.name}>
      <EntryIcon entry={entry} />
      <span className="cf-name-text mono">{shown}</span>
      {link}
    </span>
  );
}

/** The entries of one folder, folders first; virtualized, so a folder of thousands stays fast. */
export function FilesTable({ rows, label, stale, busy, empty, onOpen, onUp, onDownload }: FilesTableProps) {
  const columns: readonly Column<FileRow>[] = [
    {
      key: 'name',
      header: 'Name',
      minWidth: 160,
      grow: 3,
      cell: (r) =>
        r.kind === 'up' ? (
          <button
            type="button"
            className="cf-name cf-name--folder"
            aria-label="Up to the parent folder"
            title="Double-click or Enter to go up"
            {...openHandlers(onUp)}
          >
            <UpIcon className="cf-icon cf-icon--dir" />
            <span className="cf-name-text mono">..</span>
          </button>
        ) : (
          <NameCell entry={r.entry} onOpen={onOpen} />
        ),
    },
    {
      key: 'size',
      header: 'Size',
      minWidth: 64,
      grow: 0,
      align: 'end',
      cell: (r) => (r.kind === 'entry' && r.entry.kind === 'file' ? formatSize(r.entry.size) : ''),
    },
    {
      key: 'mode',
      header: 'Mode',
      minWidth: 88,
      grow: 0,
      priority: 2,
      cell: (r) => (r.kind === 'entry' ? <span className="mono faint">{modeText(r.entry.kind, r.entry.mode)}</span> : ''),
    },
    {
      key: 'mtime',
      header: 'Modified',
      minWidth: 118,
      grow: 0,
      priority: 1,
      cell: (r) => (r.kind === 'entry' ? <span className="muted">{formatTime(r.entry.mtime)}</span> : ''),
    },
    {
      key: 'actions',
      header: '',
      minWidth: 30,
      grow: 0,
      align: 'end',
      cell: (r) =>
        r.kind === 'entry' && r.entry.kind !== 'other' ? (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Download ${r.entry.name}`}
            title={r.entry.kind === 'file' ? 'Download' : r.entry.kind === 'dir' ? 'Download as .tar' : 'Download what the link points to'}
            disabled={busy}
            onClick={() => onDownload(r.entry)}
          >
            <DownloadIcon />
          </button>
        ) : null,
    },
  ];
  return (
    <VirtualTable
      label={label}
      columns={columns}
      rows={rows}
      rowKey={(r) => (r.kind === 'up' ? '..' : `e:${r.entry.name}`)}
      rowLabel={(r) => (r.kind === 'up' ? '..' : r.entry.name)}
      rowClassName={(r) => (r.kind === 'up' || opensAsFolder(r.entry) ? 'cf-row cf-row--folder' : 'cf-row')}
      rowHeight={32}
      empty={empty}
      stale={stale}
    />
  );
}
