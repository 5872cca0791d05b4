import { useStore } from 'zustand';
import { BulkRemoveDialog } from './network-bulk-remove-dialog.js';
import { ConnectDialog } from './network-connect-dialog.js';
import { CreateNetworkDialog } from './network-create-dialog.js';
import { DisconnectDialog } from './network-disconnect-dialog.js';
import { RemoveNetworkDialog } from './network-remove-dialog.js';
import { useNetworkTools } from './use-network-tools.js';

/** Whichever network dialog is open: each lives in its own file. */
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
