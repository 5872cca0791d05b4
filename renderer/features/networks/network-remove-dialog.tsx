import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { blocksRemoval, type NetworkContainer } from '../../../shared/network-types.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { shortId } from '../../lib/short-id.js';
import { nameIsShared, networkCliRef } from './network-display.js';
import { useNetworkTools } from './use-network-tools.js';
import { SameAsCommand, EngineRefusal } from '../../components/same-as-command.js';

/** Remove one network: says what goes, which containers lose it, and the engine's refusal if any. */
export function RemoveNetworkDialog() {
  const { actions } = useNetworkTools();
  const { networks } = useStores();
  const request = useStore(actions, (s) => s.remove);
  const listed = useStore(networks, (s) => s.items);
  if (!request) return null;
  const a = actions.getState();
  const { network } = request;
  const active = network.containers.filter(blocksRemoval);
  const stopped = network.containers.filter((c) => !blocksRemoval(c));
  const shared = nameIsShared(network, listed);
  return (
    <Dialog
      title={
        <>
          Remove network <span className="mono">{network.name}</span>
          {shared ? <span className="mono faint"> ({shortId(network.id)})</span> : null}?
        </>
      }
      className="net-dialog"
      danger
      submitLabel="Remove"
      busyLabel="Removing…"
      busy={request.busy}
      onCancel={() => a.cancelRemove()}
      onSubmit={() => void a.confirmRemove()}
    >
      {shared ? (
        <p className="faint">
          Another network is also called {network.name}; this removes only the one with ID{' '}
          <span className="mono">{shortId(network.id)}</span>.
        </p>
      ) : null}
      <p>
        This deletes the network and its settings{network.ipam.length > 0 ? ' (subnet, gateway)' : ''}. Containers are not touched, and no
        file inside them is lost.
      </p>
      {active.length > 0 ? (
        <div className="dialog-warning">
          <p>
            <strong>
              {active.length} running {active.length === 1 ? 'container is' : 'containers are'} attached.
            </strong>{' '}
            The engine refuses to remove a network while a running container is on it: disconnect {active.length === 1 ? 'it' : 'them'}{' '}
            first.
          </p>
          <ContainerList label={`Running containers on ${network.name}`} containers={active} />
        </div>
      ) : null}
      {stopped.length > 0 ? (
        <div className="dialog-warning">
          <p>
            <strong>
              {stopped.length} stopped {stopped.length === 1 ? 'container is' : 'containers are'} attached.
            </strong>{' '}
            The engine removes the network anyway, and {stopped.length === 1 ? 'that container' : 'those containers'} will then fail to
            start (“network not found”) until connected to another network instead.
          </p>
          <ContainerList label={`Stopped containers on ${network.name}`} containers={stopped} />
        </div>
      ) : null}
      {request.refusal ? <EngineRefusal message={request.refusal} /> : null}
      <SameAsCommand command={cliEquivalent('networks.remove', { network: networkCliRef(network, listed) })} />
    </Dialog>
  );
}

function ContainerList({ label, containers }: { label: string; containers: readonly NetworkContainer[] }) {
  return (
    <ul className="net-dialog-list" aria-label={label}>
      {containers.map((c) => (
        <li key={c.id}>
          <span className="primary">{c.name}</span> <span className="faint">{c.state}</span>{' '}
          {c.ipv4 ? <span className="mono muted">{c.ipv4}</span> : null}
        </li>
      ))}
    </ul>
  );
}
