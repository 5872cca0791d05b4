import { useState } from 'react';
import { streamCliEquivalent } from '../../../shared/contract.js';
import type { ComposeProgram, StackDescription } from '../../../shared/compose-types.js';
import { Dialog } from '../../components/dialog.js';
import type { StackEntry } from './stack-groups.js';

/** `down`, after naming what goes: every container of the stack, and with -v its volumes. */
export function DownDialog({
  stack,
  description,
  program,
  onCancel,
  onConfirm,
}: {
  stack: StackEntry;
  description: StackDescription | undefined;
  program: ComposeProgram | null;
  onCancel(): void;
  onConfirm(volumes: boolean): void;
}) {
  const [volumes, setVolumes] = useState(false);
  const containers = stack.services.flatMap((s) => s.containers);
  const named = (description?.volumes ?? []).filter((v) => !v.external);
  const external = (description?.volumes ?? []).filter((v) => v.external);
  const command =
    stack.ref && program ? (streamCliEquivalent('compose.run', { program, stack: stack.ref, run: { action: 'down', volumes } }) ?? '') : '';
  return (
    <Dialog
      title={`Take ${stack.project} down`}
      onCancel={onCancel}
      onSubmit={() => onConfirm(volumes)}
      submitLabel={volumes ? 'Down and remove volumes' : 'Down'}
      danger
      command={command}
      describedByBody
    >
      <p>
        {containers.length === 0 ? (
          'The stack has no containers; down removes its networks.'
        ) : (
          <>
            Removes {containers.length === 1 ? 'this container' : `these ${containers.length} containers`} (their writable layers go with
            them) and the stack&apos;s networks:
          </>
        )}
      </p>
      {containers.length > 0 ? (
        <ul className="stk-loss" aria-label="Containers removed">
          {containers.map((c) => (
            <li key={c.id} className="mono">
              {c.name}
            </li>
          ))}
        </ul>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.currentTarget.checked)} /> Also remove volumes (-v)
      </label>
      {volumes ? (
        <div className="dialog-warning">
          <p>
            <strong>Their data is lost for good:</strong>
          </p>
          <ul className="stk-loss" aria-label="Volumes removed">
            {named.map((v) => (
              <li key={v.name} className="mono">
                {v.name}
              </li>
            ))}
            <li>and every anonymous volume of these containers</li>
          </ul>
          {external.length > 0 ? <p className="faint">Kept (external): {external.map((v) => v.name).join(', ')}</p> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
