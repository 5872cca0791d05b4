import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { blocksRemoval, type NetworkContainer } from '../../../shared/network-types.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { shortId } from '../../lib/short-id.js';
import { nameIsShared, networkCliRef } from './network-display.js';
import { RemovalResults } from './network-removal-results.js';
import { useNetworkTools } from './use-network-tools.js';
import { SameAsCommand } from '../../components/same-as-command.js';

/** What happens to one network of a bulk remove, given its containers. */
function bulkNote(containers: readonly NetworkContainer[]): ReactNode {
  if (containers.length === 0) return <span className="faint">no containers</span>;
  const active = containers.filter(blocksRemoval);
  const names = containers.map((c) => c.name).join(', ');
  if (active.length > 0)
    return <span className="net-warn">{names} attached: the engine will refuse this one until the running ones are disconnected</span>;
  return (
    <span className="net-warn">{names} (stopped) attached: removed anyway, and they will fail to start until connected elsewhere</span>
  );
}

/** Remove the selected networks: one confirmation listing each with what happens to it, then each outcome. */
export function BulkRemoveDialog() {
  const { actions } = useNetworkTools();
  const { networks } = useStores();
  const request = useStore(actions, (s) => s.bulk);
  const listed = useStore(networks, (s) => s.items);
  if (!request) return null;
  const a = actions.getState();
  const busy = request.networks.filter((n) => n.containers.some(blocksRemoval));
  const refs = request.networks.map((n) => networkCliRef(n, listed));
  return (
    <Dialog
      title={
        <>
          Remove {refs.length} {refs.length === 1 ? 'network' : 'networks'}?
        </>
      }
      className="net-dialog"
      danger
      cancelLabel={request.results ? 'Close' : 'Cancel'}
      submitLabel={request.results ? null : `Remove ${refs.length}`}
      busyLabel="Removing…"
      busy={request.busy}
      submitDisabled={refs.length === 0}
      onCancel={() => a.closeBulk()}
      onSubmit={() => void a.confirmRemoveMany()}
    >
      {request.results ? (
        <RemovalResults results={request.results} label="Removal results" />
      ) : (
        <>
          <p>These networks and their settings are deleted. Containers are not touched.</p>
          <ul className="net-dialog-list" aria-label="Networks to remove">
            {request.networks.map((n) => (
              <li key={n.id}>
                <span className="primary">{n.name}</span>
                {nameIsShared(n, listed) ? <span className="mono faint"> ({shortId(n.id)})</span> : null} {bulkNote(n.containers)}
              </li>
            ))}
          </ul>
          {busy.length > 0 ? <p className="faint">The others are removed anyway; each network’s outcome is listed afterwards.</p> : null}
          <SameAsCommand command={refs.length > 0 ? cliEquivalent('networks.removeMany', { networks: refs }) : ''} />
        </>
      )}
    </Dialog>
  );
}
