import { describe, expect, it } from 'vitest';
import { composeEnvironment, withSshPort } from './compose-environment.js';

describe('the environment Compose runs with', () => {
  it('points at the engine of the call, whatever the server was started with', async () => {
    const base = {
      PATH: '/usr/bin',
      DOCKER_HOST: 'tcp://elsewhere:2375',
      DOCKER_CONTEXT: 'other',
      COMPOSE_FILE: 'x.yml',
      COMPOSE_PROJECT_NAME: 'x',
    };
    const env = await composeEnvironment({ host: 'unix:///var/run/docker.sock' }, base);
    expect(env).toMatchObject({ PATH: '/usr/bin', DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(env.DOCKER_CONTEXT).toBeUndefined();
    expect(env.COMPOSE_FILE).toBeUndefined();
    expect(env.COMPOSE_PROJECT_NAME).toBeUndefined();
    expect(env.DOCKER_TLS_VERIFY).toBeUndefined();
  });

  it('a TLS engine gets its certificate folder and verification', async () => {
    const env = await composeEnvironment({ host: 'tcp://10.0.0.5:2376', tls: { certPath: '/certs', verify: true } }, {});
    expect(env).toMatchObject({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' });
  });

  it('an ssh:// engine gets the port its ssh config names written out (docker-compose would dial 22)', async () => {
    const ports: Record<string, string> = { robot1: '2222', 'pi@robot2': '22' };
    const portOf = async (destination: string) => ports[destination];
    expect(await withSshPort('ssh://robot1', portOf)).toBe('ssh://robot1:2222');
    expect(await withSshPort('ssh://pi@robot2', portOf)).toBe('ssh://pi@robot2');
    expect(await withSshPort('ssh://robot1:2200', portOf)).toBe('ssh://robot1:2200');
    expect(await withSshPort('ssh://unknown', portOf)).toBe('ssh://unknown');
    expect(await withSshPort('unix:///var/run/docker.sock', portOf)).toBe('unix:///var/run/docker.sock');
    const asked: string[] = [];
    const env = await composeEnvironment({ host: 'ssh://root@robot1' }, { PATH: '/x' }, async (destination, base) => {
      asked.push(`${destination} ${base.PATH}`);
      return '2222';
    });
    expect(env.DOCKER_HOST).toBe('ssh://root@robot1:2222');
    expect(asked).toEqual(['root@robot1 /x']);
  });
});
