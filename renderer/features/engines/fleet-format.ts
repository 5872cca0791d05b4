import type { FleetEngine } from '../../../shared/engines-contract.js';
import { formatSize } from '../../lib/format-size.js';

export type FleetTone = 'ok' | 'busy' | 'warn' | 'bad';

/** What an engine's state pill says, and the line under it. */
export interface FleetStateView {
  readonly tone: FleetTone;
  readonly label: string;
  readonly detail: string | undefined;
}

/** "in 4 s", "now" (the try is due or running). */
export function untilText(at: number, now: number): string {
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 120) return `in ${seconds} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}

export function fleetStateView(
  engine: Pick<FleetEngine, 'state' | 'nextTryAt' | 'reason' | 'unknownHostKey' | 'passphraseWanted'>,
  now: number,
): FleetStateView {
  // ssh is held on the user, not on the engine: say what it waits for (every try until then would ask again).
  if (engine.passphraseWanted && engine.state !== 'connected') {
    return {
      tone: 'busy',
      label: 'waiting for a key passphrase',
      detail: `ssh needs the passphrase of ${engine.passphraseWanted.keyFile} to reach this engine; Berth asks for it in a dialog.`,
    };
  }
  switch (engine.state) {
    case 'connected':
      return { tone: 'ok', label: 'connected', detail: undefined };
    case 'connecting':
      return { tone: 'busy', label: 'connecting…', detail: engine.reason };
    case 'reconnecting':
      return {
        tone: 'warn',
        label: engine.nextTryAt === undefined ? 'reconnecting' : `reconnecting, next try ${untilText(engine.nextTryAt, now)}`,
        detail: engine.reason,
      };
    case 'not-answering':
      return {
        tone: 'warn',
        label: engine.nextTryAt === undefined ? 'not answering' : `not answering, next ping ${untilText(engine.nextTryAt, now)}`,
        detail: engine.reason,
      };
    case 'refused':
      return {
        tone: 'bad',
        label: engine.unknownHostKey ? 'refused: unknown host key' : 'refused',
        detail: engine.reason,
      };
  }
}

/** Where the engine came from, in a few words. */
export function sourceText(spec: FleetEngine['spec']): string {
  switch (spec.source) {
    case 'local':
      return 'this machine';
    case 'env':
      return 'DOCKER_HOST';
    case 'context':
      return `docker context ${spec.contextName ?? spec.name}`;
    case 'saved':
      return 'added in Berth';
  }
}

/** The facts row: what is known, each as label and value ("—" for what the engine has not told yet). */
export function factRows(facts: FleetEngine['facts']): Array<readonly [label: string, value: string]> {
  const dash = '—';
  const platform = facts.os || facts.arch ? [facts.os, facts.arch].filter(Boolean).join(' / ') : dash;
  const containers =
    facts.containersTotal === undefined ? dash : `${facts.containersRunning ?? 0} running / ${facts.containersTotal} total`;
  return [
    ['Engine', facts.engineVersion ?? dash],
    ['API', facts.apiVersion ?? dash],
    ['OS / arch', platform],
    ['CPUs', facts.cpus === undefined ? dash : String(facts.cpus)],
    ['Memory', facts.memoryBytes === undefined ? dash : formatSize(facts.memoryBytes)],
    ['Containers', containers],
  ];
}
