import { useEffect, useRef, useState } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { editorTheme } from './editor-theme.js';
import type { ComposeProgram, FileProblem, StackFile, StackRef } from '../../../shared/compose-types.js';
import { useStores } from '../../app/stores-context.js';
import { ModalForm } from '../../components/dialog.js';
import { errorText } from '../../lib/error-text.js';

/** Problems as the editor marks them: each on its line (the first line when Compose named none). */
function toDiagnostics(view: EditorView, problems: readonly FileProblem[]): Diagnostic[] {
  const doc = view.state.doc;
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line ?? 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
    return {
      from,
      to: line.to > from ? line.to : from,
      severity: 'error',
      message: p.message,
      source: p.source === 'yaml' ? 'YAML' : 'Compose',
    };
  });
}

/** The change before it is saved: the file on disk on the left, the edit on the right. */
function DiffDialog({
  before,
  after,
  applying,
  onCancel,
  onConfirm,
}: {
  before: string;
  after: string;
  applying: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const readOnly = [basicSetup, yaml(), editorTheme, EditorState.readOnly.of(true), EditorView.editable.of(false)];
    const view = new MergeView({
      a: { doc: before, extensions: readOnly },
      b: { doc: after, extensions: readOnly },
      parent: host.current,
      collapseUnchanged: { margin: 3 },
    });
    return () => view.destroy();
  }, [before, after]);
  return (
    <ModalForm className="stk-diff-dialog" labelledBy="stk-diff-title" onCancel={onCancel} onSubmit={onConfirm}>
      <h2 id="stk-diff-title" className="dialog-title">
        {applying ? 'Save and apply these changes?' : 'Save these changes?'}
      </h2>
      <div className="dialog-body">
        <p className="faint">
          On disk (left) and as edited (right).{applying ? ' Then `up -d` recreates the services whose settings changed.' : ''}
        </p>
        <div ref={host} className="stk-diff" aria-label="Changes" />
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary">
          {applying ? 'Save and apply' : 'Save'}
        </button>
      </div>
    </ModalForm>
  );
}

/** The stack's Compose file in CodeMirror: highlighted, checked by the Compose program, saved after a diff, applied with `up -d`. */
export function StackEditor({ stack, program, onApply }: { stack: StackRef; program: ComposeProgram; onApply(): void }) {
  const { client, run } = useStores();
  const [path, setPath] = useState(stack.files[0] as string);
  const [file, setFile] = useState<StackFile>();
  const [loadError, setLoadError] = useState<string>();
  const [problems, setProblems] = useState<FileProblem[]>();
  const [checking, setChecking] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [confirm, setConfirm] = useState<{ text: string; apply: boolean }>();
  const [saveError, setSaveError] = useState<string>();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);

  useEffect(() => {
    let gone = false;
    setFile(undefined);
    setProblems(undefined);
    client
      .call('compose.readFile', { path })
      .then((f) => !gone && (setFile(f), setLoadError(undefined)))
      .catch((e: unknown) => !gone && setLoadError(errorText(e)));
    return () => {
      gone = true;
    };
  }, [client, path]);

  useEffect(() => {
    if (!file || !host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: file.text,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': `Compose file ${file.path}` }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) setDirty(u.state.doc.toString() !== file.text);
          }),
        ],
      }),
    });
    view.current = editor;
    setDirty(false);
    return () => {
      editor.destroy();
      view.current = undefined;
    };
  }, [file]);

  const check = async (): Promise<FileProblem[] | undefined> => {
    const editor = view.current;
    if (!editor) return undefined;
    setChecking(true);
    try {
      const result = await run('compose.check', { program, stack, path, text: editor.state.doc.toString() });
      setProblems(result.problems);
      editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor, result.problems)));
      return result.problems;
    } catch (e) {
      setSaveError(errorText(e));
      return undefined;
    } finally {
      setChecking(false);
    }
  };

  const prepare = async (apply: boolean) => {
    setSaveError(undefined);
    const found = await check();
    if (!found || found.length > 0 || !view.current) return;
    setConfirm({ text: view.current.state.doc.toString(), apply });
  };

  const save = async () => {
    if (!confirm || !file) return;
    const { text, apply } = confirm;
    setConfirm(undefined);
    try {
      const saved = await client.call('compose.saveFile', { path, text, baseHash: file.hash });
      setFile(saved);
      if (apply) onApply();
    } catch (e) {
      setSaveError(errorText(e));
    }
  };

  const goTo = (line: number | undefined) => {
    const editor = view.current;
    if (!editor || !line) return;
    const at = editor.state.doc.line(Math.min(line, editor.state.doc.lines));
    editor.dispatch({ selection: { anchor: at.from }, scrollIntoView: true });
    editor.focus();
  };

  return (
    <div className="stk-editor">
      <div className="stk-editor-bar">
        {stack.files.length > 1 ? (
          <select className="input" aria-label="File" value={path} onChange={(e) => setPath(e.currentTarget.value)}>
            {stack.files.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        ) : (
          <code>{path}</code>
        )}
        <span className="faint">{dirty ? 'edited' : 'as on disk'}</span>
        <span className="stk-spacer" />
        <button type="button" className="btn btn--small" disabled={!file || checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check'}
        </button>
        <button type="button" className="btn btn--small" disabled={!dirty || checking} onClick={() => void prepare(false)}>
          Save…
        </button>
        <button type="button" className="btn btn--small btn--primary" disabled={!dirty || checking} onClick={() => void prepare(true)}>
          Apply…
        </button>
      </div>
      {loadError ? <p className="banner banner--error">{loadError}</p> : null}
      {saveError ? (
        <p className="banner banner--error" role="alert">
          {saveError}
        </p>
      ) : null}
      {problems ? (
        problems.length === 0 ? (
          <p className="stk-check-ok" role="status">
            Compose accepts the file.
          </p>
        ) : (
          <ul className="stk-problems" aria-label="Problems in the file">
            {problems.map((p, i) => (
              <li key={i}>
                <button type="button" className="stk-problem" onClick={() => goTo(p.line)}>
                  {p.line ? <strong>line {p.line}:</strong> : null} {p.message}{' '}
                  <span className="faint">({p.source === 'yaml' ? 'YAML' : program})</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <div ref={host} className="stk-editor-host" />
      {confirm && file ? (
        <DiffDialog
          before={file.text}
          after={confirm.text}
          applying={confirm.apply}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => void save()}
        />
      ) : null}
    </div>
  );
}
