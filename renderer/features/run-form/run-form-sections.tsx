import { useMemo } from 'react';
import { useEngineFeatureOff } from '../engines/use-engine-feature.js';
import { useStore } from 'zustand';
import type { RunFormStore } from './run-form-store.js';
import { hostDevices, hostProblems } from './robot-presets.js';
import { errorsUnder, type FieldErrors } from './run-form-fields.js';
import { RemoveRowButton, Section, SelectField, TextField, Toggle, errorId } from '../../components/form-fields.js';

interface SectionArgs {
  form: RunFormStore;
  formId: string;
}

/** The form's errors, with what the engine's host lacks shown beside its field before Run. */
function useFormErrors(form: RunFormStore): FieldErrors {
  const errors = useStore(form, (s) => s.errors);
  const fields = useStore(form, (s) => s.fields);
  const host = useStore(form, (s) => s.host);
  return useMemo(() => ({ ...hostProblems(fields, host), ...errors }), [errors, fields, host]);
}

function bad(errors: FieldErrors, key: string): true | undefined {
  return errors[key] ? true : undefined;
}

export function BasicsSection({ form, formId, imageListId }: SectionArgs & { imageListId: string }) {
  const f = useStore(form, (s) => s.fields);
  const errors = useFormErrors(form);
  const set = form.getState().setField;
  return (
    <div className="rf-grid">
      <TextField
        formId={formId}
        field="image"
        label="Image"
        value={f.image}
        error={errors['image']}
        placeholder="ros:humble, nginx:latest…"
        list={imageListId}
        mono
        wide
        autoFocus
        onChange={(v) => set('image', v)}
      />
      <TextField
        formId={formId}
        field="name"
        label="Name"
        value={f.name}
        error={errors['name']}
        placeholder="picked by the engine if blank"
        mono
        onChange={(v) => set('name', v)}
      />
      <TextField
        formId={formId}
        field="command"
        label="Command"
        value={f.command}
        error={errors['command']}
        placeholder="the image's CMD if blank"
        mono
        onChange={(v) => set('command', v)}
      />
      <TextField
        formId={formId}
        field="entrypoint"
        label="Entrypoint"
        value={f.entrypoint}
        error={errors['entrypoint']}
        placeholder="the image's ENTRYPOINT if blank"
        mono
        onChange={(v) => set('entrypoint', v)}
      />
      <TextField
        formId={formId}
        field="workdir"
        label="Working directory"
        value={f.workdir}
        error={errors['workdir']}
        placeholder="/app"
        mono
        onChange={(v) => set('workdir', v)}
      />
      <TextField
        formId={formId}
        field="user"
        label="User"
        value={f.user}
        error={errors['user']}
        placeholder="uid[:gid] or name"
        mono
        onChange={(v) => set('user', v)}
      />
      <TextField
        formId={formId}
        field="hostname"
        label="Hostname"
        value={f.hostname}
        error={errors['hostname']}
        placeholder="the container's short ID"
        mono
        onChange={(v) => set('hostname', v)}
      />
    </div>
  );
}

export function KeyValueSection({ form, formId, list }: SectionArgs & { list: 'env' | 'labels' }) {
  const rows = useStore(form, (s) => s.fields[list]);
  const errors = useFormErrors(form);
  const actions = form.getState();
  const what = list === 'env' ? 'Environment variable' : 'Label';
  return (
    <Section
      formId={formId}
      field={list}
      title={list === 'env' ? 'Environment' : 'Labels'}
      summary={list === 'env' ? '-e KEY=VALUE' : '--label KEY=VALUE'}
      errors={errorsUnder(errors, list)}
      addLabel={list === 'env' ? 'Add variable' : 'Add label'}
      onAdd={() => actions.addRow(list)}
      empty={rows.length === 0 ? (list === 'env' ? "No variables beyond the image's own." : 'No labels.') : undefined}
    >
      {rows.map((row, i) => (
        <div key={row.id} className="rf-row rf-row--kv">
          <input
            className="rf-input mono"
            aria-label={`${what} ${i + 1} key`}
            placeholder="KEY"
            value={row.key}
            spellCheck={false}
            aria-invalid={bad(errors, `${list}.${i}.key`)}
            onChange={(e) => actions.updateRow(list, row.id, { key: e.currentTarget.value })}
          />
          <span className="rf-eq">=</span>
          <input
            className="rf-input mono"
            aria-label={`${what} ${i + 1} value`}
            placeholder="value"
            value={row.value}
            spellCheck={false}
            onChange={(e) => actions.updateRow(list, row.id, { value: e.currentTarget.value })}
          />
          <RemoveRowButton label={`Remove ${what.toLowerCase()} ${i + 1}`} onClick={() => actions.removeRow(list, row.id)} />
        </div>
      ))}
    </Section>
  );
}

