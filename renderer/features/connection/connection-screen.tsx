import './connection.css';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { AlertIcon, KeyIcon, PlugIcon } from '../../components/icons.js';
import type { ConnectionScreenModel } from './connection-view-model.js';
import { TokenSignIn } from './token-sign-in.js';

/** Shows `backticked` parts of a hint as code. */
function withCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** The whole window while Berth or the engine cannot be reached: what is wrong, how to fix it, Retry. */
export function ConnectionScreen({ model }: { model: ConnectionScreenModel }) {
  const { connection } = useStores();
  const retrying = useStore(connection, (s) => s.retrying);
  const busy = model.kind === 'link-connecting' || model.kind === 'engine-connecting';
  const Icon = model.kind === 'unauthorized' ? KeyIcon : model.kind === 'link-lost' ? PlugIcon : AlertIcon;

  return (
    <section className={`conn-screen conn-screen--${model.kind}`} aria-labelledby="conn-screen-title">
      <div className="conn-card">
        <div className="conn-icon" aria-hidden="true">
          {busy ? <span className="spinner" /> : <Icon width={28} height={28} />}
        </div>
        <h1 id="conn-screen-title">{model.title}</h1>
        {model.problem ? <p className="conn-problem">{model.problem}</p> : null}
        {model.hint ? <p className="conn-hint">{withCode(model.hint)}</p> : null}
        {model.endpoint ? (
          <dl className="conn-facts">
            <dt>Endpoint</dt>
            <dd className="mono">{model.endpoint}</dd>
          </dl>
        ) : null}
        {model.kind === 'unauthorized' ? <TokenSignIn /> : null}
        <div className="conn-actions">
          {model.canRetry ? (
            <button type="button" className="btn btn--primary" disabled={retrying} onClick={() => void connection.getState().retry()}>
              {retrying ? 'Retrying…' : 'Retry'}
            </button>
          ) : null}
          {model.canReload ? (
            <button type="button" className="btn" onClick={() => window.location.reload()}>
              Reload page
            </button>
          ) : null}
        </div>
        {model.kind === 'engine-down' ? <p className="conn-foot faint">Berth also retries by itself in the background.</p> : null}
      </div>
    </section>
  );
}
