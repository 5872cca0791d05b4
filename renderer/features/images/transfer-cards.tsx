import { useState } from 'react';
import { useStore } from 'zustand';
import { streamCliEquivalent } from '../../../shared/contract.js';
import type { FailureReason } from '../../../shared/image-types.js';
import { formatSize } from '../../lib/format-size.js';
import { loginRegistryFor } from './login-prompt.js';
import { layerFraction, layerLabel, overallFraction, aggregateLayers, type Transfer } from './image-transfers-store.js';
import { useImageTools } from './use-image-tools.js';
import { useStores } from '../../app/stores-context.js';
import { errorText } from '../../lib/error-text.js';

/** After a pull: a link to the image it brought (the images list selects it and opens its detail). */
function ShowPulledImage({ reference }: { reference: string }) {
  const { goTo } = useStores();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="tcard-next">
      <button
        type="button"
        className="btn btn--small"
        onClick={() => {
          setProblem(null);
          goTo.image(reference).catch((err: unknown) => setProblem(`Could not find ${reference}: ${errorText(err)}`));
        }}
      >
        Show {reference}
      </button>
      {problem ? (
        <span className="tcard-error" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  );
}

const reasonHint: Record<FailureReason, string> = {
  'invalid-input': 'Check the reference: registry/repository:tag, lowercase.',
  'not-found': 'The registry has no such repository or tag.',
  unauthorized: 'The registry wants credentials, or refused the ones Berth sent: log in, then try again.',
  refused: 'Push to a registry that accepts pushes (this one only serves pulls).',
  unreachable: 'The registry could not be reached: is the address right and the registry running?',
  engine: '',
  'build-step': '',
};

/** "1/2 layers": the layers the engine transfers; the ones it already had are counted apart ("2 already there"). */
function layersLine(done: number, total: number, reused: number): string {
  const toTransfer = total - reused;
  return toTransfer > 0 ? `${done - reused}/${toTransfer} layers` : `${total} layers`;
}

function Bar({ fraction, label, tone }: { fraction: number; label: string; tone?: 'done' | 'failed' | 'reused' }) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div
      className={`pbar${tone ? ` pbar--${tone}` : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="pbar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

function TransferCard({ transfer }: { transfer: Transfer }) {
  const { transfers, accounts, ui } = useImageTools();
  const loginRegistry = transfer.state === 'failed' ? loginRegistryFor(transfer.error, transfer.reference) : null;
  const verb = transfer.kind === 'pull' ? 'Pull' : 'Push';
  const fraction = overallFraction(transfer);
  const counts = aggregateLayers(transfer.layers, transfer.kind);
  const o = transfer.overall;
  const stateText =
    transfer.state === 'running'
      ? `${Math.round(fraction * 100)}%`
      : transfer.state === 'done'
        ? 'Done'
        : transfer.state === 'cancelled'
          ? 'Cancelled'
          : 'Failed';
  return (
    <article className={`tcard tcard--${transfer.state}`} aria-label={`${verb} ${transfer.reference}`}>
      <header className="tcard-head">
        <span className={`tcard-kind tcard-kind--${transfer.kind}`}>{verb}</span>
        <span className="tcard-state" role="status">
          {stateText}
        </span>
        {transfer.state === 'running' ? (
          <button type="button" className="btn btn--small" onClick={() => transfers.getState().cancel(transfer.id)}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="btn btn--small"
            aria-label={`Dismiss ${verb.toLowerCase()} ${transfer.reference}`}
            onClick={() => transfers.getState().dismiss(transfer.id)}
          >
            Dismiss
          </button>
        )}
      </header>
      <div className="mono tcard-ref">{transfer.reference}</div>
      <Bar
        fraction={fraction}
        label={`${verb} ${transfer.reference} overall`}
        tone={transfer.state === 'done' ? 'done' : transfer.state === 'failed' ? 'failed' : undefined}
      />
      <div className="tcard-meta muted">
        {transfer.layers.length === 0
          ? transfer.state === 'running'
            ? 'Contacting the registry…'
            : transfer.state === 'done'
              ? 'No layer to transfer: the engine already had them all'
              : 'No layer transferred'
          : layersLine(o ? o.layersDone : counts.done, o ? o.layersTotal : transfer.layers.length, counts.reused)}
        {o && o.bytesTotal > 0 ? ` · ${formatSize(o.bytesDone)} / ${formatSize(o.bytesTotal)}` : ''}
        {counts.reused > 0 ? ` · ${counts.reused} already there` : ''}
        {transfer.status && transfer.state === 'running' ? ` · ${transfer.status}` : ''}
        {transfer.result ? ` · ${transfer.result}` : ''}
      </div>
      {transfer.state === 'done' && transfer.kind === 'pull' ? <ShowPulledImage reference={transfer.reference} /> : null}
      {transfer.error ? (
        <div className="tcard-error" role="alert">
          <strong>{transfer.error.message}</strong>
          {reasonHint[transfer.error.reason] && !loginRegistry ? <span> {reasonHint[transfer.error.reason]}</span> : null}
          {loginRegistry ? (
            <div className="tcard-error-actions">
              <button
                type="button"
                className="btn btn--small btn--primary"
                onClick={() => {
                  accounts.getState().requestLogin(loginRegistry);
                  ui.getState().setPanel('registries');
                }}
              >
                Log in to {loginRegistry}
              </button>
              <button
                type="button"
                className="btn btn--small"
                aria-label={`Try ${verb.toLowerCase()} ${transfer.reference} again`}
                onClick={() => {
                  transfers.getState().dismiss(transfer.id);
                  if (transfer.kind === 'pull') transfers.getState().pull(transfer.reference);
                  else transfers.getState().push(transfer.reference);
                }}
              >
                Try again
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {transfer.layers.length > 0 ? (
        <ul className="tlayers" aria-label={`Layers of ${transfer.reference}`}>
          {transfer.layers.map((layer) => (
            <li key={layer.id} className="tlayer" aria-label={`Layer ${layer.id}`}>
              <span className="mono faint">{layer.id}</span>
              <Bar
                fraction={layerFraction(layer, transfer.kind)}
                label={`Layer ${layer.id}`}
                tone={
                  layer.phase === 'already-exists' || layer.phase === 'mounted' ? 'reused' : layer.phase === 'complete' ? 'done' : undefined
                }
              />
              <span className="tlayer-phase">{layerLabel(layer, transfer.state)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

export function TransferCards() {
  const { transfers } = useImageTools();
  const list = useStore(transfers, (s) => s.transfers);
  if (list.length === 0) return null;
  return (
    <section className="tcards" aria-label="Pulls and pushes">
      {list.map((t) => (
        <TransferCard key={t.id} transfer={t} />
      ))}
    </section>
  );
}

export function PullPanel({ onClose }: { onClose(): void }) {
  const { transfers } = useImageTools();
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="ipanel ipanel--row"
      aria-label="Pull an image"
      onSubmit={(e) => {
        e.preventDefault();
        const ref = reference.trim();
        if (ref === '') {
          setProblem('An image reference is required, e.g. 127.0.0.1:5000/team/app:1.0');
          return;
        }
        setProblem(null);
        // Even an invalid reference starts a card: the card shows why it failed.
        transfers.getState().pull(ref);
        setReference('');
      }}
    >
      <label className="im-field im-field--grow">
        <span>Image reference</span>
        <input
          className="input mono"
          value={reference}
          placeholder="127.0.0.1:5000/team/app:1.0"
          spellCheck={false}
          autoFocus
          aria-invalid={problem !== null}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
      </label>
      <button type="submit" className="btn btn--primary">
        Pull
      </button>
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
      {problem ? (
        <p className="im-field-error" role="alert">
          {problem}
        </p>
      ) : (
        <p className="hint">
          Each pull gets its own card below; start several at once. Same as{' '}
          <code>{streamCliEquivalent('images.pull', { reference: reference || 'IMAGE' })}</code>.
        </p>
      )}
    </form>
  );
}
