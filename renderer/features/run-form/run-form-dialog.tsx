import './run-form.css';
import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { presets, type RunFormStore } from './run-form-store.js';
import { isPresetOn, presetFlags } from './robot-presets.js';
import { defaultToolboxImage, rememberedToolboxImage } from '../container-detail/toolbox-image.js';
import { shownSpecOf } from './run-form-fields.js';
import { exportSpec, serviceNameOf, type ExportFormat } from './run-spec-export.js';
import { useNewStackFromText } from '../stacks/stacks-feature.js';
import { BasicsSection, DevicesSection, KeyValueSection, MountsSection, PortsSection, RuntimeSection } from './run-form-sections.js';
import { ExtraHostsSection, ResourcesSection, SecuritySection } from './run-form-limits-sections.js';
import { useRunForm } from './use-run-form.js';
import { ModalForm } from '../../components/dialog.js';
import { RunResultNote } from './run-result-note.js';
import { runModeOf } from '../../../shared/docker-run-format.js';

/** The "Run container…" button of a toolbar. */
export function RunContainerButton() {
  const form = useRunForm();
  return (
    <button type="button" className="btn btn--primary rf-open" onClick={() => form.getState().openForm()}>
      <span aria-hidden="true">▶</span> Run container…
    </button>
  );
}

/** The run form, shown while the store says it is open, else the note about the last run. Mount it once per view. */
export function RunFormHost() {
  const form = useRunForm();
  const open = useStore(form, (s) => s.open);
  if (!open) return <RunResultNote form={form} />;
  return <RunFormDialog form={form} />;
}

function RunFormDialog({ form }: { form: RunFormStore }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const formId = useId().replace(/:/g, '');
  const imageListId = `${formId}-images`;
  const submitting = useStore(form, (s) => s.submitting);
  const formError = useStore(form, (s) => s.formError);
  const outcome = useStore(form, (s) => s.outcome);
  const errorCount = useStore(form, (s) => Object.keys(s.errors).length);
  const attached = useStore(form, (s) => runModeOf(s.fields) === 'attached');
  const actions = form.getState();

  // After a refused submit, take the user to the first field that needs attention.
  const errorEpoch = useStore(form, (s) => s.errorEpoch);
  useEffect(() => {
    if (errorEpoch === 0) return;
    const first =
      ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset)') ??
      ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    if (first.tagName !== 'FIELDSET') first.focus({ preventScroll: true });
  }, [errorEpoch]);

  return (
    <ModalForm
      className="rf-dialog"
      labelledBy={titleId}
      formClassName="rf-form"
      noValidate
      elementRef={ref}
      onCancel={() => actions.close()}
      onSubmit={() => void actions.submit(true)}
    >
      <header className="rf-header">
        <div>
          <h2 id={titleId} className="dialog-title">
            Run a container
          </h2>
          <p className="rf-subtitle">Everything here is a flag of docker run; the line on the right is exactly what Berth will do.</p>
        </div>
        <button type="button" className="rf-close" aria-label="Close" title="Close (Esc)" onClick={() => actions.close()}>
          ×
        </button>
      </header>

      <OriginNote form={form} />

      <PresetChips form={form} />

      <div className="rf-body">
        <div className="rf-fields">
          <BasicsSection form={form} formId={formId} imageListId={imageListId} />
          <ImageSuggestions id={imageListId} />
          <KeyValueSection form={form} formId={formId} list="env" />
          <PortsSection form={form} formId={formId} />
          <MountsSection form={form} formId={formId} />
          <DevicesSection form={form} formId={formId} />
          <RuntimeSection form={form} formId={formId} />
          <ResourcesSection form={form} formId={formId} />
          <SecuritySection form={form} formId={formId} />
          <ExtraHostsSection form={form} formId={formId} />
          <KeyValueSection form={form} formId={formId} list="labels" />
        </div>
        <aside className="rf-side">
          <CommandPreview form={form} />
          <PasteBox form={form} />
        </aside>
      </div>

      <footer className="rf-footer">
        <div className="rf-status">
          {outcome?.kind === 'not-started' ? (
            <div role="alert" className="banner banner--error">
              Created <span className="mono">{outcome.name}</span>, but it did not start: {outcome.message}. It is left in the created state
              to inspect.{' '}
              <button type="button" className="btn btn--small rf-inline-btn" onClick={() => void actions.removeCreated()}>
                Remove {outcome.name}
              </button>
            </div>
          ) : formError ? (
            <div role="alert" className="banner banner--error">
              {formError}
            </div>
          ) : errorCount > 0 ? (
            <div role="alert" className="rf-status-errors">
              {errorCount === 1 ? 'One field needs attention' : `${errorCount} fields need attention`}: see the red notes.
            </div>
          ) : null}
        </div>
        <button type="button" className="btn" onClick={() => actions.reset()} disabled={Boolean(submitting)}>
          Clear
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void actions.submit(false)}
          disabled={Boolean(submitting)}
          title="docker create: make it, do not start it"
        >
          {submitting === 'create' ? 'Creating…' : 'Create'}
        </button>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={Boolean(submitting)}
          title={attached ? 'docker run -it: start it with a terminal on its main process' : 'docker run --detach'}
        >
          {submitting === 'run' ? 'Running…' : attached ? 'Run in a terminal' : 'Run'}
        </button>
      </footer>
    </ModalForm>
  );
}

