import { describe, expect, it } from 'vitest';
import { historyRows } from './activity-history.js';
import { createActivityStore } from './activity-store.js';

describe('activity history', () => {
  const activity = createActivityStore(() => 0);
  const s = activity.getState();
  s.succeed(s.begin('docker stop web'), 'done');
  s.fail(s.begin('docker run --name web busybox'), 'Conflict. The container name "/web" is already in use by container "ab"', 'CONFLICT');
  s.succeed(s.begin('docker diff web', { background: true }), '3 changes');
  s.begin('docker pull alpine');
  const entries = activity.getState().entries;

  it('lists the user’s commands newest first, background reads only when asked', () => {
    const all = { text: '', background: false, failedOnly: false };
    expect(historyRows(entries, all).map((e) => e.command)).toEqual([
      'docker pull alpine',
      'docker run --name web busybox',
      'docker stop web',
    ]);
    expect(historyRows(entries, { ...all, background: true }).map((e) => e.command)).toContain('docker diff web');
  });

  it('finds by command, by the outcome in words, and by the engine’s message', () => {
    const q = (text: string) => historyRows(entries, { text, background: false, failedOnly: false }).map((e) => e.command);
    expect(q('STOP')).toEqual(['docker stop web']);
    expect(q('name is in use')).toEqual(['docker run --name web busybox']);
    expect(q('already in use web')).toEqual(['docker run --name web busybox']);
    expect(q('nothing like this')).toEqual([]);
    expect(historyRows(entries, { text: '', background: true, failedOnly: true }).map((e) => e.command)).toEqual([
      'docker run --name web busybox',
    ]);
  });
});
