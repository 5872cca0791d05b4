import { useState } from 'react';
import { useStore } from 'zustand';
import { composeProjectSchema } from '../../../shared/compose-types.js';
import { Dialog } from '../../components/dialog.js';
import { errorText } from '../../lib/error-text.js';
import { useStacksStore } from './stacks-feature.js';

/**
 * A new stack from the run form's Compose export: a folder on the machine Berth runs on and a project
 * name; Berth writes FOLDER/compose.yaml (never over a Compose file already there) and opens the
 * stack, not started. Writing a file is no docker command: the dialog shows the check opening runs.
 */
export function NewStackDialog() {
  const stacks = useStacksStore();
  const draft = useStore(stacks, (s) => s.draft);
  const program = useStore(stacks, (s) => s.info?.program) ?? 'docker-compose';
  const [folder, setFolder] = useState('');
  const [project, setProject] = useState(draft?.project ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!draft) return null;

  const folderText = folder.trim().replace(/\/+$/, '') || 'FOLDER';
  const projectProblem = project.trim() === '' ? undefined : composeProjectSchema.safeParse(project.trim()).error?.issues[0]?.message;
  const close = () => stacks.getState().setDraft(undefined);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await stacks.getState().create({ folder: folder.trim(), project: project.trim(), text: draft.text });
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="New stack from the run form"
      onCancel={close}
      onSubmit={() => void submit()}
      submitLabel="Write compose.yaml and open"
      busyLabel="Writing…"
      busy={busy}
      submitDisabled={folder.trim() === '' || project.trim() === '' || projectProblem !== undefined}
      refusal={error}
      bodyClassName="stk-open-form"
    >
      <label className="im-field im-field--wide">
        <span>Folder for compose.yaml</span>
        <input
          className="input mono"
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          placeholder={`/home/me/stacks/${draft.project}`}
          spellCheck={false}
          aria-describedby="stk-new-where"
          autoFocus
        />
      </label>
      <p id="stk-new-where" className="faint">
        A folder on the machine Berth runs on, made if missing. Berth writes compose.yaml there (no docker command: a file is written) and
        refuses if the folder already holds a Compose file. The stack opens here, not started: Check it, then Up.
      </p>
      <label className="im-field im-field--wide">
        <span>Project name</span>
        <input
          className="input mono"
          value={project}
          onChange={(e) => setProject(e.currentTarget.value)}
          spellCheck={false}
          aria-invalid={projectProblem !== undefined}
        />
      </label>
      {projectProblem ? <p className="faint">{projectProblem}</p> : null}
      <pre className="stk-new-text mono" aria-label="compose.yaml to write">
        <code>{draft.text}</code>
      </pre>
      <p className="dialog-cli" aria-label="What it runs">
        No docker command writes the file; opening it then runs{' '}
        <code>{`${program} -p ${project.trim() || 'NAME'} -f ${folderText}/compose.yaml config --services`}</code>
      </p>
    </Dialog>
  );
}