export function PortsSection({ form, formId }: SectionArgs) {
  const rows = useStore(form, (s) => s.fields.ports);
  const errors = useFormErrors(form);
  const actions = form.getState();
  return (
    <Section
      formId={formId}
      field="ports"
      title="Ports"
      summary="-p [ip:]host:container[/proto]"
      errors={errorsUnder(errors, 'ports')}
      addLabel="Add port"
      onAdd={() => actions.addRow('ports')}
      empty={rows.length === 0 ? 'No published ports.' : undefined}
    >
      {rows.length === 0 ? null : <RowHead cells={['Host IP', 'Host port', 'Container port', 'Protocol', '']} className="rf-row--port" />}
      {rows.map((row, i) => (
        <div key={row.id} className="rf-row rf-row--port">
          <input
            className="rf-input mono"
            aria-label={`Host IP ${i + 1}`}
            placeholder="0.0.0.0"
            value={row.hostIp}
            spellCheck={false}
            onChange={(e) => actions.updateRow('ports', row.id, { hostIp: e.currentTarget.value })}
          />
          <input
            className="rf-input mono"
            aria-label={`Host port ${i + 1}`}
            placeholder="any"
            inputMode="numeric"
            value={row.hostPort}
            aria-invalid={bad(errors, `ports.${i}.hostPort`)}
            onChange={(e) => actions.updateRow('ports', row.id, { hostPort: e.currentTarget.value })}
          />
          <input
            className="rf-input mono"
            aria-label={`Container port ${i + 1}`}
            placeholder="80"
            inputMode="numeric"
            value={row.containerPort}
            aria-invalid={bad(errors, `ports.${i}.containerPort`)}
            onChange={(e) => actions.updateRow('ports', row.id, { containerPort: e.currentTarget.value })}
          />
          <select
            className="rf-input"
            aria-label={`Protocol ${i + 1}`}
            value={row.protocol}
            onChange={(e) => actions.updateRow('ports', row.id, { protocol: e.currentTarget.value as 'tcp' })}
          >
            <option value="tcp">tcp</option>
            <option value="udp">udp</option>
            <option value="sctp">sctp</option>
          </select>
          <RemoveRowButton label={`Remove port ${i + 1}`} onClick={() => actions.removeRow('ports', row.id)} />
        </div>
      ))}
    </Section>
  );
}

