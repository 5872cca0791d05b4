import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { Attachments } from './attachments.js';
import type { HeldContainer, HeldEndpoint, HeldMount } from './engine-replies.js';

function held(id: string, name: string, mounts: HeldMount[], endpoints: HeldEndpoint[], state: ContainerSummary['state'] = 'running') {
  const summary: ContainerSummary = {
    id,
    name,
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sh',
    created: 1,
    state,
    status: '',
    exitCode: null,
    ports: [],
    labels: {},
  };
  return { summary, mounts, endpoints } satisfies HeldContainer;
}

describe('Attachments', () => {
  it('derives volume users and network members from the containers, sorted by name', () => {
    const a = new Attachments();
    a.set(
      '2',
      held(
        '2',
        'web',
        [{ volume: 'data', destination: '/d', readOnly: false }],
        [{ networkName: 'lab', networkId: 'n1', ipv4: '10.0.0.2' }],
      ),
    );
    a.set(
      '1',
      held(
        '1',
        'db',
        [{ volume: 'data', destination: '/var', readOnly: true }],
        [{ networkName: 'lab', networkId: '', ipv4: null }],
        'created',
      ),
    );
    expect(a.volumeUsers('data')).toEqual([
      { id: '1', name: 'db', state: 'created', destination: '/var', readOnly: true },
      { id: '2', name: 'web', state: 'running', destination: '/d', readOnly: false },
    ]);
    // The never-started container names the network without an ID: matched by name.
    expect(a.networkMembers('n1', 'lab', (id) => id === 'n1')).toEqual([
      { id: '1', name: 'db', state: 'created', ipv4: null },
      { id: '2', name: 'web', state: 'running', ipv4: '10.0.0.2' },
    ]);
  });

  it('says which volumes and networks a change touched, old and new, and forgets a removed container', () => {
    const a = new Attachments();
    a.set(
      '1',
      held('1', 'c', [{ volume: 'old', destination: '/o', readOnly: false }], [{ networkName: 'lab', networkId: 'n1', ipv4: null }]),
    );
    const touched = a.set('1', held('1', 'c', [{ volume: 'new', destination: '/n', readOnly: false }], []));
    expect([...touched.volumes].sort()).toEqual(['new', 'old']);
    expect([...touched.networks].sort()).toEqual(['n1', 'name:lab']);
    expect(a.volumeUsers('old')).toEqual([]);
    const gone = a.set('1', undefined);
    expect([...gone.volumes]).toEqual(['new']);
    expect(a.volumeUsers('new')).toEqual([]);
    expect([...a.ids()]).toEqual([]);
  });

  it('an endpoint whose network ID belongs to another network of the same name is not counted by name', () => {
    const a = new Attachments();
    a.set('1', held('1', 'c', [], [{ networkName: 'lab', networkId: 'n2', ipv4: null }]));
    expect(a.networkMembers('n1', 'lab', (id) => id === 'n1' || id === 'n2')).toEqual([]);
    expect(a.networkMembers('n2', 'lab', (id) => id === 'n1' || id === 'n2')).toHaveLength(1);
  });
});
