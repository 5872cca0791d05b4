import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { RelativeTime } from '../../components/relative-time.js';
import { formatSize } from '../../lib/format-size.js';
import { shortId } from '../../lib/short-id.js';
import { useImageTools } from './use-image-tools.js';
import { useEngineFeatureOff } from '../engines/use-engine-feature.js';
import { Dialog } from '../../components/dialog.js';
import { SameAsCommand, EngineRefusal } from '../../components/same-as-command.js';

export function PrunePanel({ onClose }: { onClose(): void }) {
  const { prune } = useImageTools();
  const s = useStore(prune, (x) => x);
  const pruneOff = useEngineFeatureOff('imagePrune');
  useEffect(() => {
    void prune.getState().open();
    return () => prune.getState().close();
  }, [prune]);
  const close = (): void => onClose();
  return (
    <section className="ipanel" aria-label="Prune dangling images">
      <div className="ipanel-head">
        <h2>Prune dangling images</h2>
        <span className="faint">
          Same as <code>{cliEquivalent('images.prune', {})}</code>
        </span>
      </div>
      <p className="hint">
        Dangling images have no tag: usually an older build whose tag moved to a newer one. Pruning deletes them and gives back the space
        only they use.
      </p>
      {s.phase === 'loading' ? <p className="muted">Looking for dangling images…</p> : null}
      {s.phase === 'error' ? (
        <p className="im-field-error" role="alert">
          {s.error}
        </p>
      ) : null}
      {s.preview && (s.phase === 'preview' || s.phase === 'pruning') ? (
        s.preview.images.length === 0 ? (
          <p role="status">Nothing to prune: no dangling images.</p>
        ) : (
          <>
            <p role="status">
              <strong>
                {s.preview.images.length} {s.preview.images.length === 1 ? 'image' : 'images'}
              </strong>{' '}
              would go, giving back <strong>{formatSize(s.preview.spaceReclaimable)}</strong>
              {s.preview.keptInUse > 0 ? ` (${s.preview.keptInUse} kept: containers use them)` : ''}.
            </p>
            <ul className="prune-list" aria-label="Images to prune">
              {s.preview.images.map((img) => (
                <li key={img.id}>
                  <span className="mono">{shortId(img.id)}</span>
                  <span className="muted">
                    <RelativeTime unixSeconds={img.created} />
                  </span>
                  <span className="mono">{formatSize(img.size)}</span>
                  <span className="faint">{img.reclaimable !== null ? `${formatSize(img.reclaimable)} only its own` : ''}</span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {s.phase === 'done' && s.result ? (
        <p role="status">
          Deleted {s.result.deleted.length} {s.result.deleted.length === 1 ? 'image layer' : 'image layers'}, reclaimed{' '}
          <strong>{formatSize(s.result.spaceReclaimed)}</strong>.
        </p>
      ) : null}
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={close}>
          {s.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
        {s.phase === 'preview' || s.phase === 'pruning' ? (
          <button
            type="button"
            className="btn btn--danger"
            disabled={s.phase === 'pruning' || (s.preview?.images.length ?? 0) === 0 || pruneOff !== undefined}
            title={pruneOff}
            aria-describedby={pruneOff ? 'image-prune-off' : undefined}
            onClick={() => void prune.getState().confirm()}
          >
            {s.phase === 'pruning' ? 'Pruning…' : 'Prune'}
          </button>
        ) : null}
        {pruneOff ? (
          <span id="image-prune-off" className="faint">
            {pruneOff}
          </span>
        ) : null}
      </div>
    </section>
  );
}

/** Where an account's credentials come from, in a few words. */
function accountSource(a: { source: 'berth' | 'docker-config'; helper?: string | undefined }): string {
  if (a.source === 'berth') return 'logged in through Berth';
  return a.helper ? `docker-credential-${a.helper} (docker CLI)` : '~/.docker/config.json';
}

export function RegistriesPanel({ onClose }: { onClose(): void }) {
  const { accounts } = useImageTools();
  const s = useStore(accounts, (x) => x);
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const usernameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void accounts.getState().load();
  }, [accounts]);
  // "Log in to <registry>" on a failed pull or push: fill in the server, start at the username.
  const request = s.loginRequest;
  useEffect(() => {
    if (!request) return;
    setServer(request.serverAddress);
    setPassword('');
    usernameInput.current?.focus();
  }, [request]);
  return (
    <section className="ipanel" aria-label="Registries">
      <div className="ipanel-head">
        <h2>Registries</h2>
        <span className="faint">
          Berth checks credentials with the registry before keeping them. Passwords are never shown, logged or sent to this window.
        </span>
      </div>
      {s.storage ? (
        <p
          className={`login-storage${s.storage.persistent ? '' : ' login-storage--session'}`}
          role="status"
          aria-label="Where logins are kept"
        >
          {s.storage.summary}
          {s.storage.note ? <span className="login-storage-note"> {s.storage.note}</span> : null}
        </p>
      ) : null}
      <form
        className="login-form"
        aria-label="Log in to a registry"
        onSubmit={(e) => {
          e.preventDefault();
          void accounts
            .getState()
            .login(server.trim(), username.trim(), password)
            .then((ok) => {
              if (ok) setPassword('');
            });
        }}
      >
        <label className="im-field">
          <span>Server</span>
          <input
            className="input mono"
            value={server}
            placeholder="127.0.0.1:5001"
            spellCheck={false}
            onChange={(e) => setServer(e.currentTarget.value)}
          />
        </label>
        <label className="im-field">
          <span>Username</span>
          <input
            ref={usernameInput}
            className="input"
            value={username}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label className="im-field">
          <span>Password</span>
          <input
            className="input"
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="btn btn--primary" disabled={s.busy || !server || !username || !password}>
          {s.busy ? 'Checking…' : 'Log in'}
        </button>
      </form>
      {s.loginError ? (
        <p className="im-field-error" role="alert">
          Login failed: {s.loginError}
        </p>
      ) : null}
      {s.error ? <p className="im-field-error">Could not list accounts: {s.error}</p> : null}
      <ul className="accounts" aria-label="Registry accounts">
        {s.loaded && s.accounts.length === 0 ? <li className="muted">No registry accounts yet.</li> : null}
        {s.accounts.map((a) => (
          <li key={a.serverAddress} aria-label={`Account ${a.serverAddress}`} className={a.usable ? '' : 'account--unusable'}>
            <span className="mono">{a.serverAddress}</span>
            {a.username ? <span>{a.username}</span> : null}
            <span className="faint">{accountSource(a)}</span>
            {a.note ? <span className="account-note">{a.note}</span> : null}
            {a.usable ? (
              <button
                type="button"
                className="btn btn--small"
                aria-label={`Log out of ${a.serverAddress}`}
                onClick={() => void accounts.getState().logout(a.serverAddress)}
              >
                Log out
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

export function ImageDialogs() {
  const { actions } = useImageTools();
  const remove = useStore(actions, (s) => s.remove);
  const tag = useStore(actions, (s) => s.tag);
  return (
    <>
      {remove ? <RemoveImageDialog key={remove.target} /> : null}
      {tag ? <TagDialog key={tag.image + tag.label} /> : null}
    </>
  );
}

function RemoveImageDialog() {
  const { actions } = useImageTools();
  const request = useStore(actions, (s) => s.remove);
  if (!request) return null;
  const a = actions.getState();
  const tagged = !request.label.startsWith('<none>');
  return (
    <Dialog
      title={
        <>
          Remove image <span className="mono">{request.label}</span>?
        </>
      }
      danger
      submitLabel="Remove"
      busy={request.busy}
      actions={
        request.refusal ? (
          <button type="button" className="btn btn--danger" disabled={request.busy} onClick={() => void a.confirmRemove(true)}>
            Force remove
          </button>
        ) : undefined
      }
      onCancel={() => a.cancelRemove()}
      onSubmit={() => void a.confirmRemove(false)}
    >
      <p>
        {tagged
          ? 'This removes the tag. When it is the image’s last tag, the image and the layers no other image uses are deleted too.'
          : 'This deletes the image and the layers no other image uses.'}
      </p>
      {request.refusal ? (
        <EngineRefusal message={request.refusal}>
          <p>
            <strong>Force remove</strong> removes the tags anyway. Containers made from it keep running and keep their files, but show the
            bare image ID; the layers are deleted only once no container uses them.
          </p>
        </EngineRefusal>
      ) : null}
      <SameAsCommand
        command={cliEquivalent('images.remove', request.refusal ? { image: request.target, force: true } : { image: request.target })}
      />
    </Dialog>
  );
}

function TagDialog() {
  const { actions } = useImageTools();
  const request = useStore(actions, (s) => s.tag);
  const [target, setTarget] = useState('');
  if (!request) return null;
  const a = actions.getState();
  return (
    <Dialog
      title={
        <>
          Tag <span className="mono">{request.label}</span>
        </>
      }
      submitLabel="Add tag"
      busy={request.busy}
      submitDisabled={target.trim() === ''}
      onCancel={() => a.cancelTag()}
      onSubmit={() => void a.confirmTag(target.trim())}
    >
      <label className="im-field">
        <span>New reference (repository:tag)</span>
        <input
          className="input mono"
          autoFocus
          value={target}
          spellCheck={false}
          placeholder="127.0.0.1:5000/team/app:1.0"
          onChange={(e) => setTarget(e.currentTarget.value)}
        />
      </label>
      <p>A tag is another name for the same image: no bytes are copied. To push to a registry, the name starts with its address.</p>
      {request.error ? (
        <p className="im-field-error" role="alert">
          {request.error}
        </p>
      ) : null}
      <SameAsCommand command={cliEquivalent('images.tag', { image: request.label, target: target || 'REPOSITORY:TAG' })} />
    </Dialog>
  );
}
