import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import type { LessonObjects } from '../../../shared/learn-types.js';
import { Dialog } from '../../components/dialog.js';
import { plural } from '../../lib/plural.js';
import type { LearnStore } from './learn-store.js';

/** Lists what the lesson made and removes it only after the user confirms that list. */
export function CleanupDialog({ store, lessonId, lessonTitle }: { store: LearnStore; lessonId: string; lessonTitle: string }) {
  const cleanup = useStore(store, (s) => s.cleanup);
  const prefix = useStore(store, (s) => s.settings.prefix);
  const close = (): void => store.getState().dismissCleanup();
  if (cleanup.phase === 'idle' || cleanup.phase === 'loading') return null;
  if (cleanup.phase === 'failed') {
    return (
      <Dialog title="Clean up" onCancel={close} onSubmit={close} submitLabel={null} cancelLabel="Close" refusal={cleanup.error}>
        <p>Nothing was removed.</p>
      </Dialog>
    );
  }
  if (cleanup.phase === 'done') {
    const failed = cleanup.outcomes.filter((o) => !o.removed);
    return (
      <Dialog title="Clean up" onCancel={close} onSubmit={close} submitLabel={null} cancelLabel="Close">
        <p>{plural(cleanup.outcomes.length - failed.length, 'object')} removed.</p>
        {failed.length > 0 ? (
          <ul className="learn-cleanup-list">
            {failed.map((o) => (
              <li key={`${o.kind}:${o.ref}`}>
                <span className="mono">{o.ref}</span> kept: {o.error}
              </li>
            ))}
          </ul>
        ) : null}
      </Dialog>
    );
  }
  const { objects } = cleanup;
  const count = objects.containers.length + objects.images.length;
  const running = objects.containers.filter((c) => c.state === 'running' || c.state === 'paused').length;
  return (
    <Dialog
      title={`Clean up “${lessonTitle}”`}
      danger
      onCancel={close}
      onSubmit={() => void store.getState().confirmCleanup()}
      submitLabel={count === 0 ? null : `Remove ${plural(count, 'object')}`}
      busy={cleanup.phase === 'removing'}
      busyLabel="Removing…"
      cancelLabel={count === 0 ? 'Close' : 'Cancel'}
      command={count === 0 ? undefined : cleanupLine(lessonId, prefix, objects)}
      describedByBody
    >
      {count === 0 ? (
        <p>This lesson left nothing on the engine: no container or image carries its label and names.</p>
      ) : (
        <>
          <p>
            These carry the lesson’s label and names, and nothing else will be touched.
            {running > 0 ? ` ${plural(running, 'running container')} will be stopped and removed.` : ''} Their files go with them.
          </p>
          {objects.containers.length > 0 ? (
            <>
              <h3 className="learn-cleanup-head">Containers</h3>
              <ul className="learn-cleanup-list" aria-label="Containers to remove">
                {objects.containers.map((c) => (
                  <li key={c.id}>
                    <span className="mono">{c.name}</span> <span className="faint">{c.state}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {objects.images.length > 0 ? (
            <>
              <h3 className="learn-cleanup-head">Images</h3>
              <ul className="learn-cleanup-list" aria-label="Images to remove">
                {objects.images.map((i) => (
                  <li key={i.ref} className="mono">
                    {i.ref.startsWith('sha256:') ? `untagged ${i.ref.slice(7, 19)}` : i.ref}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Dialog>
  );
}

function cleanupLine(lesson: string, prefix: string, objects: LessonObjects): string | undefined {
  return cliEquivalent('learn.cleanup', {
    lesson,
    prefix,
    containers: objects.containers.map((c) => c.name),
    images: objects.images.map((i) => i.ref),
  });
}
