import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { configFilesOf, groupStacks, healthOf } from './stack-groups.js';

function container(
  id: string,
  project: string | undefined,
  service: string,
  state: ContainerSummary['state'],
  extra: Record<string, string> = {},
): ContainerSummary {
  return {
    id,
    name: id,
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sleep',
    created: 0,
    state,
    status: state === 'running' ? 'Up 2 minutes (healthy)' : 'Exited (0) 1 minute ago',
    exitCode: state === 'running' ? null : 0,
    ports: [],
    labels: project ? { 'com.docker.compose.project': project, 'com.docker.compose.service': service, ...extra } : {},
  };
}

describe('stacks from the containers\u2019 Compose labels', () => {
  it('groups by project into services; running, partly up and stopped; opened stacks with no containers too', () => {
    const files = {
      'com.docker.compose.project.working_dir': '/srv/shop',
      'com.docker.compose.project.config_files': 'compose.yaml,/srv/extra.yaml',
    };
    const stacks = groupStacks(
      [
        container('w2', 'shop', 'web', 'running', { ...files, 'com.docker.compose.container-number': '2' }),
        container('w1', 'shop', 'web', 'running', { ...files, 'com.docker.compose.container-number': '1' }),
        container('d1', 'shop', 'db', 'exited', files),
        container('r1', 'robot', 'driver', 'running'),
        container('o1', 'old', 'x', 'exited'),
        container('plain', undefined, '', 'running'),
      ],
      [{ project: 'fresh', files: ['/srv/fresh/compose.yaml'], profiles: [] }],
    );
    expect(stacks.map((s) => [s.project, s.state, s.running, s.total])).toEqual([
      ['fresh', 'none', 0, 0],
      ['old', 'stopped', 0, 1],
      ['robot', 'running', 1, 1],
      ['shop', 'partly', 2, 3],
    ]);
    const shop = stacks.find((s) => s.project === 'shop')!;
    expect(shop.services.map((s) => [s.name, s.containers.map((c) => c.id)])).toEqual([
      ['db', ['d1']],
      ['web', ['w1', 'w2']],
    ]);
    expect(shop.ref).toEqual({ project: 'shop', files: ['/srv/shop/compose.yaml', '/srv/extra.yaml'], profiles: [] });
    expect(shop.workingDir).toBe('/srv/shop');
    expect(stacks.find((s) => s.project === 'robot')!.ref).toBeUndefined();
    expect(stacks.find((s) => s.project === 'fresh')!.opened).toBe(true);
  });

  it('an opened stack\u2019s files (profiles, env file) win over the labels', () => {
    const opened = { project: 'shop', files: ['/srv/shop/compose.yaml'], profiles: ['debug'], envFile: '/srv/shop/.env' };
    const [shop] = groupStacks(
      [container('w1', 'shop', 'web', 'running', { 'com.docker.compose.project.config_files': '/x.yaml' })],
      [opened],
    );
    expect(shop!.ref).toEqual(opened);
  });

  it('reads health from the status and the config files label, relative or absolute', () => {
    expect(healthOf({ status: 'Up 2 minutes (healthy)' })).toBe('healthy');
    expect(healthOf({ status: 'Up 1 second (health: starting)' })).toBe('starting');
    expect(healthOf({ status: 'Up 2 minutes' })).toBeUndefined();
    expect(
      configFilesOf({ 'com.docker.compose.project.config_files': 'a.yml, /b.yml', 'com.docker.compose.project.working_dir': '/w/' }),
    ).toEqual(['/w/a.yml', '/b.yml']);
  });
});
