import { useStore } from 'zustand';
import { RelativeTime } from '../../components/relative-time.js';
import { formatSize } from '../../lib/format-size.js';
import { shortId } from '../../lib/short-id.js';
import type { DetailTab } from './image-tools-stores.js';
import type { HistoryEntry, ImageInspectSummary } from './image-tool-types.js';
import { useImageTools } from './use-image-tools.js';

const tabs: ReadonlyArray<{ id: DetailTab; label: string }> = [
  { id: 'layers', label: 'Layers' },
  { id: 'relations', label: 'Relations' },
  { id: 'inspect', label: 'Inspect' },
];

function Status({ loading, error }: { loading: boolean; error: string | null }) {
  if (error) return <p className="im-field-error">{error}</p>;
  if (loading) return <p className="muted">Loading…</p>;
  return null;
}

function LayerFilesView() {
  const { detail } = useImageTools();
  const lf = useStore(detail, (s) => s.layerFiles);
  if (!lf.diffId) return null;
  return (
    <section className="layer-files" aria-label="Layer files">
      <div className="layer-files-head">
        <strong>Files in layer</strong> <span className="mono faint">{lf.diffId.slice(7, 19)}</span>
        <button type="button" className="btn btn--small" onClick={() => void detail.getState().showLayerFiles(null)}>
          Hide files
        </button>
      </div>
      <Status loading={lf.loading} error={lf.error} />
      {lf.value ? (
        <>
          <p className="faint">
            {lf.value.totalEntries} entries{lf.value.truncated ? `, first ${lf.value.files.length} shown` : ''}
          </p>
          <ul className="file-list">
            {lf.value.files.map((f) => (
              <li key={f.path} className={`file file--${f.change}`}>
                <span className="file-change">{f.change === 'added' ? '+' : f.change === 'removed' ? '−' : '~'}</span>
                <span className="mono">
                  {f.path}
                  {f.type === 'directory' ? '/' : ''}
                  {f.linkTarget ? ` → ${f.linkTarget}` : ''}
                </span>
                <span className="mono faint">{f.type === 'file' ? formatSize(f.size) : ''}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function LayerRow({ entry, index }: { entry: HistoryEntry; index: number }) {
  const { detail } = useImageTools();
  const chosen = useStore(detail, (s) => s.layerFiles.diffId);
  const empty = entry.size === 0 && entry.diffId === null;
  return (
    <li
      className={`layer${empty ? ' layer--meta' : ''}${entry.sharedWith.length > 0 ? ' layer--shared' : ''}`}
      aria-label={`Layer ${index + 1}`}
    >
      <div className="layer-main">
        <code className="layer-instr" title={entry.createdBy}>
          {entry.instruction}
        </code>
        <span className="mono layer-size">{empty ? '—' : formatSize(entry.size)}</span>
      </div>
      <div className="layer-meta faint">
        <RelativeTime unixSeconds={entry.created} />
        {entry.imageId ? <span className="mono"> · {shortId(entry.imageId)}</span> : null}
        {entry.sharedWith.length > 0 ? (
          <span className="layer-share" title={entry.sharedWith.join('\n')}>
            {' '}
            · shared with {entry.sharedWith.slice(0, 2).join(', ')}
            {entry.sharedWith.length > 2 ? ` +${entry.sharedWith.length - 2}` : ''}
          </span>
        ) : null}
        {entry.diffId ? (
          <button
            type="button"
            className="link-btn"
            aria-pressed={chosen === entry.diffId}
            onClick={() => void detail.getState().showLayerFiles(chosen === entry.diffId ? null : entry.diffId)}
          >
            {chosen === entry.diffId ? 'hide files' : 'files'}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function LayersTab() {
  const { detail } = useImageTools();
  const h = useStore(detail, (s) => s.history);
  return (
    <div>
      <Status loading={h.loading} error={h.error} />
      {h.value ? (
        <>
          <p className="layer-totals">
            <span>
              Total <strong>{formatSize(h.value.totalSize)}</strong>
            </span>
            {h.value.uniqueSize !== null ? (
              <span>
                only this image <strong>{formatSize(h.value.uniqueSize)}</strong>
              </span>
            ) : null}
            {h.value.sharedSize !== null ? (
              <span>
                shared <strong>{formatSize(h.value.sharedSize)}</strong>
              </span>
            ) : null}
          </p>
          <p className="hint">
            Newest layer on top. Layers shared with other images are stored once: removing this image frees only its own.
          </p>
          <ol className="layer-stack" aria-label="Layers">
            {h.value.entries.map((e, i) => (
              <LayerRow key={`${i}-${e.createdBy}`} entry={e} index={i} />
            ))}
          </ol>
          <LayerFilesView />
        </>
      ) : null}
    </div>
  );
}

function RelationsTab() {
  const { detail } = useImageTools();
  const r = useStore(detail, (s) => s.relations);
  const name = (i: { id: string; repoTags: readonly string[] }): string => i.repoTags[0] ?? shortId(i.id);
  return (
    <div className="relations">
      <Status loading={r.loading} error={r.error} />
      {r.value ? (
        <>
          <h3>Containers made from it</h3>
          {r.value.containers.length === 0 ? <p className="muted">None.</p> : null}
          <ul aria-label="Containers made from it">
            {r.value.containers.map((c) => (
              <li key={c.id}>
                <span className="mono">{c.name}</span> <span className="faint">{c.state}</span>
              </li>
            ))}
          </ul>
          <h3>Built on</h3>
          {r.value.bases.length === 0 ? <p className="muted">No local base image.</p> : null}
          <ul aria-label="Base images">
            {r.value.bases.map((b) => (
              <li key={b.id} className="mono">
                {name(b)}
              </li>
            ))}
          </ul>
          <h3>Images built on it</h3>
          {r.value.children.length === 0 ? <p className="muted">None.</p> : null}
          <ul aria-label="Images built on it">
            {r.value.children.map((c) => (
              <li key={c.id} className="mono">
                {name(c)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function KV({ k, children }: { k: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

const words = (list: readonly string[]): string => (list.length === 0 ? '—' : JSON.stringify(list));

function Summary({ s }: { s: ImageInspectSummary }) {
  return (
    <dl className="im-kv">
      <KV k="Entrypoint">
        <code>{words(s.entrypoint)}</code>
      </KV>
      <KV k="Cmd">
        <code>{words(s.cmd)}</code>
      </KV>
      <KV k="Working dir">{s.workingDir || '—'}</KV>
      <KV k="User">{s.user || 'root (default)'}</KV>
      <KV k="Env">
        {s.env.length === 0 ? (
          '—'
        ) : (
          <ul className="im-plain">
            {s.env.map((e) => (
              <li key={e.name} className="mono">
                {e.name}={e.value}
              </li>
            ))}
          </ul>
        )}
      </KV>
      <KV k="Exposed ports">{s.exposedPorts.length ? s.exposedPorts.join(', ') : '—'}</KV>
      <KV k="Volumes">{s.volumes.length ? s.volumes.join(', ') : '—'}</KV>
      <KV k="Labels">
        {Object.keys(s.labels).length === 0 ? (
          '—'
        ) : (
          <ul className="im-plain">
            {Object.entries(s.labels).map(([k, v]) => (
              <li key={k} className="mono">
                {k}={v}
              </li>
            ))}
          </ul>
        )}
      </KV>
      <KV k="Platform">
        {s.os}/{s.architecture}
        {s.variant ? `/${s.variant}` : ''}
      </KV>
      <KV k="Created">{s.created}</KV>
      <KV k="Layers">{s.layers}</KV>
      <KV k="Size">{formatSize(s.size)}</KV>
      {s.repoDigests.length > 0 ? <KV k="Digests">{s.repoDigests.join(', ')}</KV> : null}
    </dl>
  );
}

function InspectTab() {
  const { detail } = useImageTools();
  const i = useStore(detail, (s) => s.inspect);
  return (
    <div>
      <Status loading={i.loading} error={i.error} />
      {i.value ? (
        <>
          <Summary s={i.value.summary} />
          <details className="im-json">
            <summary>Full inspect JSON</summary>
            <pre className="mono">{JSON.stringify(i.value.document, null, 2)}</pre>
          </details>
        </>
      ) : null}
    </div>
  );
}

export function ImageDetailPane() {
  const { detail } = useImageTools();
  const selected = useStore(detail, (s) => s.selected);
  const tab = useStore(detail, (s) => s.tab);
  if (!selected) return null;
  return (
    <aside className="im-detail" aria-label={`Image ${selected.label}`}>
      <header className="im-detail-head">
        <h2 className="mono" title={`${selected.label}\n${selected.imageId}`}>
          {selected.label}
        </h2>
        <button type="button" className="btn btn--small" aria-label="Close image details" onClick={() => detail.getState().close()}>
          Close
        </button>
      </header>
      <div role="tablist" className="im-tabs" aria-label="Image details">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className="im-tab"
            onClick={() => detail.getState().setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="im-detail-body" aria-label={tabs.find((t) => t.id === tab)?.label}>
        {tab === 'layers' ? <LayersTab /> : tab === 'relations' ? <RelationsTab /> : <InspectTab />}
      </div>
    </aside>
  );
}
