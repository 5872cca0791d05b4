import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatSize } from '../../lib/format-size.js';
import { removeLine, shortVolumeName, toVolumeRow } from './volume-rows.js';
import { useVolumeTools } from './use-volume-tools.js';

/** Prune unused: exactly the volumes no container mounts, listed first; removed by name after confirming. */
export function VolumePrunePanel() {
  const { prune, sizes } = useVolumeTools();
  const s = useStore(prune, (x) => x);
  const measured = useStore(sizes, (x) => x.sizes);
  const close = (): void => prune.getState().close();
  const names = s.preview?.map((v) => v.name) ?? [];
  const knownBytes = names.reduce((sum, n) => sum + (measured[n] ?? 0), 0);
  const removed = s.results?.filter((r) => r.removed) ?? [];
  const refused = s.results?.filter((r) => !r.removed) ?? [];
  return (
    <section className="ipanel" aria-label="Prune unused volumes">
      <div className="ipanel-head">
        <h2>Prune unused volumes</h2>
        <span className="faint">
          Same as <code title={removeLine(names).full}>{names.length > 0 ? removeLine(names).text : cliEquivalent('volumes.prunePreview', {})}</code>
        </span>
      </div>
      <p className="hint">
        Unused means no container mounts it, running or stopped. Their files are deleted for good. Berth removes exactly the volumes listed here, by name; one a
        container takes up in the meantime is refused by the engine and kept.
      </p>
      {s.phase === 'loading' ? <p className="muted">Looking for unused volumes…</p> : null}
      {s.phase === 'error' ? (
        <p className="im-field-error" role="alert">
          {s.error}
        </p>
      ) : null}
      {s.preview && (s.phase === 'preview' || s.phase === 'removing') ? (
        s.preview.length === 0 ? (
          <p role="status">Nothing to prune: every volume is used by a container.</p>
        ) : (
          <>
            <p role="status">
              <strong>
                {s.preview.length} unused {s.preview.length === 1 ? 'volume' : 'volumes'}
              </strong>{' '}
              would be removed{knownBytes > 0 ? <>, freeing at least <strong>{formatSize(knownBytes)}</strong></> : ''}.
            </p>
            <ul className="prune-list vol-list vol-prune-list" aria-label="Volumes to prune">
              {s.preview.map((v) => {
                const row = toVolumeRow(v);
                return (
                  <li key={v.name}>
                    <span className="mono" title={v.name}>
                      {row.shortName}
                    </span>
                    <span className="muted">{row.created !== null ? <RelativeTime unixSeconds={row.created} /> : ''}</span>
                    <span className="faint">{row.project ? `compose: ${row.project}` : v.driver}</span>
                    <span className="mono">{measured[v.name] != null ? formatSize(measured[v.name] ?? 0) : ''}</span>
                  </li>
                );
              })}
            </ul>
          </>
        )
      ) : null}
      {s.phase === 'done' && s.results ? (
        <>
          <p role="status">
            Removed <strong>{removed.length}</strong> {removed.length === 1 ? 'volume' : 'volumes'}
            {refused.length > 0 ? `; ${refused.length} refused` : ''}.
          </p>
          <ul className="prune-list vol-list" aria-label="Prune results">
            {s.results.map((r) => (
              <li key={r.name}>
                <span className="mono" title={r.name}>
                  {shortVolumeName(r.name)}
                </span>
                <span className={`vol-outcome ${r.removed ? 'vol-outcome--ok' : 'vol-outcome--failed'}`}>{r.removed ? 'removed' : `kept: ${r.error ?? 'refused'}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={close}>
          {s.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
        {s.phase === 'preview' || s.phase === 'removing' ? (
          <button type="button" className="btn btn--danger" disabled={s.phase === 'removing' || names.length === 0} onClick={() => void prune.getState().confirm()}>
            {s.phase === 'removing' ? 'Removing…' : `Remove ${names.length} unused`}
          </button>
        ) : null}
      </div>
    </section>
  );
}
