import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatSize } from '../../lib/format-size.js';
import { hashOf } from '../layout/ui-store.js';
import type { VolumeRow } from './volume-rows.js';
import { useVolumeTools } from './use-volume-tools.js';
// The detail pane and its inspect block look like the Images one (shared classes im-detail, im-json).
import '../images/images-tools.css';
import './volume-user-chips.css';
import './volume-detail.css';

function KeyValues({ label, entries }: { label: string; entries: ReadonlyArray<readonly [string, string]> }) {
  return (
    <section className="vol-detail-section" aria-label={label}>
      <h3>{label}</h3>
      {entries.length === 0 ? (
        <p className="faint">None</p>
      ) : (
        <dl className="vol-kv-list">
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt className="mono">{k}</dt>
              <dd className="mono">{v === '' ? <span className="faint">(empty)</span> : v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** One volume: where it lives, who mounts it (links to Containers), labels, driver options, inspect. */
export function VolumeDetailPane({ volume }: { volume: VolumeRow }) {
  const { ui } = useStores();
  const { detail, sizes, remove } = useVolumeTools();
  const inspect = useStore(detail, (s) => s.inspect);
  const size = useStore(sizes, (s) => s.sizes[volume.name]);
  const measuredAt = useStore(sizes, (s) => s.measuredAt);
  return (
    <aside className="im-detail vol-detail" aria-label={`Volume ${volume.name}`}>
      <header className="im-detail-head">
        <h2 className="mono" title={volume.name}>
          {volume.shortName}
        </h2>
        <button type="button" className="btn btn--small btn--ghost im-btn--danger-ghost" onClick={() => remove.getState().ask([volume])}>
          Remove…
        </button>
        <button type="button" className="btn btn--small" aria-label="Close volume details" onClick={() => detail.getState().close()}>
          Close
        </button>
      </header>
      <div className="im-detail-body vol-detail-body">
        <dl className="vol-facts">
          <div>
            <dt>Name</dt>
            <dd className="mono">{volume.name}</dd>
          </div>
          <div>
            <dt>Driver</dt>
            <dd>
              {volume.driver} <span className="faint">· scope {volume.scope}</span>
            </dd>
          </div>
          <div>
            <dt>Mountpoint</dt>
            <dd className="mono">{volume.mountpoint || '—'}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{volume.created !== null ? <RelativeTime unixSeconds={volume.created} /> : '—'}</dd>
          </div>
          {volume.project ? (
            <div>
              <dt>Compose project</dt>
              <dd>{volume.project}</dd>
            </div>
          ) : null}
          <div>
            <dt>Size</dt>
            <dd>
              {measuredAt === null ? (
                <span className="faint">not measured (Measure sizes)</span>
              ) : size == null ? (
                <span className="faint">unknown</span>
              ) : (
                formatSize(size)
              )}
            </dd>
          </div>
        </dl>
        <section className="vol-detail-section" aria-label="Used by">
          <h3>Used by</h3>
          {volume.usedBy.length === 0 ? (
            <p className="faint">
              {volume.anonymous
                ? 'No container mounts it: “Prune unused” offers it, ticked.'
                : 'No container mounts it: “Prune unused” lists it as a named volume, not ticked.'}
            </p>
          ) : (
            <ul className="vol-users-list">
              {volume.usedBy.map((u) => (
                <li key={u.id}>
                  <a
                    href={hashOf('containers')}
                    className={`vol-user vol-user--${u.state}`}
                    onClick={() => ui.getState().setFilter('containers', u.name)}
                  >
                    <span className="badge-dot" aria-hidden="true" />
                    {u.name}
                  </a>
                  <span className="faint">{u.state}</span>
                  <span className="mono muted">
                    at {u.destination}
                    {u.readOnly ? ' (read-only)' : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <KeyValues label="Labels" entries={Object.entries(volume.labels)} />
        <KeyValues label="Driver options" entries={Object.entries(volume.options)} />
        <details
          className="im-json"
          onToggle={(e) => {
            if (e.currentTarget.open && inspect.value === undefined) void detail.getState().loadInspect();
          }}
        >
          <summary>Inspect JSON (docker volume inspect)</summary>
          {inspect.loading ? <p className="muted">Loading…</p> : null}
          {inspect.error ? <p className="im-field-error">{inspect.error}</p> : null}
          {inspect.value !== undefined ? <pre className="mono">{JSON.stringify(inspect.value, null, 2)}</pre> : null}
        </details>
      </div>
    </aside>
  );
}
