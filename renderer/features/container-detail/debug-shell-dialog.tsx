import { useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { SameAsCommand } from '../../components/same-as-command.js';
import { useSettings } from '../settings/settings-context.js';
import { defaultToolboxImage } from './toolbox-image.js';

/** Says what a debug shell does (as Docker Debug does), lets the user pick the toolbox image, then opens it in the terminal panel. */
export function DebugShellDialog({ id, name, onClose }: { id: string; name: string; onClose(): void }) {
  const { images, terminals } = useStores();
  const items = useStore(images, (s) => s.items);
  const refs = useMemo(
    () => [...new Set(items.filter((r) => r.repository !== '<none>' && r.tag !== '<none>').map((r) => `${r.repository}:${r.tag}`))].sort(),
    [items],
  );
  const remembered = useSettings((s) => s.toolboxImage);
  const remember = useSettings((s) => s.setToolboxImage);
  const [image, setImage] = useState(() => defaultToolboxImage(refs, remembered));
  const listId = useId();
  const chosen = image.trim();
  const known = refs.includes(chosen) || refs.includes(`${chosen}:latest`);
  const command = cliEquivalent('terminal.debugShell', { containerId: name, image: chosen || 'IMAGE', cols: 80, rows: 24 });
  return (
    <Dialog
      title={
        <>
          Debug shell for <span className="mono">{name}</span>
        </>
      }
      className="dialog--wide"
      submitLabel="Open debug shell"
      submitDisabled={!chosen}
      onCancel={onClose}
      onSubmit={() => {
        remember(chosen);
        terminals.getState().openDebugShell({ id, name }, chosen);
        onClose();
      }}
    >
      <p>
        For a container without a shell of its own (slim, distroless, <span className="mono">FROM scratch</span>): Berth starts a toolbox
        container from an image the engine already has, in <span className="mono">{name}</span>&apos;s process and network namespaces. From
        its shell you see and signal {name}&apos;s processes (<span className="mono">ps</span>, <span className="mono">kill</span>), use its
        network (<span className="mono">wget</span>, <span className="mono">nc</span>) and read its files under{' '}
        <span className="mono">/proc/1/root</span>, where the shell starts. Nothing is added to {name} itself. The toolbox container is
        removed when you close the tab or leave the shell.
      </p>
      <div className="cd-form-grid">
        <label className="cd-span-2">
          Toolbox image
          <input
            autoFocus
            list={listId}
            value={image}
            spellCheck={false}
            onChange={(e) => setImage(e.currentTarget.value)}
            aria-describedby={`${listId}-hint`}
          />
        </label>
      </div>
      <datalist id={listId}>
        {refs.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <p id={`${listId}-hint`} className="faint">
        {known
          ? 'Any image with sh works; Berth remembers your choice.'
          : `The engine does not list ${chosen || 'this image'}: pull it first, or pick one it has.`}
      </p>
      <SameAsCommand command={command ?? ''} />
    </Dialog>
  );
}
