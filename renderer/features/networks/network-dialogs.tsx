import { useId, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { useModalDialog } from '../../components/use-modal-dialog.js';
import { blocksRemoval, type NetworkContainer } from '../../../shared/network-types.js';
import { CreateNetworkDialog } from './network-create-dialog.js';
import { RemovalResults } from './network-prune-panel.js';
import { useNetworkTools } from './use-network-tools.js';

export function NetworkDialogs() {
  const { create, actions } = useNetworkTools();
  const createOpen = useStore(create, (s) => s.open);
  const remove = useStore(actions, (s) => s.remove);
  const bulk = useStore(actions, (s) => s.bulk);
  const connect = useStore(actions, (s) => s.connect);
  const disconnect = useStore(actions, (s) => s.disconnect);
  return (
    <>
      {createOpen ? <CreateNetworkDialog /> : null}
      {remove ? <RemoveNetworkDialog key={remove.network.id} /> : null}
      {bulk ? <BulkRemoveDialog /> : null}
      {connect ? <ConnectDialog key={connect.network.id} /> : null}
      {disconnect ? <DisconnectDialog key={`${disconnect.network.id}/${disconnect.container.id}`} /> : null}
    </>
  );
}

function RemoveNetworkDialog() {
  const { actions } = useNetworkTools();
  const request = useStore(actions, (s) => s.remove);
  const ref = useModalDialog();
  const titleId = useId();
  if (!request) return null;
  const a = actions.getState();
  const { network } = request;
  const active = network.containers.filter(blocksRemoval);
  const stopped = network.containers.filter((c) => !blocksRemoval(c));
  return (
    <dialog ref={ref} className="dialog net-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), a.cancelRemove())}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), void a.confirmRemove())}>
        <h2 id={titleId} className="dialog-title">
          Remove network <span className="mono">{network.name}</span>?
        </h2>
        <div className="dialog-body">
          <p>
            This deletes the network and its settings{network.ipam.length > 0 ? ' (subnet, gateway)' : ''}. Containers are not touched, and no file inside them is lost.
          </p>
          {active.length > 0 ? (
            <div className="dialog-warning">
              <p>
                <strong>
                  {active.length} running {active.length === 1 ? 'container is' : 'containers are'} attached.
                </strong>{' '}
                The engine refuses to remove a network while a running container is on it: disconnect {active.length === 1 ? 'it' : 'them'} first.
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
                The engine removes the network anyway, and {stopped.length === 1 ? 'that container' : 'those containers'} will then fail to start (“network not found”) until
                connected to another network instead.
              </p>
              <ContainerList label={`Stopped containers on ${network.name}`} containers={stopped} />
            </div>
          ) : null}
          {request.refusal ? (
            <div className="dialog-warning" role="alert">
              <p>
                <strong>The engine refused:</strong> {request.refusal}
              </p>
            </div>
          ) : null}
          <p className="dialog-cli">
            <span className="faint">Same as</span> <code>{cliEquivalent('networks.remove', { network: network.name })}</code>
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => a.cancelRemove()}>
            Cancel
          </button>
          <button type="submit" className="btn btn--danger" disabled={request.busy}>
            {request.busy ? 'Removing…' : 'Remove'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function ContainerList({ label, containers }: { label: string; containers: readonly NetworkContainer[] }) {
  return (
    <ul className="net-dialog-list" aria-label={label}>
      {containers.map((c) => (
        <li key={c.id}>
          <span className="primary">{c.name}</span> <span className="faint">{c.state}</span> {c.ipv4 ? <span className="mono muted">{c.ipv4}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** What happens to one network of a bulk remove, given its containers. */
function bulkNote(containers: readonly NetworkContainer[]): ReactNode {
  if (containers.length === 0) return <span className="faint">no containers</span>;
  const active = containers.filter(blocksRemoval);
  const names = containers.map((c) => c.name).join(', ');
  if (active.length > 0) return <span className="net-warn">{names} attached: the engine will refuse this one until the running ones are disconnected</span>;
  return <span className="net-warn">{names} (stopped) attached: removed anyway, and they will fail to start until connected elsewhere</span>;
}

function BulkRemoveDialog() {
  const { actions } = useNetworkTools();
  const request = useStore(actions, (s) => s.bulk);
  const ref = useModalDialog();
  const titleId = useId();
  if (!request) return null;
  const a = actions.getState();
  const busy = request.networks.filter((n) => n.containers.some(blocksRemoval));
  const names = request.networks.map((n) => n.name);
  return (
    <dialog ref={ref} className="dialog net-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), a.closeBulk())}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), void a.confirmRemoveMany())}>
        <h2 id={titleId} className="dialog-title">
          Remove {names.length} {names.length === 1 ? 'network' : 'networks'}?
        </h2>
        <div className="dialog-body">
          {request.results ? (
            <RemovalResults results={request.results} label="Removal results" />
          ) : (
            <>
              <p>These networks and their settings are deleted. Containers are not touched.</p>
              <ul className="net-dialog-list" aria-label="Networks to remove">
                {request.networks.map((n) => (
                  <li key={n.id}>
                    <span className="primary">{n.name}</span>{' '}
                    {bulkNote(n.containers)}
                  </li>
                ))}
              </ul>
              {busy.length > 0 ? <p className="faint">The others are removed anyway; each network’s outcome is listed afterwards.</p> : null}
              <p className="dialog-cli">
                <span className="faint">Same as</span> <code>{names.length > 0 ? cliEquivalent('networks.removeMany', { networks: names }) : ''}</code>
              </p>
            </>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => a.closeBulk()}>
            {request.results ? 'Close' : 'Cancel'}
          </button>
          {request.results ? null : (
            <button type="submit" className="btn btn--danger" disabled={request.busy || names.length === 0}>
              {request.busy ? 'Removing…' : `Remove ${names.length}`}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

function ConnectDialog() {
  const { actions } = useNetworkTools();
  const { containers, networks } = useStores();
  const request = useStore(actions, (s) => s.connect);
  const all = useStore(containers, (s) => s.items);
  const allNetworks = useStore(networks, (s) => s.items);
  // A container in the host's or no network namespace cannot join another network.
  const isolated = useMemo(
    () => new Map(allNetworks.filter((n) => n.builtIn && n.name !== 'bridge').flatMap((n) => n.containers.map((c) => [c.id, n.name] as const))),
    [allNetworks],
  );
  const ref = useModalDialog();
  const titleId = useId();
  if (!request) return null;
  const a = actions.getState();
  const { network } = request;
  const onIt = new Set(network.containers.map((c) => c.id));
  const candidates = all.filter((c) => !onIt.has(c.id)).sort((x, y) => x.name.localeCompare(y.name));
  return (
    <dialog ref={ref} className="dialog net-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), a.cancelConnect())}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), void a.confirmConnect())}>
        <h2 id={titleId} className="dialog-title">
          Connect a container to <span className="mono">{network.name}</span>
        </h2>
        <div className="dialog-body">
          <p>
            The container gets an address on {network.name} {network.ipam[0]?.subnet ? <span className="mono">({network.ipam[0].subnet})</span> : null} beside the networks it is
            already on. A stopped container gets its address when it starts.
          </p>
          <label className="im-field net-field">
            <span>Container</span>
            <select className="input" value={request.container} autoFocus onChange={(e) => a.setConnectContainer(e.currentTarget.value)}>
              <option value="">Choose a container…</option>
              {candidates.map((c) => {
                const mode = isolated.get(c.id);
                return (
                  <option key={c.id} value={c.name} disabled={mode !== undefined}>
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
            <span className="faint net-field-hint">Empty: the engine picks a free one. A fixed address works only on a network created with --subnet.</span>
          </label>
          {request.error ? (
            <p className="net-field-error" role="alert">
              {request.error}
            </p>
          ) : null}
          <p className="dialog-cli">
            <span className="faint">Same as</span> <code>{cliEquivalent('networks.connect', { network: network.name, container: request.container || 'CONTAINER', ...(request.address.trim() ? { ipv4Address: request.address.trim() } : {}) })}</code>
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => a.cancelConnect()}>
            Cancel
          </button>
          <button type="submit" className="btn btn--primary" disabled={request.busy}>
            {request.busy ? 'Connecting…' : 'Connect'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function DisconnectDialog() {
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
  const ref = useModalDialog();
  const titleId = useId();
  if (!request) return null;
  const a = actions.getState();
  const { network, container } = request;
  return (
    <dialog ref={ref} className="dialog net-dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), a.cancelDisconnect())}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), void a.confirmDisconnect())}>
        <h2 id={titleId} className="dialog-title">
          Disconnect <span className="mono">{container.name}</span> from <span className="mono">{network.name}</span>?
        </h2>
        <div className="dialog-body">
          <p>
            {container.name} loses its address on {network.name}
            {container.ipv4 ? (
              <>
                {' '}
                (<span className="mono">{container.ipv4}</span>)
              </>
            ) : null}{' '}
            and can no longer reach the other containers on it, nor they it; open connections over it break. Connecting it again may give it a different address.
          </p>
          {elsewhere.length > 0 ? (
            <p className="faint">It stays on {elsewhere.join(', ')}.</p>
          ) : (
            <div className="dialog-warning">
              <p>
                <strong>This is its only network:</strong> {container.name} will have no network at all (only its loopback interface) until you connect it again.
              </p>
            </div>
          )}
          {request.error ? (
            <div className="dialog-warning" role="alert">
              <p>
                <strong>The engine refused:</strong> {request.error}
              </p>
            </div>
          ) : null}
          <p className="dialog-cli">
            <span className="faint">Same as</span> <code>{cliEquivalent('networks.disconnect', { network: network.name, container: container.name })}</code>
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => a.cancelDisconnect()}>
            Cancel
          </button>
          <button type="submit" className="btn btn--danger" disabled={request.busy}>
            {request.busy ? 'Disconnecting…' : 'Disconnect'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
