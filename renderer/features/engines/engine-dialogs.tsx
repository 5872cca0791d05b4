import { useStore } from 'zustand';
import { Dialog } from '../../components/dialog.js';
import type { FleetEngine } from '../../../shared/engines-contract.js';
import type { EnginesStore } from './engines-store.js';

/** Asks before forgetting a saved engine: nothing on the engine changes, but Berth's streams and terminals on it end. */
export function RemoveEngineDialog({ engines, engine, onClose }: { engines: EnginesStore; engine: FleetEngine; onClose(): void }) {
  const error = useStore(engines, (s) => (s.actionError?.id === engine.spec.id ? s.actionError.message : undefined));
  return (
    <Dialog
      title={`Remove ${engine.spec.name} from Berth?`}
      danger
      describedByBody
      onCancel={onClose}
      onSubmit={() =>
        void engines
          .getState()
          .remove(engine.spec.id)
          .then((ok) => ok && onClose())
      }
      submitLabel="Remove"
      refusal={error}
    >
      <p>
        Berth forgets <code>{engine.spec.host}</code> and closes what it has open there (terminals, logs, transfers). The engine and its
        containers are not touched; you can add it again later.
      </p>
    </Dialog>
  );
}

/** Shows an unknown SSH host key with its fingerprint: trusted only when the user says so, never silently. */
export function HostKeyDialog({ engines, engine, onClose }: { engines: EnginesStore; engine: FleetEngine; onClose(): void }) {
  const key = engine.unknownHostKey;
  const error = useStore(engines, (s) => (s.actionError?.id === engine.spec.id ? s.actionError.message : undefined));
  if (!key) return null;
  return (
    <Dialog
      title={`Trust the host key of ${key.host}?`}
      describedByBody
      onCancel={onClose}
      onSubmit={() =>
        void engines
          .getState()
          .acceptHostKey(engine.spec.id, key.fingerprint)
          .then((ok) => ok && onClose())
      }
      submitLabel="Trust this key"
      refusal={error}
    >
      <p>
        <code>{key.host}</code> is not in your known_hosts. It shows this {key.keyType ?? ''} key:
      </p>
      <p className="engine-fingerprint mono">{key.fingerprint}</p>
      <p className="faint">
        Check it on the machine itself (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before trusting it. Berth then adds
        it to known_hosts, as ssh would after you answer yes; a key that changes later is refused.
      </p>
    </Dialog>
  );
}
