import { describe, expect, it } from 'vitest';
import { factRows, fleetStateView, sourceText, untilText } from './fleet-format.js';

describe('the fleet view says', () => {
  it('each state with its next try and its reason', () => {
    expect(fleetStateView({ state: 'connected' }, 0)).toEqual({ tone: 'ok', label: 'connected', detail: undefined });
    expect(fleetStateView({ state: 'reconnecting', nextTryAt: 4_500, reason: 'Nothing answers' }, 0)).toEqual({
      tone: 'warn',
      label: 'reconnecting, next try in 5 s',
      detail: 'Nothing answers',
    });
    expect(fleetStateView({ state: 'not-answering', nextTryAt: 1_000 }, 2_000).label).toBe('not answering, next ping now');
    expect(fleetStateView({ state: 'refused', reason: 'plain tcp', unknownHostKey: { host: 'r', fingerprint: 'SHA256:x' } }, 0)).toEqual({
      tone: 'bad',
      label: 'refused: unknown host key',
      detail: 'plain tcp',
    });
  });

  it('an engine whose ssh waits on the user for a key passphrase, until it connects', () => {
    const waiting = { state: 'connecting', passphraseWanted: { keyFile: '/home/me/.ssh/id_robot' } } as const;
    expect(fleetStateView(waiting, 0)).toEqual({
      tone: 'busy',
      label: 'waiting for a key passphrase',
      detail: 'ssh needs the passphrase of /home/me/.ssh/id_robot to reach this engine; Berth asks for it in a dialog.',
    });
    expect(fleetStateView({ ...waiting, state: 'reconnecting', nextTryAt: 9_000 }, 0).label).toBe('waiting for a key passphrase');
    expect(fleetStateView({ ...waiting, state: 'connected' }, 0).label).toBe('connected');
  });

  it('times until the next try in seconds, then minutes', () => {
    expect(untilText(119_000, 0)).toBe('in 119 s');
    expect(untilText(300_000, 0)).toBe('in 5 min');
  });

  it('where an engine came from', () => {
    expect(sourceText({ id: 'ctx-r', name: 'r', host: 'ssh://r', source: 'context', contextName: 'robot1' })).toBe('docker context robot1');
    expect(sourceText({ id: 'r', name: 'r', host: 'ssh://r', source: 'saved' })).toBe('added in Berth');
  });

  it('the machine facts, with a dash for what is not known yet', () => {
    const rows = Object.fromEntries(
      factRows({ engineVersion: '28.1.1', os: 'Debian', arch: 'x86_64', cpus: 2, containersRunning: 3, containersTotal: 7 }),
    );
    expect(rows).toMatchObject({
      Engine: '28.1.1',
      API: '—',
      'OS / arch': 'Debian / x86_64',
      CPUs: '2',
      Containers: '3 running / 7 total',
      Memory: '—',
    });
    expect(Object.fromEntries(factRows({ memoryBytes: 25_275_990_016 })).Memory).toBe('25.3GB');
  });
});
