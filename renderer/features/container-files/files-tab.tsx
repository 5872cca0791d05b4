import './files.css';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { formatPipeline } from '../../../shared/shell-command.js';
import { useStores } from '../../app/stores-context.js';
import { formatSize } from '../../lib/format-size.js';
import { UploadIcon, UpIcon } from './file-icons.js';
import { sortEntries } from './file-mode-text.js';
import { createContainerFilesStore, type ContainerFilesStore } from './container-files-store.js';
import { FilesTable, type FileRow } from './files-table.js';
import { PathBar } from './path-bar.js';
import { ReplaceDialog } from './replace-dialog.js';
import { pickedFromFile, saveWithAnchor } from './save-download.js';

/** The folder last shown per container, so switching tabs and back returns to it. */
const lastPaths = new Map<string, string>();

/** The container's filesystem: browse, download a file or folder, upload files (the archive API). */
export function FilesTab({ id, name, running }: { id: string; name: string; running: boolean }) {
  const { client, activity } = useStores();
  const files = useMemo(
    () =>
      createContainerFilesStore({
        client,
        activity,
        containerId: id,
        containerName: name,
        save: saveWithAnchor,
        initialPath: lastPaths.get(id),
      }),
    [client, activity, id, name],
  );
  useEffect(() => {
    void files.getState().open(files.getState().path);
    const forget = files.subscribe((s) => {
      if (s.listing) lastPaths.set(id, s.listing.path);
    });
    return () => {
      forget();
      files.getState().dispose();
    };
  }, [files, id]);
  // Running or not decides how the folder is listed (exec or archive): list again when it changes.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void files.getState().refresh();
  }, [files, running]);
  return <FilesView files={files} name={name} />;
}

function FilesView({ files, name }: { files: ContainerFilesStore; name: string }) {
  const s = useStore(files);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const rows = useMemo<FileRow[]>(() => {
    const entries = sortEntries(s.listing?.entries ?? []).map((entry): FileRow => ({ kind: 'entry', entry }));
    return s.listing && s.listing.path !== '/' ? [{ kind: 'up' }, ...entries] : entries;
  }, [s.listing]);
  const listed = s.listing?.path ?? s.path;
  const busy = s.transfer !== null;

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const dropped = [...e.dataTransfer.files];
    if (dropped.length > 0) void files.getState().upload(dropped.map(pickedFromFile));
  };

  return (
    <div className="cf-files">
      <div className="cd-detail-toolbar">
        <button type="button" className="btn btn--small" disabled={listed === '/'} onClick={() => void s.up()}>
          <UpIcon /> Up
        </button>
        <button type="button" className="btn btn--small" onClick={() => void s.refresh()}>
          Refresh
        </button>
        <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => input.current?.click()}>
          <UploadIcon /> Upload…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Upload files"
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])].map(pickedFromFile);
            e.currentTarget.value = '';
            void files.getState().upload(picked);
          }}
        />
        <span className="cd-spacer" />
        <span className="faint">{s.loading ? 'Loading…' : s.listing ? `${s.listing.entries.length} entries` : ''}</span>
        <code
          className="faint"
          title={s.listing?.method === 'archive' ? 'Listed through the archive API (the container is not running)' : undefined}
        >
          {s.listing?.method === 'archive'
            ? formatPipeline([
                ['docker', 'cp', `${name}:${listed}`, '-'],
                ['tar', '-t'],
              ])
            : cliEquivalent('files.list', { id: name, path: listed })}
        </code>
      </div>
      <PathBar path={listed} invalid={s.error !== null} onOpen={(p) => void s.open(p)} />
      {s.error ? (
        <div role="alert" className="banner banner--error">
          {s.error}
        </div>
      ) : null}
      {s.listing?.partial ? (
        <div role="status" className="banner cf-banner-warn">
          Partial listing: {s.listing.partial}
        </div>
      ) : null}
      {s.transfer ? (
        <div role="status" className="cf-transfer">
          <span>
            {s.transfer.kind === 'upload' ? 'Uploading' : 'Downloading'} <span className="mono">{s.transfer.label}</span> ·{' '}
            {formatSize(s.transfer.done)}
            {s.transfer.total !== null ? ` of ${formatSize(s.transfer.total)}` : ''}
          </span>
          <progress
            aria-label={`${s.transfer.kind === 'upload' ? 'Upload' : 'Download'} progress`}
            max={s.transfer.total ?? undefined}
            value={s.transfer.total !== null ? s.transfer.done : undefined}
          />
        </div>
      ) : null}
      {s.transferError ? (
        <div role="alert" className="banner banner--error cf-dismissable">
          <span>{s.transferError}</span>
          <button type="button" className="btn btn--small" onClick={() => s.dismissTransferError()}>
            Dismiss
          </button>
        </div>
      ) : null}
      {s.notice && !s.transfer ? (
        <div role="status" className="banner banner--ok">
          {s.notice}
        </div>
      ) : null}
      <div
        className={`cf-drop${dragging ? ' cf-drop--active' : ''}`}
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <FilesTable
          rows={rows}
          label={`Files in ${listed}`}
          stale={s.loading}
          busy={busy}
          empty={s.listing ? 'This folder is empty. Drop files here to upload them.' : s.loading ? 'Loading…' : ''}
          onOpen={(entry) => void s.openEntry(entry)}
          onUp={() => void s.up()}
          onDownload={(entry) => void s.download(entry)}
        />
        {dragging ? (
          <div className="cf-drop-hint" aria-hidden="true">
            Drop to upload into <span className="mono">{listed}</span>
          </div>
        ) : null}
      </div>
      {s.replaceRequest ? (
        <ReplaceDialog
          names={s.replaceRequest.names}
          dir={listed}
          onReplace={() => void s.confirmReplace()}
          onCancel={() => s.cancelReplace()}
        />
      ) : null}
    </div>
  );
}
