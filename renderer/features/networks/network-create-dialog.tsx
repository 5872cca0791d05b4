import { useId, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../../components/dialog.js';
import { checkDraft, type DraftField } from './network-draft.js';
import { useNetworkTools } from './use-network-tools.js';
import { SameAsCommand, EngineRefusal } from '../../components/same-as-command.js';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="net-field-error" role="alert">
      {message}
    </span>
  );
}

function Field({
  label,
  error,
  errorId,
  children,
  hint,
}: {
  label: string;
  error: string | undefined;
  errorId: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <label className={`im-field net-field${error ? ' net-field--invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {hint && !error ? <span className="faint net-field-hint">{hint}</span> : null}
      <FieldError id={errorId} message={error} />
    </label>
  );
}

/** `docker network create` as a form: each field checked as typed, the engine's refusal beside its field. */
export function CreateNetworkDialog() {
  const { create } = useNetworkTools();
  const s = useStore(create, (x) => x);
  const ids = { name: useId(), subnet: useId(), gateway: useId(), labels: useId() };
  const checked = useMemo(() => checkDraft(s.draft), [s.draft]);
  const a = create.getState();
  const { draft } = s;
  /** A field's message: the engine's refusal about it, else the local check once the field has text (or after submit). */
  const errorOf = (field: DraftField): string | undefined => {
    if (s.engineError?.field === field) return s.engineError.message;
    const filled = field === 'labels' ? draft.labels.trim() !== '' : draft[field].trim() !== '';
    return filled || s.submitted ? checked.errors[field] : undefined;
  };
  const input = (field: 'name' | 'subnet' | 'gateway', placeholder: string) => (
    <input
      className="input mono"
      value={draft[field]}
      placeholder={placeholder}
      spellCheck={false}
      autoFocus={field === 'name'}
      aria-invalid={errorOf(field) !== undefined}
      aria-describedby={errorOf(field) ? ids[field] : undefined}
      onChange={(e) => a.update({ [field]: e.currentTarget.value })}
    />
  );
  return (
    <Dialog
      title="Create network"
      className="net-dialog net-create"
      noValidate
      submitLabel="Create"
      busyLabel="Creating…"
      busy={s.busy}
      onCancel={() => a.close()}
      onSubmit={() => void a.submit()}
    >
      <p className="faint">
        A user-defined bridge network: containers on it reach each other by name through Docker’s DNS, and the outside world through NAT
        unless it is internal.
      </p>
      <Field label="Name" error={errorOf('name')} errorId={ids.name}>
        {input('name', 'robot-net')}
      </Field>
      <label className="im-field net-field">
        <span>Driver</span>
        <select className="input" value="bridge" disabled aria-describedby={`${ids.name}-driver`}>
          <option value="bridge">bridge</option>
        </select>
        <span id={`${ids.name}-driver`} className="faint net-field-hint">
          bridge: a private network on this machine. For a container on the computer’s own network, run it with --network host instead.
        </span>
      </label>
      <div className="net-grid">
        <Field label="Subnet (optional)" error={errorOf('subnet')} errorId={ids.subnet} hint="Empty: the engine picks a free one">
          {input('subnet', '172.30.0.0/16')}
        </Field>
        <Field label="Gateway (optional)" error={errorOf('gateway')} errorId={ids.gateway} hint="Empty: the first address of the subnet">
          {input('gateway', '172.30.0.1')}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.internal} onChange={(e) => a.update({ internal: e.currentTarget.checked })} />
        Internal: no route outside, containers reach only each other
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.attachable} onChange={(e) => a.update({ attachable: e.currentTarget.checked })} />
        Attachable (lets standalone containers join a swarm network; no effect on a bridge)
      </label>
      <Field label="Labels (one key=value a line, optional)" error={errorOf('labels')} errorId={ids.labels}>
        <textarea
          className="input mono net-labels"
          rows={2}
          value={draft.labels}
          spellCheck={false}
          placeholder="team=navigation"
          aria-invalid={errorOf('labels') !== undefined}
          onChange={(e) => a.update({ labels: e.currentTarget.value })}
        />
      </Field>
      {s.engineError?.field === 'form' ? <EngineRefusal message={s.engineError.message} /> : null}
      <SameAsCommand command={checked.command} label="Command line" />
    </Dialog>
  );
}