export function MountsSection({ form, formId }: SectionArgs) {
  const rows = useStore(form, (s) => s.fields.mounts);
  const errors = useFormErrors(form);
  const actions = form.getState();
  return (
    <Section
      formId={formId}
      field="mounts"
      title="Mounts"
      summary="bind mounts and named volumes"
      errors={errorsUnder(errors, 'mounts')}
      addLabel="Add mount"
      onAdd={() => actions.addRow('mounts')}
      empty={rows.length === 0 ? 'No mounts: files written in the container stay in its writable layer.' : undefined}
    >
      {rows.length === 0 ? null : <RowHead cells={['Type', 'Source', 'Target in the container', '', '']} className="rf-row--mount" />}
      {rows.map((row, i) => (
        <div key={row.id} className="rf-row rf-row--mount">
          <select
            className="rf-input"
            aria-label={`Mount ${i + 1} type`}
            value={row.type}
            onChange={(e) => actions.updateRow('mounts', row.id, { type: e.currentTarget.value as 'bind' })}
          >
            <option value="bind">bind</option>
            <option value="volume">volume</option>
          </select>
          <input
            className="rf-input mono"
            aria-label={`Mount ${i + 1} source`}
            placeholder={row.type === 'bind' ? '/path/on/host' : 'volume-name'}
            value={row.source}
            spellCheck={false}
            aria-invalid={bad(errors, `mounts.${i}.source`) ?? bad(errors, 'mounts')}
            onChange={(e) => actions.updateRow('mounts', row.id, { source: e.currentTarget.value })}
          />
          <input
            className="rf-input mono"
            aria-label={`Mount ${i + 1} target`}
            placeholder="/data"
            value={row.target}
            spellCheck={false}
            aria-invalid={bad(errors, `mounts.${i}.target`)}
            onChange={(e) => actions.updateRow('mounts', row.id, { target: e.currentTarget.value })}
          />
          <label className="rf-inline-check">
            <input
              type="checkbox"
              aria-label={`Mount ${i + 1} read-only`}
              checked={row.readOnly}
              onChange={(e) => actions.updateRow('mounts', row.id, { readOnly: e.currentTarget.checked })}
            />
            <span aria-hidden="true">ro</span>
          </label>
          <RemoveRowButton label={`Remove mount ${i + 1}`} onClick={() => actions.removeRow('mounts', row.id)} />
        </div>
      ))}
    </Section>
  );
}

