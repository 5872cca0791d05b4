import { describe, expect, it } from 'vitest';
import { streamCliEquivalent } from './contract.js';
import { stackRunCommands, stackRunInputSchema } from './compose-types.js';

const stack = {
  project: 'shop',
  files: ['/srv/shop/compose.yaml', '/srv/shop/dev.yaml'],
  profiles: ['debug'],
  envFile: '/srv/shop/.env.dev',
};

describe('the commands a stack run executes', () => {
  it('global words, then the action', () => {
    expect(stackRunCommands({ program: 'docker-compose', stack, run: { action: 'up', build: true, scale: { web: 3 } } })).toEqual([
      [
        'docker-compose',
        '-p',
        'shop',
        '-f',
        '/srv/shop/compose.yaml',
        '-f',
        '/srv/shop/dev.yaml',
        '--profile',
        'debug',
        '--env-file',
        '/srv/shop/.env.dev',
        'up',
        '-d',
        '--build',
        '--scale',
        'web=3',
      ],
    ]);
    expect(
      stackRunCommands({ program: 'docker compose', stack: { project: 'p', files: ['/c.yaml'] }, run: { action: 'down', volumes: true } }),
    ).toEqual([['docker', 'compose', '-p', 'p', '-f', '/c.yaml', 'down', '-v']]);
  });

  it('pull always: the plugin\u2019s --pull always, docker-compose\u2019s pull before up', () => {
    const one = { project: 'p', files: ['/c.yaml'] };
    expect(stackRunCommands({ program: 'docker compose', stack: one, run: { action: 'up', pull: 'always' } })[0]).toContain('always');
    expect(stackRunCommands({ program: 'docker-compose', stack: one, run: { action: 'up', pull: 'always', services: ['web'] } })).toEqual([
      ['docker-compose', '-p', 'p', '-f', '/c.yaml', 'pull', 'web'],
      ['docker-compose', '-p', 'p', '-f', '/c.yaml', 'up', '-d', 'web'],
    ]);
    expect(
      streamCliEquivalent('compose.run', { program: 'docker-compose', stack: one, run: { action: 'restart', services: ['web'] } }),
    ).toBe('docker-compose -p p -f /c.yaml restart web');
  });

  it('refuses relative paths, odd project names and a file list that is empty', () => {
    const bad = (s: unknown) => stackRunInputSchema.safeParse({ program: 'docker-compose', stack: s, run: { action: 'stop' } }).success;
    expect(bad({ project: 'p', files: ['compose.yaml'] })).toBe(false);
    expect(bad({ project: 'P q', files: ['/c.yaml'] })).toBe(false);
    expect(bad({ project: 'p', files: [] })).toBe(false);
    expect(bad({ project: 'p', files: ['/c.yaml'] })).toBe(true);
  });
});
