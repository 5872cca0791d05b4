import { useMemo } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { networkCliRef } from './network-display.js';
import { useNetworkTools } from './use-network-tools.js';
import { SameAsCommand, EngineRefusal } from '../../components/same-as-command.js';

/** Disconnect a container from a network: says what it loses, and whether it is left with no network at all. */
export function DisconnectDialog() {
  const { actions } = useNetworkTools();
  const { networks } = useStores();
  const request = useStore(actions, (s) => s.disconnect);
  const containerId = request?.container.id;
  const networkId = request?.network.id;
  const all = useStore(networks, (s) => s.items);
  const elsewhere = useMemo(
    () => all.filter((n) => n.id !== networkId && n.containers.some((c) => c.id === containerId)).map((n) => n.name),
    [all, networkId, containerId],
  );
  if (!request) return null;
  const a = actions.getState();
  const { network, container } = request;
  return (
    <Dialog
      title={
        <>
          Disconnect <span className="mono">{container.name}</span> from <span className="mono">{network.name}</span>?
        </>
      }
      className="net-dialog"
      danger
      submitLabel="Disconnect"
      busyLabel="Disconnecting…"
      busy={request.busy}
      onCancel={() => a.cancelDisconnect()}
      onSubmit={() => void a.confirmDisconnect()}
    >
      <p>
        {container.name} loses its address on {network.name}
        {container.ipv4 ? (
          <>
            {' '}
            (<span className="mono">{container.ipv4}</span>)
          </>
        ) : null}{' '}
        and can no longer reach the other containers on it, nor they it; open connections over it break. Connecting it again may give it a
        different address.
      </p>
      {elsewhere.length > 0 ? (
        <p className="faint">It stays on {elsewhere.join(', ')}.</p>
      ) : (
        <div className="dialog-warning">
          <p>
            <strong>This is its only network:</strong> {container.name} will have no network at all (only its loopback interface) until you
            connect it again.
          </p>
        </div>
      )}
      {request.error ? <EngineRefusal message={request.error} /> : null}
      <SameAsCommand command={cliEquivalent('networks.disconnect', { network: networkCliRef(network, all), container: container.name })} />
    </Dialog>
  );
}
