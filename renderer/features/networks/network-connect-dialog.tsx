import { useMemo } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { Dialog } from '../../components/dialog.js';
import { networkCliRef } from './network-display.js';
import { useNetworkTools } from './use-network-tools.js';
import { SameAsCommand } from '../../components/same-as-command.js';

/** Connect a container: pick one (those that cannot join are shown disabled), optionally a fixed address. */
export function ConnectDialog() {
  const { actions } = useNetworkTools();
  const { containers, networks } = useStores();
  const request = useStore(actions, (s) => s.connect);
  const all = useStore(containers, (s) => s.items);
  const allNetworks = useStore(networks, (s) => s.items);
  // A container in the host's or no network namespace cannot join another network.
  const isolated = useMemo(
    () =>
      new Map(allNetworks.filter((n) => n.builtIn && n.name !== 'bridge').flatMap((n) => n.containers.map((c) => [c.id, n.name] as const))),
    [allNetworks],
  );
  if (!request) return null;
  const a = actions.getState();
  const { network } = request;
  const onIt = new Set(network.containers.map((c) => c.id));
  const candidates = all.filter((c) => !onIt.has(c.id)).sort((x, y) => x.name.localeCompare(y.name));
  return (
    <Dialog
      title={
        <>
          Connect a container to <span className="mono">{network.name}</span>
        </>
      }
      className="net-dialog"
      submitLabel="Connect"
      busyLabel="Connecting…"
      busy={request.busy}
      onCancel={() => a.cancelConnect()}
      onSubmit={() => void a.confirmConnect()}
    >
      <p>
        The container gets an address on {network.name}{' '}
        {network.ipam[0]?.subnet ? <span className="mono">({network.ipam[0].subnet})</span> : null} beside the networks it is already on. A
        stopped container gets its address when it starts.
      </p>
      <label className="im-field net-field">
        <span>Container</span>
        <select
          className="input"
          value={request.container?.id ?? ''}
          autoFocus
          onChange={(e) => {
            const id = e.currentTarget.value;
            const chosen = candidates.find((c) => c.id === id);
            a.setConnectContainer(chosen ? { id: chosen.id, name: chosen.name } : null);
          }}
        >
          <option value="">Choose a container…</option>
          {candidates.map((c) => {
            const mode = isolated.get(c.id);
            return (
              <option key={c.id} value={c.id} disabled={mode !== undefined}>
                {c.name} ({c.state}){mode ? ` — uses --network ${mode}, cannot join another network` : ''}
              </option>
            );
          })}
        </select>
      </label>
      {candidates.length === 0 ? <p className="faint">Every container is on this network already.</p> : null}
      <label className="im-field net-field">
        <span>IPv4 address (optional)</span>
        <input
          className="input mono"
          value={request.address}
          spellCheck={false}
          placeholder={network.ipam[0]?.subnet ? `an address in ${network.ipam[0].subnet}` : '10.42.0.10'}
          onChange={(e) => a.setConnectAddress(e.currentTarget.value)}
        />
        <span className="faint net-field-hint">
          Empty: the engine picks a free one. A fixed address works only on a network created with --subnet.
        </span>
      </label>
      {request.error ? (
        <p className="net-field-error" role="alert">
          {request.error}
        </p>
      ) : null}
      <SameAsCommand
        command={cliEquivalent('networks.connect', {
          network: networkCliRef(network, allNetworks),
          container: request.container?.name ?? 'CONTAINER',
          ...(request.address.trim() ? { ipv4Address: request.address.trim() } : {}),
        })}
      />
    </Dialog>
  );
}