export function DevicesSection({ form, formId }: SectionArgs) {
  const rows = useStore(form, (s) => s.fields.devices);
  const errors = useFormErrors(form);
  const host = useStore(form, (s) => s.host);
  // The engine host's real devices, offered as the host path is typed.
  const devices = useMemo(() => hostDevices(host), [host]);
  const actions = form.getState();
  return (
    <Section
      formId={formId}
      field="devices"
      title="Devices"
      summary="serial ports, cameras: --device"
      errors={errorsUnder(errors, 'devices')}
      addLabel="Add device"
      onAdd={() => actions.addRow('devices')}
      empty={rows.length === 0 ? 'No host devices.' : undefined}
    >
      <datalist id={`${formId}-host-devices`}>
        {devices.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      {rows.length === 0 ? null : <RowHead cells={['Host path', 'Container path', 'Permissions', '']} className="rf-row--device" />}
      {rows.map((row, i) => (
        <div key={row.id} className="rf-row rf-row--device">
          <input
            className="rf-input mono"
            aria-label={`Device ${i + 1} host path`}
            placeholder="/dev/ttyUSB0"
            list={`${formId}-host-devices`}
            value={row.hostPath}
            spellCheck={false}
            aria-invalid={bad(errors, `devices.${i}.hostPath`)}
            onChange={(e) => actions.updateRow('devices', row.id, { hostPath: e.currentTarget.value })}
          />
          <input
            className="rf-input mono"
            aria-label={`Device ${i + 1} container path`}
            placeholder="same as host"
            value={row.containerPath}
            spellCheck={false}
            onChange={(e) => actions.updateRow('devices', row.id, { containerPath: e.currentTarget.value })}
          />
          <input
            className="rf-input mono"
            aria-label={`Device ${i + 1} permissions`}
            placeholder="rwm"
            value={row.permissions}
            spellCheck={false}
            aria-invalid={bad(errors, `devices.${i}.permissions`)}
            onChange={(e) => actions.updateRow('devices', row.id, { permissions: e.currentTarget.value })}
          />
          <RemoveRowButton label={`Remove device ${i + 1}`} onClick={() => actions.removeRow('devices', row.id)} />
        </div>
      ))}
    </Section>
  );
}

export function RuntimeSection({ form, formId }: SectionArgs) {
  const gpusOff = useEngineFeatureOff('gpus');
  const f = useStore(form, (s) => s.fields);
  const errors = useFormErrors(form);
  const set = form.getState().setField;
  return (
    <fieldset className="rf-section">
      <legend className="rf-legend">Runtime</legend>
      <div className="rf-grid rf-grid--3">
        <div className="rf-stack">
          <SelectField
            label="Restart policy"
            value={f.restart}
            options={[
              ['no', 'no'],
              ['on-failure', 'on-failure'],
              ['unless-stopped', 'unless-stopped'],
              ['always', 'always'],
            ]}
            error={errors['restart']}
            errorId={errorId(formId, 'restart')}
            onChange={(v) => set('restart', v)}
          />
          {f.restart === 'on-failure' ? (
            <TextField
              formId={formId}
              field="restartMaxRetries"
              label="Max retries"
              value={f.restartMaxRetries}
              error={errors['restartMaxRetries']}
              placeholder="unlimited"
              mono
              onChange={(v) => set('restartMaxRetries', v)}
            />
          ) : null}
        </div>
        <div className="rf-stack">
          <SelectField
            label="Network"
            value={f.networkMode}
            options={[
              ['default', 'default (bridge)'],
              ['host', 'host'],
              ['none', 'none'],
              ['custom', 'custom…'],
            ]}
            error={errors['network']}
            errorId={errorId(formId, 'network')}
            onChange={(v) => set('networkMode', v)}
          />
          {f.networkMode === 'custom' ? (
            <TextField
              formId={formId}
              field="network"
              label="Custom network"
              value={f.customNetwork}
              error={errors['network']}
              placeholder="my-net"
              mono
              onChange={(v) => set('customNetwork', v)}
            />
          ) : null}
        </div>
        <div className="rf-stack">
          <SelectField
            label="GPUs"
            value={f.gpuMode}
            options={[
              ['none', 'none'],
              ['all', 'all'],
              ['count', 'a number…'],
            ]}
            error={errors['gpus']}
            errorId={errorId(formId, 'gpus')}
            disabledReason={gpusOff}
            onChange={(v) => set('gpuMode', v)}
          />
          {f.gpuMode === 'count' ? (
            <TextField
              formId={formId}
              field="gpus"
              label="GPU count"
              value={f.gpuCount}
              error={errors['gpus']}
              placeholder="1"
              mono
              onChange={(v) => set('gpuCount', v)}
            />
          ) : null}
        </div>
      </div>
      {f.networkMode !== 'custom' && errors['network'] ? (
        <p className="rf-error" id={errorId(formId, 'network')}>
          {errors['network']}
        </p>
      ) : null}
      {f.gpuMode !== 'count' && errors['gpus'] ? (
        <p className="rf-error" id={errorId(formId, 'gpus')}>
          {errors['gpus']}
        </p>
      ) : null}
      {errors['restart'] ? (
        <p className="rf-error" id={errorId(formId, 'restart')}>
          {errors['restart']}
        </p>
      ) : null}
      <div className="rf-toggles">
        <Toggle label="Interactive" hint="-i: keep stdin open" checked={f.interactive} onChange={(on) => set('interactive', on)} />
        <Toggle label="TTY" hint="-t: a terminal" checked={f.tty} onChange={(on) => set('tty', on)} />
        {f.interactive && f.tty ? (
          <Toggle
            label="Detach"
            hint="-d: keep it in the background instead of opening a terminal"
            checked={f.detach}
            onChange={(on) => set('detach', on)}
          />
        ) : null}
        <Toggle label="Auto remove" hint="--rm: delete it when it exits" checked={f.autoRemove} onChange={(on) => set('autoRemove', on)} />
        <Toggle label="Privileged" hint="--privileged" checked={f.privileged} onChange={(on) => set('privileged', on)} />
      </div>
      {f.interactive && f.tty && !f.detach ? (
        <p className="rf-note faint" role="note">
          With -i and -t, Run opens a terminal tab attached to the container, as docker run -it does; leave the shell with exit (the
          container stops) or Ctrl-P Ctrl-Q (it keeps running).
        </p>
      ) : null}
      {f.privileged ? (
        <div className="rf-warning" role="note">
          <strong>Privileged is root on the host.</strong> The container gets every device and capability and can change the host&apos;s
          kernel settings. Prefer listing the devices it needs above.
        </div>
      ) : null}
    </fieldset>
  );
}

function RowHead({ cells, className }: { cells: string[]; className: string }) {
  return (
    <div className={`rf-row rf-row-head ${className}`} aria-hidden="true">
      {cells.map((c, i) => (
        <span key={i}>{c}</span>
      ))}
    </div>
  );
}