/** Image references the engine has, for suggestions. */
function useImageRefs(): string[] {
  const { images } = useStores();
  const items = useStore(images, (s) => s.items);
  return useMemo(
    () => [...new Set(items.filter((r) => r.repository !== '<none>' && r.tag !== '<none>').map((r) => `${r.repository}:${r.tag}`))].sort(),
    [items],
  );
}

function storedImageChoice(): string | null {
  try {
    return rememberedToolboxImage(globalThis.localStorage);
  } catch {
    return null;
  }
}

/**
 * The robot presets as toggles, each showing the flags it adds (from the engine host's real
 * devices once read); the note says what a toggle took out to resolve a conflict.
 */
function PresetChips({ form }: { form: RunFormStore }) {
  const fields = useStore(form, (s) => s.fields);
  const host = useStore(form, (s) => s.host);
  const hostError = useStore(form, (s) => s.hostError);
  const note = useStore(form, (s) => s.presetNote);
  const refs = useImageRefs();
  const helper = defaultToolboxImage(refs, storedImageChoice());
  // Read the engine's host once the image list says which helper image it has.
  const loaded = useRef(false);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    if (loaded.current || refs.length === 0) return;
    loaded.current = true;
    void form.getState().loadHost(helper);
  }, [form, refs.length, helper]);
  // A cookie mounted from a path the host check has not looked at: look there once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => void form.getState().lookAtMountedCookie(), 600);
    return () => clearTimeout(timer);
  }, [form, fields, host]);
  return (
    <div className="rf-presets-box">
      <div className="rf-presets" role="group" aria-label="Presets">
        <span className="rf-presets-title">Robotics presets</span>
        {presets.map((p) => {
          const on = isPresetOn(fields, p.id);
          const flags = presetFlags(p.id, host);
          return (
            <button
              key={p.id}
              type="button"
              className={`rf-chip${on ? ' rf-chip--on' : ''}`}
              aria-pressed={on}
              aria-label={p.label}
              title={on ? `Takes out ${flags}` : `Adds ${flags}`}
              onClick={() => form.getState().togglePreset(p.id)}
            >
              <span>{p.label}</span>
              <code className="rf-chip-flags" title={flags}>
                {flags}
              </code>
            </button>
          );
        })}
      </div>
      <p className="rf-presets-status faint" role="status">
        {hostError ? hostError : host ? `Checked on the engine's host: ${describeHost(host)}.` : "Reading the engine host's devices…"}{' '}
        {/* A camera plugged in, or the X server started, after the form opened: read the host again. */}
        <button
          type="button"
          className="btn btn--small"
          disabled={checking || refs.length === 0}
          onClick={() => {
            setChecking(true);
            void form
              .getState()
              .loadHost(helper)
              .finally(() => setChecking(false));
          }}
        >
          {checking ? 'Checking…' : 'Check again'}
        </button>
      </p>
      {note ? (
        <p className="rf-presets-note" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}

function describeHost(host: NonNullable<ReturnType<RunFormStore['getState']>['host']>): string {
  const count = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;
  return [
    count(host.serial.length, 'serial port', 'serial ports'),
    count(host.cameras.length, 'camera', 'cameras'),
    count(host.joysticks.length, 'joystick', 'joysticks'),
    host.dri.length > 0 ? '/dev/dri' : 'no /dev/dri',
    host.x11.length > 0 ? `X11 ${host.x11.map((x) => `:${x.replace(/^.*\/X/, '')}`).join(' ')}` : 'no X11 socket',
    host.wayland.length > 0 ? 'Wayland' : 'no Wayland socket',
    host.nvidiaRuntime ? 'NVIDIA runtime' : 'no NVIDIA runtime',
  ].join(', ');
}

/** Says which container the form was filled from, and what of it the form could not hold. */
function OriginNote({ form }: { form: RunFormStore }) {
  const origin = useStore(form, (s) => s.origin);
  const name = useStore(form, (s) => s.fields.name.trim());
  if (!origin) return null;
  return (
    <div className="rf-origin" role="status">
      <p>
        Filled from <span className="mono">{origin.name}</span>: every setting it was run with.
        {name === origin.name ? (
          <>
            {' '}
            The name is still taken by it: change the name, or remove <span className="mono">{origin.name}</span> first.
          </>
        ) : null}
        {origin.imageFound ? null : <> Its image is gone, so the image&apos;s own command, environment and labels are kept as flags.</>}
      </p>
      {origin.notCarried.length > 0 ? (
        <p className="rf-origin-lost">
          Not carried over (the form has no field for them; add them to the command by hand):{' '}
          {origin.notCarried.map((flag) => (
            <code key={flag} className="rf-origin-flag">
              {flag}
            </code>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function ImageSuggestions({ id }: { id: string }) {
  const refs = useImageRefs();
  return (
    <datalist id={id}>
      {refs.map((r) => (
        <option key={r} value={r} />
      ))}
    </datalist>
  );
}

const exportTabs: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'run', label: 'docker run' },
  { format: 'compose', label: 'Compose' },
  { format: 'devcontainer', label: 'devcontainer.json' },
];

/** The command the form equals, and the same container as a Compose service or a dev container, to copy or save. */
function CommandPreview({ form }: { form: RunFormStore }) {
  const fields = useStore(form, (s) => s.fields);
  const [format, setFormat] = useState<ExportFormat>('run');
  const exported = useMemo(() => exportSpec(shownSpecOf(fields), format), [fields, format]);
  const [copied, setCopied] = useState(false);
  const titleId = useId();
  const newStack = useNewStackFromText();
  useEffect(() => setCopied(false), [exported.text]);
  return (
    <section className="rf-panel" aria-labelledby={titleId}>
      <div className="rf-panel-head">
        <h3 id={titleId}>What Berth will run</h3>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            void navigator.clipboard?.writeText(exported.text).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="btn btn--small"
          title={`Save as ${exported.fileName}`}
          onClick={() => saveText(exported.text, exported.fileName)}
        >
          Save
        </button>
        {format === 'compose' ? (
          <button
            type="button"
            className="btn btn--small"
            title="Write this as compose.yaml in a folder and open it in Stacks"
            onClick={() => {
              const project = serviceNameOf(shownSpecOf(fields));
              form.getState().close();
              newStack(exported.text, project);
            }}
          >
            New stack from this…
          </button>
        ) : null}
      </div>
      <div className="rf-export-tabs" role="tablist" aria-label="Export as">
        {exportTabs.map((t) => (
          <button
            key={t.format}
            type="button"
            role="tab"
            aria-selected={format === t.format}
            className={`rf-export-tab${format === t.format ? ' rf-export-tab--current' : ''}`}
            onClick={() => setFormat(t.format)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {format === 'run' ? (
        <pre className="rf-command" aria-label="docker run line">
          <code>
            {exported.text.split(' ').map((word, i) => (
              <Fragment key={i}>
                {i > 0 ? ' ' : ''}
                <span className={i < 2 ? 'rf-w rf-w--cmd' : word.startsWith('-') ? 'rf-w rf-w--flag' : 'rf-w'}>{word}</span>
              </Fragment>
            ))}
          </code>
        </pre>
      ) : (
        <pre className="rf-command rf-export-text" aria-label={exported.fileName}>
          <code>{exported.text}</code>
        </pre>
      )}
      {exported.caveats.map((c) => (
        <p key={c} className="rf-export-caveat faint">
          {c}
        </p>
      ))}
    </section>
  );
}

/** Hands the text to the browser as a file download (the desktop app saves it the same way). */
function saveText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function PasteBox({ form }: { form: RunFormStore }) {
  const text = useStore(form, (s) => s.pasteText);
  const error = useStore(form, (s) => s.pasteError);
  const id = useId();
  return (
    <div className="rf-panel">
      <div className="rf-panel-head">
        <h3>
          <label htmlFor={id}>Paste a docker run command</label>
        </h3>
      </div>
      <textarea
        id={id}
        className="rf-input rf-paste mono"
        rows={4}
        value={text}
        spellCheck={false}
        placeholder="docker run -d --name cam --device /dev/video0 -p 8080:80 my/robot:latest"
        aria-invalid={error ? true : undefined}
        onChange={(e) => form.getState().setPasteText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.getState().applyPaste();
          }
        }}
      />
      {error ? (
        <p role="alert" className="rf-error">
          {error}
        </p>
      ) : null}
      <div className="rf-paste-actions">
        <span className="faint">Replaces the whole form. Ctrl+Enter</span>
        <button type="button" className="btn btn--small" disabled={!text.trim()} onClick={() => form.getState().applyPaste()}>
          Fill the form
        </button>
      </div>
    </div>
  );
}
