import { useId } from 'react';
import { useStore } from 'zustand';
import { formatPruneListing } from '../../../shared/volume-contract.js';
import type { VolumeRemoval, VolumeSummary } from '../../../shared/volume-types.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatSize } from '../../lib/format-size.js';
import { tickedVolumes } from './volume-prune-store.js';
import { removeLine, shortVolumeName, toVolumeRow } from './volume-rows.js';
import { useVolumeTools } from './use-volume-tools.js';
// The shared look of Berth's tool panels (images-tools.css): the same classes as the Images prune
// panel uses, not copies. Fields, lists and command lines come from the kit (renderer/components).
import '../images/images-tools.css';
import './volume-outcomes.css';
import './volume-prune.css';
import { SameAsCommand } from '../../components/same-as-command.js';

function PruneRow({ volume, named }: { volume: VolumeSummary; named: boolean }) {
  const { prune, sizes } = useVolumeTools();
  const ticked = useStore(prune, (s) => s.ticked.has(volume.name));
  const busy = useStore(prune, (s) => s.phase !== 'preview');
  const size = useStore(sizes, (s) => s.sizes[volume.name]);
  const row = toVolumeRow(volume);
  return (
    <li className={named ? 'vol-prune-row vol-prune-row--named' : 'vol-prune-row'}>
      <label className="vol-prune-pick">
        <input
          type="checkbox"
          checked={ticked}
          disabled={busy}
          aria-label={`Remove ${volume.name}`}
          onChange={() => prune.getState().toggle(volume.name)}
        />
        <span className="mono" title={volume.name}>
          {row.shortName}
        </span>
      </label>
      <span className="muted">{row.created !== null ? <RelativeTime unixSeconds={row.created} /> : ''}</span>
      <span className="faint">{row.project ? `compose: ${row.project}` : volume.driver}</span>
      <span className="mono">{size != null ? formatSize(size) : ''}</span>
      {named ? (
        <span className="vol-prune-warning">
          ⚠ Named volume: someone chose this name, so it may hold data meant to be kept (a database, recordings)
          {row.project ? `; Compose project ${row.project} keeps it on purpose after “compose down”` : ''}.
        </span>
      ) : null}
    </li>
  );
}

function LabelFilter() {
  const { prune } = useVolumeTools();
  const draft = useStore(prune, (s) => s.labelDraft);
  const problem = useStore(prune, (s) => s.labelProblem);
  const busy = useStore(prune, (s) => s.phase === 'removing' || s.phase === 'loading');
  const helpId = useId();
  return (
    <form
      className="vol-prune-filter"
      aria-label="Label filter"
      onSubmit={(e) => {
        e.preventDefault();
        void prune.getState().applyLabel();
      }}
    >
      <label className="im-field">
        <span>Only volumes with the label</span>
        <input
          className="input mono"
          value={draft}
          placeholder="key or key=value (optional)"
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby={helpId}
          onChange={(e) => prune.getState().setLabelDraft(e.currentTarget.value)}
        />
      </label>
      <button type="submit" className="btn btn--small" disabled={busy}>
        Apply filter
      </button>
      <p id={helpId} className={problem ? 'im-field-error' : 'hint'} role={problem ? 'alert' : undefined}>
        {problem ?? 'Narrows the list below to volumes carrying this label (--filter label=…). Empty: every unused volume.'}
      </p>
    </form>
  );
}

