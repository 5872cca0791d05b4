import { Dialog } from '../../components/dialog.js';
import { shortcutList } from './shortcuts.js';

/** The help sheet on `?`: every shortcut, in a two-column list. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      submitLabel={null}
      cancelLabel="Close"
      onCancel={onClose}
      onSubmit={onClose}
      className="dialog--wide"
    >
      <dl className="shortcut-list">
        {shortcutList.map((s) => (
          <div key={s.what} className="shortcut-item">
            <dt>
              {s.keys.map((k, i) => (
                <kbd key={i}>{k}</kbd>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
