import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { createVolumePruneStore, tickedVolumes } from './volume-prune-store.js';

function setup(transport: FakeTransport) {
  const activity = createActivityStore();
  let changed = 0;
  return {
    activity,
    run: createActionRunner(new BerthClient(transport), activity),
    onChanged: () => void changed++,
    changed: () => changed,
  };
}

const vol = (name: string, createdAt: string | null = '2026-11-01T10:00:00Z'): VolumeSummary => ({
  name,
  driver: 'local',
  scope: 'local',
  createdAt,
  mountpoint: '',
  labels: {},
  options: {},
  usedBy: [],
});
const anon = 'a'.repeat(64);

describe('volume prune', () => {
  it('ticks the anonymous volumes only, and removes exactly the ticked ones with the creation time the preview showed', async () => {
    const transport = new FakeTransport()
      .reply('volumes.prunePreview', { anonymous: [vol(anon)], named: [vol('pgdata'), vol('cache', null)] })
      .reply('volumes.prune', [
        { name: anon, removed: true },
        { name: 'cache', removed: false, reason: 'skipped', code: 'CONFLICT', error: 'Now used by web (running)' },
      ]);
    const t = setup(transport);
    const prune = createVolumePruneStore(t.run, t.onChanged);
    await prune.getState().open();
    expect(prune.getState().phase).toBe('preview');
    expect([...prune.getState().ticked]).toEqual([anon]);
    expect(transport.callsTo('volumes.prune')).toHaveLength(0);

    prune.getState().toggle('cache');
    expect(tickedVolumes(prune.getState()).map((v) => v.name)).toEqual([anon, 'cache']);
    await prune.getState().confirm();
    expect(transport.callsTo('volumes.prune')[0]?.input).toEqual({
      volumes: [
        { name: anon, createdAt: '2026-11-01T10:00:00Z' },
        { name: 'cache', createdAt: null },
      ],
    });
    expect(prune.getState()).toMatchObject({ phase: 'done', results: [{ removed: true }, { removed: false, reason: 'skipped' }] });
    expect(t.activity.getState().entries.map((e) => e.command)).toEqual([
      'docker volume ls --filter dangling=true',
      `docker volume rm ${anon} cache`,
    ]);
    expect(t.changed()).toBe(1);
  });

  it('ticks and unticks every named volume at once', async () => {
    const t = setup(new FakeTransport().reply('volumes.prunePreview', { anonymous: [], named: [vol('db1'), vol('db2')] }));
    const prune = createVolumePruneStore(t.run, t.onChanged);
    await prune.getState().open();
    expect(prune.getState().ticked.size).toBe(0);
    prune.getState().tickNamed(true);
    expect([...prune.getState().ticked].sort()).toEqual(['db1', 'db2']);
    prune.getState().tickNamed(false);
    expect(prune.getState().ticked.size).toBe(0);
  });

  it('narrows the preview to a label, and explains a filter it cannot use without asking the engine', async () => {
    const transport = new FakeTransport().reply('volumes.prunePreview', { anonymous: [], named: [] });
    const t = setup(transport);
    const prune = createVolumePruneStore(t.run, t.onChanged);
    await prune.getState().open();
    prune.getState().setLabelDraft('has space=1');
    await prune.getState().applyLabel();
    expect(prune.getState().labelProblem).toMatch(/key/);
    expect(transport.callsTo('volumes.prunePreview')).toHaveLength(1);

    prune.getState().setLabelDraft(' team=nav bags ');
    await prune.getState().applyLabel();
    expect(prune.getState()).toMatchObject({ phase: 'preview', label: 'team=nav bags', labelProblem: null });
    expect(transport.callsTo('volumes.prunePreview')[1]?.input).toEqual({ label: 'team=nav bags' });
    expect(t.activity.getState().entries[1]?.command).toBe("docker volume ls --filter dangling=true --filter 'label=team=nav bags'");
  });

  it('does nothing when nothing is ticked or the panel is closed', async () => {
    const transport = new FakeTransport().reply('volumes.prunePreview', { anonymous: [], named: [vol('db')] });
    const t = setup(transport);
    const prune = createVolumePruneStore(t.run, t.onChanged);
    await prune.getState().open();
    await prune.getState().confirm();
    prune.getState().tickNamed(true);
    prune.getState().close();
    await prune.getState().confirm();
    expect(transport.callsTo('volumes.prune')).toHaveLength(0);
    expect(prune.getState().ticked.size).toBe(0);
  });

  it('shows an engine failure instead of the preview', async () => {
    const t = setup(new FakeTransport().fail('volumes.prunePreview', { code: 'ENGINE_UNAVAILABLE', message: 'engine down' }));
    const prune = createVolumePruneStore(t.run, t.onChanged);
    await prune.getState().open();
    expect(prune.getState()).toMatchObject({ phase: 'error', error: 'engine down' });
  });
});
