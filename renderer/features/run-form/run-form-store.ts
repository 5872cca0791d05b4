import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseDockerRun } from '../../../shared/docker-run-parser.js';
import { isBerthError } from '../../../shared/errors.js';
import type { ActionRunner } from '../activity/action-runner.js';
import {
  blankRow,
  commandLineOf,
  emptyFields,
  fieldKeyOfPath,
  fieldsFromSpec,
  validateFields,
  type FieldErrors,
  type RowListName,
  type RowOf,
  type RunFormFields,
} from './run-form-fields.js';
import { errorText } from '../../lib/error-text.js';
import type { HostResources } from '../../../shared/robot-run-contract.js';
import { hostProblems, togglePreset, withPreset, type PresetId } from './robot-presets.js';
import { runModeOf } from '../../../shared/docker-run-format.js';
import { xauthPathToLook } from '../../../shared/xauth-check.js';
import type { RunSpec } from '../../../shared/run-spec.js';

export { presets, type Preset, type PresetId } from './robot-presets.js';

/** The container the form was filled from (Run again), and what it could not carry over. */
export interface RunAgainOrigin {
  name: string;
  notCarried: string[];
  imageFound: boolean;
}

/** What the last submit ended in, when it is worth saying in the form. */
export type RunOutcome =
  { kind: 'not-started'; id: string; name: string; message: string } | { kind: 'done'; name: string; started: boolean };

/** The container the last Run or Create made, for the note that links to it and says if it stopped at once. */
export interface LastRun {
  id: string;
  name: string;
  spec: RunSpec;
  started: boolean;
  /** Run with -it: a terminal tab is attached to it. */
  attached: boolean;
}

export interface RunFormState {
  open: boolean;
  fields: RunFormFields;
  /** Beside each field, keyed by spec path (`image`, `ports.0.containerPort`, `mounts`). */
  errors: FieldErrors;
  /** An engine refusal that names no field. */
  formError: string | null;
  pasteText: string;
  pasteError: string | null;
  submitting: false | 'run' | 'create';
  outcome: RunOutcome | null;
  /** Bumped each time a submit ends with field errors, so the view can take the user to the first one. */
  errorEpoch: number;
  /** Set while the form holds a container's settings (Run again). */
  origin: RunAgainOrigin | null;
  /** What the engine's host has for the presets (read when the form opens); null until read. */
  host: HostResources | null;
  /** Why the host could not be read (the presets then add the usual device names, unchecked). */
  hostError: string | null;
  /** A conflict the last preset toggle resolved, in words. */
  presetNote: string | null;
  /** The container the last submit made, until the note about it is dismissed. */
  lastRun: LastRun | null;

  openForm(options?: { image?: string }): void;
  close(): void;
  reset(): void;
  setField<K extends Exclude<keyof RunFormFields, RowListName>>(key: K, value: RunFormFields[K]): void;
  addRow(list: RowListName): void;
  updateRow<L extends RowListName>(list: L, id: number, patch: Partial<Omit<RowOf<L>, 'id'>>): void;
  removeRow(list: RowListName, id: number): void;
  /** Adds a preset's flags (again, harmlessly, when they are there). */
  applyPreset(id: PresetId): void;
  /** A preset chip: on adds its flags (resolving conflicts), off takes them out. */
  togglePreset(id: PresetId): void;
  /**
   * Reads the engine host's devices and sockets through a helper container from `image`; `paths`
   * are cookie files outside the searched folders to look at too. A slower earlier read never
   * overwrites a later one.
   */
  loadHost(image: string, paths?: string[]): Promise<void>;
  /** When the form mounts an xauth cookie from a path the host check has not looked at, reads the host again with it. */
  lookAtMountedCookie(): Promise<void>;
  setPasteText(text: string): void;
  /** Fills the form from the pasted line, or says why it cannot (leaving the form as it was). */
  applyPaste(): boolean;
  /** Validates, then `docker run` (start) or `docker create`; resolves true when the form may close. */
  submit(start: boolean): Promise<boolean>;
  /** `docker rm` of a container that was created but did not start, so the form can be sent again. */
  removeCreated(): Promise<void>;
  /** Reads a container's settings into the form and opens it; resolves to why it could not, or undefined. */
  runAgain(ref: { id: string; name: string }): Promise<string | undefined>;
  /** Opens the form on the last run's settings with -it on (and no name, which the first one holds). */
  runLastInteractive(): void;
  dismissLastRun(): void;
}

export type RunFormStore = StoreApi<RunFormState>;