function Results({ results }: { results: readonly VolumeRemoval[] }) {
  const removed = results.filter((r) => r.removed).length;
  const kept = results.length - removed;
  return (
    <>
      <p role="status">
        Removed <strong>{removed}</strong> {removed === 1 ? 'volume' : 'volumes'}
        {kept > 0 ? `; ${kept} not removed` : ''}.
      </p>
      <ul className="prune-list vol-list" aria-label="Prune results">
        {results.map((r) => (
          <li key={r.name}>
            <span className="mono" title={r.name}>
              {shortVolumeName(r.name)}
            </span>
            {r.removed ? (
              <span className="vol-outcome vol-outcome--ok">removed</span>
            ) : (
              <span className={`vol-outcome ${r.reason === 'skipped' ? 'vol-outcome--warn' : 'vol-outcome--failed'}`}>
                {r.reason === 'skipped'
                  ? 'skipped'
                  : r.reason === 'not-attempted'
                    ? 'not attempted'
                    : r.reason === 'failed'
                      ? 'unknown'
                      : 'kept'}
                : {r.error}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Prune unused volumes. Anonymous ones (names nobody chose) start ticked; named ones are listed
 * apart, unticked, each with a warning. The command line shows exactly the ticked names.
 */
export function VolumePrunePanel() {
  const { prune, sizes } = useVolumeTools();
  const s = useStore(prune, (x) => x);
  const measured = useStore(sizes, (x) => x.sizes);
  const ticked = tickedVolumes(s);
  const names = ticked.map((v) => v.name);
  const namedTicked = ticked.filter((v) => s.preview?.named.includes(v)).length;
  const knownBytes = names.reduce((sum, n) => sum + (measured[n] ?? 0), 0);
  const line = removeLine(names);
  const showPreview = s.preview !== null && (s.phase === 'preview' || s.phase === 'removing');
  const allNamedTicked = s.preview !== null && s.preview.named.length > 0 && s.preview.named.every((v) => s.ticked.has(v.name));
  return (
    <section className="ipanel vol-prune" aria-label="Prune unused volumes">
      <div className="ipanel-head">
        <h2>Prune unused volumes</h2>
        <span className="faint">
          Listed with <code>{formatPruneListing(s.label ?? undefined)}</code>
        </span>
      </div>
      <p className="hint">
        Unused means no container mounts it, running or stopped. The files of every ticked volume are deleted for good. Just before removing
        each one Berth looks again: one made anew under the same name, or that a container took up, since this list was made is skipped and
        kept.
      </p>
      {s.phase !== 'done' ? <LabelFilter /> : null}
      {s.phase === 'loading' ? <p className="muted">Looking for unused volumes…</p> : null}
      {s.phase === 'error' ? (
        <p className="im-field-error" role="alert">
          {s.error}
        </p>
      ) : null}
      {showPreview && s.preview ? (
        s.preview.anonymous.length + s.preview.named.length === 0 ? (
          <p role="status">
            Nothing to prune: {s.label ? `no unused volume has the label ${s.label}` : 'every volume is used by a container'}.
          </p>
        ) : (
          <>
            <section className="vol-prune-group" aria-label="Anonymous volumes">
              <h3>
                Anonymous ({s.preview.anonymous.length}) <span className="faint">· names the engine made up; start ticked</span>
              </h3>
              {s.preview.anonymous.length === 0 ? (
                <p className="faint">None.</p>
              ) : (
                <ul className="prune-list vol-list vol-prune-list" aria-label="Anonymous volumes to prune">
                  {s.preview.anonymous.map((v) => (
                    <PruneRow key={v.name} volume={v} named={false} />
                  ))}
                </ul>
              )}
            </section>
            {s.preview.named.length > 0 ? (
              <section className="vol-prune-group vol-prune-group--named" aria-label="Named volumes">
                <h3>
                  Named ({s.preview.named.length}) <span className="faint">· start unticked</span>
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    disabled={s.phase !== 'preview'}
                    onClick={() => prune.getState().tickNamed(!allNamedTicked)}
                  >
                    {allNamedTicked ? 'Untick named' : 'Tick all named…'}
                  </button>
                </h3>
                <p className="vol-prune-named-note">
                  <strong>Someone chose each of these names.</strong> No container uses them now, but neither does a database’s volume after{' '}
                  <code>docker compose down</code>. Tick only the ones you know you can lose.
                </p>
                <ul className="prune-list vol-list vol-prune-list" aria-label="Named volumes to prune">
                  {s.preview.named.map((v) => (
                    <PruneRow key={v.name} volume={v} named />
                  ))}
                </ul>
              </section>
            ) : null}
            <p role="status" className="vol-prune-summary">
              <strong>
                {names.length === 0 ? 'Nothing ticked' : `${names.length} ${names.length === 1 ? 'volume' : 'volumes'} ticked`}
              </strong>
              {namedTicked > 0 ? ` (${namedTicked} named)` : ''}
              {names.length > 0 ? ' would be removed' : ''}
              {knownBytes > 0 ? (
                <>
                  , freeing at least <strong>{formatSize(knownBytes)}</strong>
                </>
              ) : (
                ''
              )}
              .
            </p>
            <SameAsCommand command={names.length > 0 ? line.text : '(nothing ticked)'} full={line.full} label="Equivalent command" />
          </>
        )
      ) : null}
      {s.phase === 'done' && s.results ? <Results results={s.results} /> : null}
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={() => prune.getState().close()}>
          {s.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
        {showPreview ? (
          <button
            type="button"
            className="btn btn--danger"
            disabled={s.phase === 'removing' || names.length === 0}
            onClick={() => void prune.getState().confirm()}
          >
            {s.phase === 'removing'
              ? 'Removing…'
              : `Remove ${names.length} ${names.length === 1 ? 'volume' : 'volumes'}${namedTicked > 0 ? ` (${namedTicked} named)` : ''}`}
          </button>
        ) : null}
      </div>
    </section>
  );
}
