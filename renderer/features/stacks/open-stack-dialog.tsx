import { useState } from 'react';
import { Dialog } from '../../components/dialog.js';
import { errorText } from '../../lib/error-text.js';
import { composeFilePicker } from './desktop-picker.js';
import { useStacksStore } from './stacks-feature.js';

const lines = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A stack from a folder or a Compose file on the machine Berth runs on, with profiles, an env file and extra -f files. */
export function OpenStackDialog({ onClose }: { onClose(): void }) {
  const stacks = useStacksStore();
  const [path, setPath] = useState('');
  const [project, setProject] = useState('');
  const [extra, setExtra] = useState('');
  const [profiles, setProfiles] = useState('');
  const [envFile, setEnvFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Desktop only: the system's file dialog beside the typed path.
  const [pick] = useState(() => composeFilePicker());

  const choose = async () => {
    if (!pick) return;
    try {
      const chosen = await pick();
      if (chosen) setPath(chosen);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await stacks.getState().open({
        path: path.trim(),
        ...(project.trim() ? { project: project.trim() } : {}),
        extraFiles: lines(extra),
        profiles: lines(profiles),
        ...(envFile.trim() ? { envFile: envFile.trim() } : {}),
      });
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Open a stack"
      onCancel={onClose}
      onSubmit={() => void submit()}
      submitLabel="Open"
      busyLabel="Opening…"
      busy={busy}
      submitDisabled={path.trim() === ''}
      refusal={error}
      bodyClassName="stk-open-form"
    >
      <label className="im-field im-field--wide">
        <span>Folder or Compose file</span>
        <input
          className="input mono"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          placeholder="/home/me/robot/compose.yaml"
          spellCheck={false}
          aria-describedby="stk-open-where"
          autoFocus
        />
      </label>
      {pick ? (
        <button type="button" className="btn btn--small" onClick={() => void choose()}>
          Choose file…
        </button>
      ) : null}
      <p id="stk-open-where" className="faint">
        A path on the machine Berth runs on (not on this browser&apos;s machine, nor on a remote engine). A folder is searched for
        compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml.
      </p>
      <label className="im-field im-field--wide">
        <span>Project name (optional: the folder&apos;s name)</span>
        <input className="input mono" value={project} onChange={(e) => setProject(e.currentTarget.value)} spellCheck={false} />
      </label>
      <label className="im-field im-field--wide">
        <span>Extra -f files, one per line (overrides, in order)</span>
        <textarea className="input mono" rows={2} value={extra} onChange={(e) => setExtra(e.currentTarget.value)} spellCheck={false} />
      </label>
      <label className="im-field im-field--wide">
        <span>Profiles (comma-separated)</span>
        <input className="input mono" value={profiles} onChange={(e) => setProfiles(e.currentTarget.value)} spellCheck={false} />
      </label>
      <label className="im-field im-field--wide">
        <span>--env-file (optional: Compose reads the folder&apos;s .env by itself)</span>
        <input className="input mono" value={envFile} onChange={(e) => setEnvFile(e.currentTarget.value)} spellCheck={false} />
      </label>
    </Dialog>
  );
}