/** The engine's words when --gpus meets an engine without the NVIDIA runtime, in the user's; undefined for other errors. */
export function nvidiaRuntimeMissing(message: string): string | undefined {
  if (/^This engine has no NVIDIA runtime/.test(message)) return message;
  return /could not select device driver .*capabilities: \[\[gpu\]\]/i.test(message)
    ? `This engine has no NVIDIA runtime, so --gpus cannot work here (the engine said: ${message})`
    : undefined;
}

export interface RunFormDeps {
  run: ActionRunner;
  /** `docker run -it`: creates, attaches a terminal tab and starts; rejects with the engine's refusal. */
  runInteractive(spec: RunSpec): Promise<{ containerId: string; containerName: string }>;
  /** Selects the new container in the containers view and shows its detail. */
  showContainer(c: { id: string; name: string }): void;
}

/** The `docker run` line the form equals now. */
export function selectCommandLine(state: Pick<RunFormState, 'fields'>): string {
  return commandLineOf(state.fields);
}

/** Keys that an edit of `field` makes stale. */
function clearErrors(errors: FieldErrors, field: string): FieldErrors {
  const next: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) if (k !== field && !k.startsWith(`${field}.`)) next[k] = v;
  return next;
}

export function createRunFormStore({ run, runInteractive, showContainer }: RunFormDeps): RunFormStore {
  // The helper image of the last host read (a cookie path is looked at with the same one), and which read is the latest.
  let hostImage: string | undefined;
  let hostReads = 0;
  return createStore<RunFormState>((set, get) => ({
    open: false,
    fields: emptyFields(),
    errors: {},
    formError: null,
    pasteText: '',
    pasteError: null,
    submitting: false,
    outcome: null,
    errorEpoch: 0,
    origin: null,
    host: null,
    hostError: null,
    presetNote: null,
    lastRun: null,

    openForm(options) {
      if (options?.image !== undefined) {
        set({ open: true, fields: emptyFields(options.image), errors: {}, formError: null, pasteError: null, outcome: null, origin: null });
      } else set({ open: true, outcome: null });
    },
    close() {
      if (get().submitting) return;
      set({ open: false });
    },
    reset() {
      set({
        fields: emptyFields(),
        errors: {},
        formError: null,
        pasteText: '',
        pasteError: null,
        outcome: null,
        origin: null,
        presetNote: null,
      });
    },
    setField(key, value) {
      const errorKey =
        key === 'customNetwork' || key === 'networkMode'
          ? 'network'
          : key === 'gpuCount' || key === 'gpuMode'
            ? 'gpus'
            : key === 'pidHost'
              ? 'pid'
              : key;
      set((s) => ({ fields: { ...s.fields, [key]: value }, errors: clearErrors(s.errors, errorKey), formError: null }));
    },
    addRow(list) {
      set((s) => ({ fields: { ...s.fields, [list]: [...s.fields[list], blankRow(list)] } }));
    },
    updateRow(list, id, patch) {
      set((s) => {
        const rows = s.fields[list] as Array<RowOf<typeof list>>;
        return {
          fields: { ...s.fields, [list]: rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) },
          errors: clearErrors(s.errors, list),
          formError: null,
        };
      });
    },
    removeRow(list, id) {
      set((s) => {
        const rows = s.fields[list] as Array<RowOf<typeof list>>;
        return { fields: { ...s.fields, [list]: rows.filter((r) => r.id !== id) }, errors: clearErrors(s.errors, list) };
      });
    },
    applyPreset(id) {
      set((s) => {
        const result = withPreset(s.fields, id, s.host);
        return { fields: result.fields, presetNote: result.note, errors: {}, formError: null };
      });
    },
    togglePreset(id) {
      set((s) => {
        const result = togglePreset(s.fields, id, s.host);
        return { fields: result.fields, presetNote: result.note, errors: {}, formError: null };
      });
    },
    async loadHost(image, paths) {
      hostImage = image;
      const read = ++hostReads;
      const input = paths && paths.length > 0 ? { image, paths } : { image };
      try {
        const host = await run('engine.hostResources', input, { quiet: true, background: true, describe: () => 'host devices read' });
        if (read === hostReads) set({ host, hostError: null });
      } catch (error) {
        if (read === hostReads) set({ host: null, hostError: `Could not read the engine host's devices: ${errorText(error)}` });
      }
    },
    async lookAtMountedCookie() {
      const { fields, host } = get();
      const path = host ? xauthPathToLook(fields, host.xauth, host.xauthLooked) : undefined;
      if (path && hostImage) await get().loadHost(hostImage, [path]);
    },
    setPasteText(text) {
      set({ pasteText: text, pasteError: null });
    },
    applyPaste() {
      const text = get().pasteText.trim();
      if (!text) {
        set({ pasteError: 'Paste a line that starts with docker run' });
        return false;
      }
      const result = parseDockerRun(text);
      if (!result.ok) {
        set({ pasteError: result.error });
        return false;
      }
      set({
        fields: fieldsFromSpec(result.spec),
        errors: {},
        formError: null,
        pasteError: null,
        pasteText: '',
        outcome: null,
        origin: null,
      });
      return true;
    },
    async submit(start) {
      if (get().submitting) return false;
      // A cookie mounted from elsewhere is looked at first, so the check below can speak about it.
      await get().lookAtMountedCookie();
      const checked = validateFields(get().fields);
      // What the engine's host lacks stops the run here, beside its field, rather than as an engine error later.
      const missing = hostProblems(get().fields, get().host);
      if (!checked.ok || Object.keys(missing).length > 0) {
        const errors = { ...missing, ...(checked.ok ? {} : checked.errors) };
        set((s) => ({ errors, formError: null, outcome: null, errorEpoch: s.errorEpoch + 1 }));
        return false;
      }
      set({ submitting: start ? 'run' : 'create', errors: {}, formError: null, outcome: null });
      const spec = checked.spec;
      /** The form is done: it closes, and the new container is selected and shown. */
      const made = (c: { id: string; name: string }, started: boolean, attached: boolean): true => {
        set({
          submitting: false,
          open: false,
          outcome: { kind: 'done', name: c.name, started },
          fields: emptyFields(),
          pasteText: '',
          origin: null,
          lastRun: { id: c.id, name: c.name, spec, started, attached },
        });
        showContainer(c);
        return true;
      };
      try {
        if (start && runModeOf(spec) === 'attached') {
          const opened = await runInteractive(spec);
          return made({ id: opened.containerId, name: opened.containerName }, true, true);
        }
        const result = await run(
          'containers.run',
          { spec: checked.spec, start },
          {
            // The form shows a failure beside its field; the strip still records the command.
            quiet: true,
            describe: (o) => (o.started ? `started ${o.name}` : `created ${o.name}`),
            failedIf: (o) =>
              start && !o.started ? `Created ${o.name}, but it did not start: ${o.startError ?? 'no reason given'}` : undefined,
          },
        );
        if (start && !result.started) {
          const gpu = result.startError && nvidiaRuntimeMissing(result.startError);
          set((s) => ({
            ...(gpu ? { errors: { gpus: gpu }, errorEpoch: s.errorEpoch + 1 } : {}),
            submitting: false,
            outcome: { kind: 'not-started', id: result.id, name: result.name, message: result.startError ?? 'the engine gave no reason' },
          }));
          return false;
        }
        return made({ id: result.id, name: result.name }, result.started, false);
      } catch (error) {
        const message = errorText(error);
        const field = isBerthError(error) ? fieldKeyOfPath(error.path) : undefined;
        if (field) set((s) => ({ submitting: false, errors: { [field]: message }, errorEpoch: s.errorEpoch + 1 }));
        else set({ submitting: false, formError: message });
        return false;
      }
    },
    async removeCreated() {
      const outcome = get().outcome;
      if (outcome?.kind !== 'not-started' || get().submitting) return;
      try {
        await run('containers.remove', { id: outcome.id }, { shownAs: { id: outcome.name }, quiet: true });
        set({ outcome: null });
      } catch (error) {
        set({ outcome: null, formError: `Could not remove ${outcome.name}: ${errorText(error)}` });
      }
    },
    async runAgain(ref) {
      if (get().submitting) return 'The form is busy running a container';
      try {
        const again = await run('containers.runSpec', { id: ref.id }, { shownAs: { id: ref.name }, quiet: true });
        set({
          open: true,
          fields: fieldsFromSpec(again.spec),
          errors: {},
          formError: null,
          pasteText: '',
          pasteError: null,
          outcome: null,
          origin: { name: ref.name, notCarried: again.notCarried, imageFound: again.imageFound },
        });
        return undefined;
      } catch (error) {
        return `Could not read ${ref.name}'s settings: ${errorText(error)}`;
      }
    },
    runLastInteractive() {
      const last = get().lastRun;
      if (!last || get().submitting) return;
      const { name: _taken, detach: _background, ...spec } = last.spec;
      set({
        open: true,
        fields: fieldsFromSpec({ ...spec, interactive: true, tty: true }),
        errors: {},
        formError: null,
        pasteError: null,
        outcome: null,
        origin: null,
        lastRun: null,
      });
    },
    dismissLastRun() {
      set({ lastRun: null });
    },
  }));
}
