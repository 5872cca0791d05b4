import { useStore } from 'zustand';
import type { RunFormStore } from './run-form-store.js';
import { errorsUnder, firstErrorUnder, namesOf, type IpcChoice } from './run-form-fields.js';
import { RemoveRowButton, Section, SelectField, TextField, Toggle, errorId } from '../../components/form-fields.js';

interface SectionArgs {
  form: RunFormStore;
  formId: string;
}

/** `--cpus`, `--memory`, `--memory-swap`, `--shm-size`: blank leaves each to the engine. */
export function ResourcesSection({ form, formId }: SectionArgs) {
  const f = useStore(form, (s) => s.fields);
  const errors = useStore(form, (s) => s.errors);
  const set = form.getState().setField;
  return (
    <fieldset className="rf-section">
      <legend className="rf-legend">
        Resources<span className="rf-legend-summary">--cpus --memory --shm-size</span>
      </legend>
      <div className="rf-grid">
        <TextField
          formId={formId}
          field="cpus"
          label="CPUs"
          value={f.cpus}
          error={errors['cpus']}
          placeholder="no limit"
          hint="0.5 is half of one CPU's time"
          mono
          onChange={(v) => set('cpus', v)}
        />
        <TextField
          formId={formId}
          field="memory"
          label="Memory"
          value={f.memory}
          error={errors['memory']}
          placeholder="no limit"
          hint="such as 512m or 2g"
          mono
          onChange={(v) => set('memory', v)}
        />
        <TextField
          formId={formId}
          field="memorySwap"
          label="Memory + swap"
          value={f.memorySwap}
          error={errors['memorySwap']}
          placeholder="twice the memory"
          hint="-1 for unlimited swap"
          mono
          onChange={(v) => set('memorySwap', v)}
        />
        <TextField
          formId={formId}
          field="shmSize"
          label="Shared memory (/dev/shm)"
          value={f.shmSize}
          error={errors['shmSize']}
          placeholder="64m"
          hint="ROS 2 and PyTorch data loaders often need 1g or more"
          mono
          onChange={(v) => set('shmSize', v)}
        />
      </div>
      {f.ipc === 'host' && f.shmSize.trim() ? (
        <p className="rf-hint" role="note">
          With host IPC the container uses the host&apos;s /dev/shm, so the shared memory size is not used.
        </p>
      ) : null}
    </fieldset>
  );
}

const ipcChoices: ReadonlyArray<readonly [IpcChoice, string]> = [
  ['default', 'default'],
  ['host', 'host'],
  ['private', 'private'],
  ['shareable', 'shareable'],
  ['none', 'none'],
];

/** Capabilities the container gets or loses, and the host namespaces it shares. */
export function SecuritySection({ form, formId }: SectionArgs) {
  const f = useStore(form, (s) => s.fields);
  const errors = useStore(form, (s) => s.errors);
  const set = form.getState().setField;
  const broad = namesOf(f.capAdd.toUpperCase()).filter((c) => c === 'ALL' || c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN');
  return (
    <fieldset className="rf-section">
      <legend className="rf-legend">
        Security<span className="rf-legend-summary">--cap-add --cap-drop --ipc --pid</span>
      </legend>
      <div className="rf-grid">
        <TextField
          formId={formId}
          field="capAdd"
          label="Add capabilities"
          value={f.capAdd}
          error={firstErrorUnder(errors, 'capAdd')}
          placeholder="NET_ADMIN SYS_NICE"
          hint="names separated by spaces"
          mono
          onChange={(v) => set('capAdd', v)}
        />
        <TextField
          formId={formId}
          field="capDrop"
          label="Drop capabilities"
          value={f.capDrop}
          error={firstErrorUnder(errors, 'capDrop')}
          placeholder="NET_RAW MKNOD"
          hint="ALL drops every one"
          mono
          onChange={(v) => set('capDrop', v)}
        />
        <SelectField
          label="IPC namespace"
          value={f.ipc}
          options={ipcChoices}
          error={errors['ipc']}
          errorId={errorId(formId, 'ipc')}
          onChange={(v) => set('ipc', v)}
        />
        <div className="rf-field rf-field--toggle">
          <Toggle label="Host PID namespace" hint="--pid host" checked={f.pidHost} onChange={(on) => set('pidHost', on)} />
        </div>
      </div>
      {errors['ipc'] ? (
        <p className="rf-error" id={errorId(formId, 'ipc')}>
          {errors['ipc']}
        </p>
      ) : null}
      {errors['pid'] ? <p className="rf-error">{errors['pid']}</p> : null}
      {broad.length > 0 ? (
        <div className="rf-warning" role="note">
          <strong>{broad.join(' and ')} is close to privileged.</strong> Prefer the one capability the program needs, such as NET_ADMIN for
          network settings or SYS_NICE for real-time priorities.
        </div>
      ) : null}
    </fieldset>
  );
}

/** `--add-host NAME:IP`: lines added to the container's /etc/hosts. */
export function ExtraHostsSection({ form, formId }: SectionArgs) {
  const rows = useStore(form, (s) => s.fields.extraHosts);
  const errors = useStore(form, (s) => s.errors);
  const actions = form.getState();
  return (
    <Section
      formId={formId}
      field="extraHosts"
      title="Extra hosts"
      summary="--add-host NAME:IP"
      errors={errorsUnder(errors, 'extraHosts')}
      addLabel="Add host"
      onAdd={() => actions.addRow('extraHosts')}
      empty={rows.length === 0 ? "Only the image's /etc/hosts and the network's names." : undefined}
    >
      {rows.map((row, i) => (
        <div key={row.id} className="rf-row rf-row--kv">
          <input
            className="rf-input mono"
            aria-label={`Host ${i + 1} name`}
            placeholder="robot.local"
            value={row.host}
            spellCheck={false}
            aria-invalid={errors[`extraHosts.${i}.host`] ? true : undefined}
            onChange={(e) => actions.updateRow('extraHosts', row.id, { host: e.currentTarget.value })}
          />
          <span className="rf-eq">:</span>
          <input
            className="rf-input mono"
            aria-label={`Host ${i + 1} IP`}
            placeholder="127.0.0.1 or host-gateway"
            value={row.ip}
            spellCheck={false}
            aria-invalid={errors[`extraHosts.${i}.ip`] ? true : undefined}
            onChange={(e) => actions.updateRow('extraHosts', row.id, { ip: e.currentTarget.value })}
          />
          <RemoveRowButton label={`Remove host ${i + 1}`} onClick={() => actions.removeRow('extraHosts', row.id)} />
        </div>
      ))}
    </Section>
  );
}
