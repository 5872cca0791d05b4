import { describe, expect, it } from 'vitest';
import { composeEnvironment } from './compose-environment.js';

describe('the environment Compose runs with', () => {
  it('points at the engine of the call, whatever the server was started with', () => {
    const base = {
      PATH: '/usr/bin',
      DOCKER_HOST: 'tcp://elsewhere:2375',
      DOCKER_CONTEXT: 'other',
      COMPOSE_FILE: 'x.yml',
      COMPOSE_PROJECT_NAME: 'x',
    };
    const env = composeEnvironment({ host: 'unix:///var/run/docker.sock' }, base);
    expect(env).toMatchObject({ PATH: '/usr/bin', DOCKER_HOST: 'unix:///var/run/docker.sock' });
    expect(env.DOCKER_CONTEXT).toBeUndefined();
    expect(env.COMPOSE_FILE).toBeUndefined();
    expect(env.COMPOSE_PROJECT_NAME).toBeUndefined();
    expect(env.DOCKER_TLS_VERIFY).toBeUndefined();
  });

  it('a TLS engine gets its certificate folder and verification', () => {
    const env = composeEnvironment({ host: 'tcp://10.0.0.5:2376', tls: { certPath: '/certs', verify: true } }, {});
    expect(env).toMatchObject({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_CERT_PATH: '/certs', DOCKER_TLS_VERIFY: '1' });
  });
});
