import { useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { formatVolumeCreate } from '../../../shared/volume-contract.js';
import { volumeNameRule, type VolumeRemoval, type VolumeSummary } from '../../../shared/volume-types.js';
import { Dialog } from '../../components/dialog.js';
import { emptyCreateForm, toCreateInput, type CreateVolumeForm, type KeyValueRow } from './volume-create-form.js';
import { describeUsers, removeLine, shortVolumeName, usersNamedIn } from './volume-rows.js';
import { useVolumeTools } from './use-volume-tools.js';
import './volume-outcomes.css';
import './volume-dialogs.css';
import { SameAsCommand, EngineRefusal } from '../../components/same-as-command.js';

// ---------------------------------------------------------------------------------------------
// Create
// ---------------------------------------------------------------------------------------------

export function CreateVolumeDialog() {
  const { create } = useVolumeTools();
  const open = useStore(create, (s) => s.open);
  return open ? <CreateVolumeDialogOpen /> : null;
}

function KeyValueEditor({
  label,
  rows,
  onChange,
  problem,
  keyHint,
  valueHint,
}: {
  label: string;
  rows: readonly KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
  problem: string | undefined;
  keyHint: string;
  valueHint: string;
}) {
  const singular = label.toLowerCase().replace(/s$/, '');
  return (
    <fieldset className="vol-kv">
      <legend>{label}</legend>
      {rows.map((row, i) => (
        <div className="vol-kv-row" key={i}>
          <input
            className="input mono"
            aria-label={`${label} ${i + 1} key`}
            placeholder={keyHint}
            value={row.key}
            spellCheck={false}
            aria-invalid={problem !== undefined}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, key: e.currentTarget.value } : r)))}
          />
          <span className="faint">=</span>
          <input
            className="input mono"
            aria-label={`${label} ${i + 1} value`}
            placeholder={valueHint}
            value={row.value}
            spellCheck={false}
            onChange={(e) => onChange(rows.map((r, j) => (j === i ? { ...r, value: e.currentTarget.value } : r)))}
          />
          <button
            type="button"
            className="btn btn--small btn--ghost"
            aria-label={`Remove ${singular} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn--small btn--ghost vol-kv-add" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        + Add {singular}
      </button>
      {problem ? (
        <p className="im-field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

function CreateVolumeDialogOpen() {
  const { create } = useVolumeTools();
  const busy = useStore(create, (s) => s.busy);
  const engineError = useStore(create, (s) => s.error);
  const errorField = useStore(create, (s) => s.errorField);
  const nameHelpId = useId();
  const [form, setForm] = useState<CreateVolumeForm>(emptyCreateForm);
  const [tried, setTried] = useState(false);
  const { input, problems } = useMemo(() => toCreateInput(form), [form]);
  const valid = Object.keys(problems).length === 0;
  // The name's rule is shown as soon as something is typed; the rest once they submit.
  const nameProblem = problems.name ?? (errorField === 'name' ? (engineError ?? undefined) : undefined);
  const set = (patch: Partial<CreateVolumeForm>): void => setForm((f) => ({ ...f, ...patch }));
  const s = create.getState();

  return (
    <Dialog
      title="Create a volume"
      className="vol-dialog"
      bodyClassName="vol-form"
      formLabel="Create a volume"
      refusal={engineError && errorField !== 'name' ? engineError : undefined}
      submitLabel="Create"
      busyLabel="Creating…"
      busy={busy}
      submitDisabled={(tried && !valid) || problems.name !== undefined}
      onCancel={() => s.close()}
      onSubmit={() => {
        setTried(true);
        if (valid) void s.submit(input);
      }}
    >
      <label className="im-field">
        <span>Name</span>
        <input
          className="input mono"
          value={form.name}
          placeholder="e.g. ros-bags (empty: the engine makes up a name)"
          spellCheck={false}
          autoFocus
          aria-invalid={nameProblem !== undefined}
          aria-describedby={nameHelpId}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
      </label>
      <p id={nameHelpId} className={nameProblem ? 'im-field-error' : 'hint'} role={nameProblem ? 'alert' : undefined}>
        {nameProblem ?? `Optional. ${volumeNameRule}.`}
      </p>
      <label className="im-field">
        <span>Driver</span>
        <input
          className="input mono"
          value={form.driver}
          spellCheck={false}
          aria-invalid={problems.driver !== undefined}
          onChange={(e) => set({ driver: e.currentTarget.value })}
        />
      </label>
      {problems.driver ? (
        <p className="im-field-error" role="alert">
          {problems.driver}
        </p>
      ) : null}
      <KeyValueEditor
        label="Labels"
        rows={form.labels}
        onChange={(labels) => set({ labels })}
        problem={tried || form.labels.some((r) => r.key) ? problems.labels : undefined}
        keyHint="key"
        valueHint="value"
      />
      <KeyValueEditor
        label="Driver options"
        rows={form.options}
        onChange={(options) => set({ options })}
        problem={tried || form.options.some((r) => r.key) ? problems.options : undefined}
        keyHint="type"
        valueHint="tmpfs"
      />
      <SameAsCommand command={formatVolumeCreate(input)} label="Equivalent command" />
      {busy && input.driver !== 'local' ? (
        <p className="hint" role="status">
          The engine is looking for the volume plugin <span className="mono">{input.driver}</span>; for one it does not have it keeps
          looking for about 15 seconds before it gives up.
        </p>
      ) : null}
    </Dialog>
  );
}

// ---------------------------------------------------------------------------------------------
// Remove (one or many)
// ---------------------------------------------------------------------------------------------

export function RemoveVolumesDialog() {
  const { remove } = useVolumeTools();
  const request = useStore(remove, (s) => s.request);
  if (!request) return null;
  return <RemoveVolumesDialogOpen key={request.volumes.map((v) => v.name).join('\n')} />;
}

function RemovalOutcome({ result, volume }: { result: VolumeRemoval; volume: VolumeSummary | undefined }) {
  if (result.removed) return <span className="vol-outcome vol-outcome--ok">removed</span>;
  const named = volume ? usersNamedIn(result.error, volume.usedBy) : [];
  return (
    <span className="vol-outcome vol-outcome--failed">
      {result.reason === 'not-attempted' ? 'not attempted' : 'not removed'}: {result.error}
      {named.length > 0 ? ` (${describeUsers(named)})` : ''}
    </span>
  );
}

function RemoveVolumesDialogOpen() {
  const { remove } = useVolumeTools();
  const request = useStore(remove, (s) => s.request);
  if (!request) return null;
  const { volumes, busy, refusal, results } = request;
  const a = remove.getState();
  const [only] = volumes;
  const one = volumes.length === 1 && only !== undefined;
  const inUse = volumes.filter((v) => v.usedBy.length > 0);
  const command = one
    ? { text: cliEquivalent('volumes.remove', { name: only.name }) ?? '', full: '' }
    : removeLine(volumes.map((v) => v.name));
  const byName = new Map(volumes.map((v) => [v.name, v]));

  return (
    <Dialog
      title={
        <>
          {one ? (
            <>
              Remove volume <span className="mono">{shortVolumeName(only.name)}</span>?
            </>
          ) : (
            `Remove ${volumes.length} volumes?`
          )}
        </>
      }
      className="vol-dialog"
      describedByBody
      danger
      cancelLabel={results ? 'Close' : 'Cancel'}
      submitLabel={results ? null : refusal ? 'Try again' : one ? 'Remove' : `Remove ${volumes.length}`}
      busyLabel="Removing…"
      busy={busy}
      command={command.text}
      commandFull={command.full}
      onCancel={() => a.cancel()}
      onSubmit={() => void a.confirm()}
    >
      <p>
        {one ? 'Every file in this volume' : 'Every file in these volumes'} is deleted <strong>for good</strong>: the engine keeps no copy
        and there is no undo. Copy out anything you want to keep first.
      </p>
      {!one ? (
        <ul className="prune-list vol-list" aria-label="Volumes to remove">
          {volumes.map((v) => {
            const result = results?.find((r) => r.name === v.name);
            return (
              <li key={v.name}>
                <span className="mono" title={v.name}>
                  {v.name}
                </span>
                {result ? (
                  <RemovalOutcome result={result} volume={v} />
                ) : v.usedBy.length > 0 ? (
                  <span className="vol-outcome vol-outcome--warn">used by {describeUsers(v.usedBy)}</span>
                ) : (
                  <span className="faint">unused</span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {inUse.length > 0 && !refusal && !results ? (
        <div className="dialog-warning">
          {one && only ? (
            <p>
              <strong>In use by {describeUsers(only.usedBy)}.</strong> The engine refuses to remove a volume while any container uses it,
              even a stopped one: remove {only.usedBy.length === 1 ? 'that container' : 'those containers'} first.
            </p>
          ) : (
            <p>
              <strong>
                {inUse.length} of them {inUse.length === 1 ? 'is' : 'are'} in use.
              </strong>{' '}
              The engine will refuse those until the containers using them are removed; the others go.
            </p>
          )}
        </div>
      ) : null}
      {refusal ? (
        <EngineRefusal message={refusal}>
          {only && usersNamedIn(refusal, only.usedBy).length > 0 ? (
            <p>That is {describeUsers(usersNamedIn(refusal, only.usedBy))}. Remove it first, then try again.</p>
          ) : null}
        </EngineRefusal>
      ) : null}
      {results ? (
        <p role="status">
          {results.filter((r) => r.removed).length} removed, {results.filter((r) => !r.removed).length} not removed.
          {byName.size > 0 ? ' The list above says why.' : ''}
        </p>
      ) : null}
    </Dialog>
  );
}
