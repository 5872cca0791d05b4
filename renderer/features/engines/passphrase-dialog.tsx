import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { isRetry, passphraseStore } from './passphrase-store.js';

/** Asks for an SSH key's passphrase when ssh needs it to reach an engine; nothing when no question waits. */
export function PassphraseDialog() {
  const store = useStores().features.get(passphraseStore);
  const prompt = useStore(store, (s) => s.prompts[0]);
  const retry = useStore(store, (s) => (prompt ? isRetry(s, prompt) : false));
  const busy = useStore(store, (s) => s.busy);
  if (!prompt) return null;
  // Keyed by the question, so each one starts with an empty field.
  return (
    <PassphraseForm
      key={prompt.promptId}
      promptId={prompt.promptId}
      keyFile={prompt.keyFile}
      engineName={prompt.engineName}
      destination={prompt.destination}
      canKeep={prompt.canKeep === true}
      retry={retry}
      busy={busy}
    />
  );
}

function PassphraseForm(props: {
  promptId: string;
  keyFile: string;
  engineName: string;
  destination: string;
  /** The desktop app with a working OS keyring: the passphrase may be kept for the next runs. */
  canKeep: boolean;
  retry: boolean;
  busy: boolean;
}) {
  const store = useStores().features.get(passphraseStore);
  const [passphrase, setPassphrase] = useState('');
  const [keep, setKeep] = useState(false);
  const inputId = useId();
  const keepId = useId();
  return (
    <Dialog
      title={`Passphrase for key ${props.keyFile} to reach ${props.engineName}`}
      submitLabel="Connect"
      busyLabel="Connecting…"
      busy={props.busy}
      submitDisabled={passphrase.length === 0}
      onSubmit={() => void store.getState().answer(props.promptId, passphrase, props.canKeep && keep)}
      onCancel={() => void store.getState().answer(props.promptId, undefined)}
      className="passphrase-dialog"
      formLabel="SSH key passphrase"
    >
      {props.retry ? (
        <p role="alert" className="field-error">
          That passphrase was wrong: try again.
        </p>
      ) : null}
      <p>
        ssh needs this key’s passphrase to reach {props.destination}.{' '}
        {props.canKeep && keep
          ? 'Berth keeps it sealed with your OS keyring, for the next runs too; a wrong one is forgotten.'
          : 'Berth keeps it in memory for this session only.'}
      </p>
      <label htmlFor={inputId}>Passphrase</label>
      <input
        id={inputId}
        type="password"
        autoComplete="off"
        autoFocus
        value={passphrase}
        onChange={(e) => setPassphrase(e.currentTarget.value)}
      />
      {props.canKeep ? (
        <label htmlFor={keepId} className="passphrase-keep">
          <input id={keepId} type="checkbox" checked={keep} onChange={(e) => setKeep(e.currentTarget.checked)} /> Keep it in the OS keyring
        </label>
      ) : null}
    </Dialog>
  );
}
