import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../../components/dialog.js';
import { FieldError, TextField, errorId } from '../../components/form-fields.js';
import { formatCommand } from '../../../shared/shell-command.js';
import type { EngineAddInput } from '../../../shared/engines-contract.js';
import type { EnginesStore } from './engines-store.js';

type EngineKind = 'ssh' | 'tls' | 'loopback';

const kinds: ReadonlyArray<{ kind: EngineKind; label: string; placeholder: string; hint: string }> = [
  {
    kind: 'ssh',
    label: 'SSH',
    placeholder: 'ssh://robot@192.168.1.20',
    hint: 'Through your ssh: keys from ssh-agent or ~/.ssh, aliases from ~/.ssh/config. An unknown host key is shown for you to check first.',
  },
  {
    kind: 'tls',
    label: 'TCP with TLS',
    placeholder: 'tcp://192.168.1.20:2376',
    hint: 'The engine’s --tlsverify port, with the folder the docker CLI would use as DOCKER_CERT_PATH.',
  },
  {
    kind: 'loopback',
    label: 'TCP on this machine',
    placeholder: 'tcp://127.0.0.1:2375',
    hint: 'Plain TCP only on loopback: elsewhere anyone on the network could use the engine, which is root on its machine.',
  },
];

/** What the form describes, as the `docker context create` line that would add the same engine to the CLI. */
function contextCreateLine(input: EngineAddInput): string {
  const name = input.name.trim() || 'NAME';
  const host = input.host.trim() || 'HOST';
  const tls = input.tls;
  const endpoint = tls
    ? `host=${host},ca=${tls.certPath}/ca.pem,cert=${tls.certPath}/cert.pem,key=${tls.certPath}/key.pem${tls.verify ? '' : ',skip-tls-verify=true'}`
    : `host=${host}`;
  return formatCommand(['docker', 'context', 'create', name, '--docker', endpoint]);
}

export function AddEngineDialog({ engines, onClose }: { engines: EnginesStore; onClose(): void }) {
  const formId = useId();
  const busy = useStore(engines, (s) => s.addBusy);
  const error = useStore(engines, (s) => s.addError);
  const [kind, setKind] = useState<EngineKind>('ssh');
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [certPath, setCertPath] = useState('');
  const [verify, setVerify] = useState(true);
  const chosen = kinds.find((k) => k.kind === kind) ?? kinds[0]!;
  const input: EngineAddInput = { name, host, ...(kind === 'tls' ? { tls: { certPath, verify } } : {}) };
  const fieldError = (field: 'name' | 'host' | 'certPath'): string | undefined => (error?.field === field ? error.message : undefined);

  const submit = async (): Promise<void> => {
    const added = await engines.getState().add(input);
    if (added) onClose();
  };
  const close = (): void => {
    engines.getState().clearAddError();
    onClose();
  };

  return (
    <Dialog
      title="Add an engine"
      className="engine-add-dialog"
      formLabel="Add an engine"
      onCancel={close}
      onSubmit={() => void submit()}
      submitLabel="Add engine"
      busyLabel="Adding…"
      busy={busy}
      submitDisabled={name.trim() === '' || host.trim() === '' || (kind === 'tls' && certPath.trim() === '')}
      noValidate
      command={contextCreateLine(input)}
      commandLabel="The same engine as a docker CLI context"
    >
      <fieldset className="engine-kind">
        <legend>Reached over</legend>
        {kinds.map((k) => (
          <label key={k.kind}>
            <input type="radio" name={`${formId}-kind`} checked={kind === k.kind} onChange={() => setKind(k.kind)} /> {k.label}
          </label>
        ))}
      </fieldset>
      <p className="faint engine-kind-hint">{chosen.hint}</p>
      <TextField
        formId={formId}
        field="name"
        label="Name"
        value={name}
        placeholder="robot1"
        autoFocus
        error={fieldError('name')}
        onChange={setName}
      />
      <TextField
        formId={formId}
        field="host"
        label="Address"
        value={host}
        mono
        wide
        placeholder={chosen.placeholder}
        error={fieldError('host')}
        onChange={setHost}
      />
      {kind === 'tls' ? (
        <>
          <TextField
            formId={formId}
            field="certPath"
            label="TLS folder (ca.pem, cert.pem, key.pem)"
            value={certPath}
            mono
            wide
            placeholder="/home/me/.docker/robot1"
            error={fieldError('certPath')}
            onChange={setCertPath}
          />
          <label className="engine-verify">
            <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.currentTarget.checked)} /> Check the engine’s certificate
            against ca.pem (DOCKER_TLS_VERIFY)
          </label>
        </>
      ) : null}
      {error && !error.field ? <FieldError id={errorId(formId, 'form')} message={error.message} /> : null}
    </Dialog>
  );
}
