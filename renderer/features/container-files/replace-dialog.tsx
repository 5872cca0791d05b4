import { Dialog } from '../../components/dialog.js';

/** Asks before an upload replaces files of the same name; replacing loses their old contents. */
export function ReplaceDialog({
  names,
  dir,
  onReplace,
  onCancel,
}: {
  names: readonly string[];
  dir: string;
  onReplace(): void;
  onCancel(): void;
}) {
  const shown = names.slice(0, 8);
  return (
    <Dialog
      title={
        names.length === 1 ? (
          <>
            Replace <span className="mono">{names[0]}</span>?
          </>
        ) : (
          `Replace ${names.length} files?`
        )
      }
      danger
      submitLabel="Replace"
      onCancel={onCancel}
      onSubmit={onReplace}
    >
      <p>
        {names.length === 1 ? 'A file of that name is' : 'Files of these names are'} already in <span className="mono">{dir}</span>.
        Replacing overwrites {names.length === 1 ? 'its' : 'their'} contents in the container; the old contents are lost.
      </p>
      {names.length > 1 ? (
        <ul className="cf-replace-list" aria-label="Files that would be replaced">
          {shown.map((n) => (
            <li key={n} className="mono">
              {n}
            </li>
          ))}
          {names.length > shown.length ? <li className="faint">…and {names.length - shown.length} more</li> : null}
        </ul>
      ) : null}
    </Dialog>
  );
}
