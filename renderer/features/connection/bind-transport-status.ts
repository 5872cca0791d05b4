import type { StatusTransport, TransportState } from '../../api/transport-status.js';
import type { ConnectionStore, LinkState } from './connection-store.js';

const linkOf: Record<TransportState, LinkState> = {
  connecting: 'connecting',
  open: 'open',
  reconnecting: 'lost',
  unauthorized: 'unauthorized',
  closed: 'lost',
};

/** Feeds the transport's own state (socket down, token refused) into the connection store. */
export function bindTransportStatus(transport: Pick<StatusTransport, 'status' | 'onStatus'>, connection: ConnectionStore): () => void {
  const report = (): void => {
    const { state, message } = transport.status;
    connection.getState().reportLink(linkOf[state], message);
  };
  report();
  return transport.onStatus(report);
}
