import { useState } from 'react';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { SameAsCommand } from '../../components/same-as-command.js';
import { parseImageReference } from '../../../shared/image-types.js';
import { errorText } from '../../lib/error-text.js';

/** The reference a commit made (`repo:tag`, the tag `latest` when none is given), and whether it names a registry to push to. */
export function committedReference(repository: string, tag: string): { reference: string; registry: string | null } {
  const reference = `${repository}:${tag || 'latest'}`;
  const parsed = parseImageReference(reference);
  return { reference, registry: parsed.ok ? parsed.parts.registry : null };
}

/** Which field an engine error is about, so it shows next to that field. */
function fieldOf(message: string): 'repository' | 'tag' | 'author' | 'message' | null {
  const m = message.toLowerCase();
  if (m.includes('tag')) return 'tag';
  if (m.includes('repository') || m.includes('reference') || m.includes('invalid reference')) return 'repository';
  if (m.includes('author')) return 'author';
  return null;
}

/** `docker commit` as a form: shows the command it equals, then the new image ID or the engine's reason. */
export function CommitDialog({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const { run, goTo, imageTools } = useStores();
  const [repository, setRepository] = useState('');
  const [tag, setTag] = useState('');
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState('');
  const [pause, setPause] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imageId, setImageId] = useState<string | null>(null);
  /** What was committed (the fields may be edited after). */
  const [made, setMade] = useState<{ reference: string; registry: string | null } | null>(null);
  const [goError, setGoError] = useState<string | null>(null);

  const input = {
    id: name,
    repository: repository.trim(),
    ...(tag.trim() ? { tag: tag.trim() } : {}),
    ...(message ? { message } : {}),
    ...(author ? { author } : {}),
    ...(pause ? {} : { pause: false }),
  };
  const command = cliEquivalent('containers.commit', { ...input, repository: input.repository || 'REPOSITORY' });
  const errorField = error ? fieldOf(error) : null;
  const fieldError = (f: string) =>
    error && errorField === f ? (
      <span className="cd-field-error" role="alert">
        {error}
      </span>
    ) : null;

  const submit = (): void => {
    if (imageId) return onClose();
    setBusy(true);
    setError(null);
    run('containers.commit', { ...input, id }, { shownAs: input, quiet: true, describe: (o) => o.imageId }).then(
      (o) => {
        setImageId(o.imageId);
        setMade(committedReference(input.repository, input.tag ?? ''));
        setBusy(false);
      },
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setBusy(false);
      },
    );
  };

  return (
    <Dialog
      title={
        <>
          Commit <span className="mono">{name}</span> to an image
        </>
      }
      className="dialog--wide"
      cancelLabel={imageId ? 'Close' : 'Cancel'}
      submitLabel={imageId ? null : 'Commit'}
      busyLabel="Committing…"
      busy={busy}
      submitDisabled={!repository.trim()}
      onCancel={onClose}
      onSubmit={submit}
    >
      <p>Turns the container's writable layer into a new image layer on top of its image. Volumes are not included.</p>
      <div className="cd-form-grid">
        <label>
          Repository
          <input
            autoFocus
            required
            value={repository}
            placeholder="myrepo/snapshot"
            spellCheck={false}
            aria-invalid={errorField === 'repository'}
            onChange={(e) => setRepository(e.currentTarget.value)}
          />
          {fieldError('repository')}
        </label>
        <label>
          Tag
          <input
            value={tag}
            placeholder="latest"
            spellCheck={false}
            aria-invalid={errorField === 'tag'}
            onChange={(e) => setTag(e.currentTarget.value)}
          />
          {fieldError('tag')}
        </label>
        <label className="cd-span-2">
          Message
          <input value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          {fieldError('message')}
        </label>
        <label className="cd-span-2">
          Author
          <input value={author} placeholder="Name <email>" onChange={(e) => setAuthor(e.currentTarget.value)} />
          {fieldError('author')}
        </label>
      </div>
      <label className="check check--accent">
        <input type="checkbox" checked={pause} onChange={(e) => setPause(e.currentTarget.checked)} />
        Pause the container while committing (consistent files)
      </label>
      <SameAsCommand command={command} />
      {error && !errorField ? (
        <div role="alert" className="banner banner--error">
          {error}
        </div>
      ) : null}
      {imageId && made ? (
        <div role="status" className="banner banner--ok" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <span style={{ flexBasis: '100%', overflowWrap: 'anywhere' }}>
            Committed: <span className="mono">{made.reference}</span>, image <span className="mono">{imageId}</span>
          </span>
          <span style={{ display: 'flex', gap: 8, whiteSpace: 'nowrap' }}>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                setGoError(null);
                goTo.image(made.reference, imageId).then(onClose, (err: unknown) => setGoError(errorText(err)));
              }}
            >
              Show the image
            </button>
            {made.registry ? (
              <button
                type="button"
                className="btn btn--small btn--primary"
                title={`docker push ${made.reference}: send it to ${made.registry}`}
                onClick={() => {
                  imageTools.transfers.getState().push(made.reference);
                  // The push's progress card is in the images view, beside the image.
                  goTo.image(made.reference, imageId).then(onClose, (err: unknown) => setGoError(errorText(err)));
                }}
              >
                Push to {made.registry}
              </button>
            ) : null}
          </span>
        </div>
      ) : null}
      {goError ? (
        <div role="alert" className="banner banner--error">
          {goError}
        </div>
      ) : null}
    </Dialog>
  );
}
