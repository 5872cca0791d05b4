import type { ConnectionStatus } from '../../../shared/engine-types.js';
import type { FleetEngine, UnknownHostKey } from '../../../shared/engines-contract.js';

export type FleetEntryState = Pick<FleetEngine, 'state' | 'nextTryAt' | 'reason' | 'hint' | 'unknownHostKey'>;

/**
 * One engine's state for the fleet view, from its connection's status: a lost engine is
 * `reconnecting` with the time of its next try; one Berth will not dial until the user acts is
 * `refused` with the reason (and, for an unknown SSH host key, the key to accept).
 */
export function fleetEntryState(status: ConnectionStatus, nextAttemptAt: number | undefined): FleetEntryState {
  const { refused, hostKey } = status;
  const why = {
    ...(status.error ? { reason: status.error } : {}),
    ...(status.hint ? { hint: status.hint } : {}),
  };
  if (refused) {
    const unknownHostKey: UnknownHostKey | undefined =
      hostKey?.problem === 'unknown' ? { host: hostKey.host, fingerprint: hostKey.fingerprint, keyType: hostKey.keyType } : undefined;
    return { state: 'refused', ...why, ...(unknownHostKey ? { unknownHostKey } : {}) };
  }
  switch (status.state) {
    case 'connected':
      return { state: 'connected' };
    case 'connecting':
      return { state: 'connecting', ...why };
    case 'not-answering':
      return { state: 'not-answering', ...why, ...(nextAttemptAt === undefined ? {} : { nextTryAt: nextAttemptAt }) };
    case 'disconnected':
      return { state: 'reconnecting', ...why, ...(nextAttemptAt === undefined ? {} : { nextTryAt: nextAttemptAt }) };
  }
}
