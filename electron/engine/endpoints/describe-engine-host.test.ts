import { describe, expect, it } from 'vitest';
import { describeEngineHost } from './describe-engine-host.js';

describe('the docker command prefix that names an engine', () => {
  it('is plain docker for the local socket', () => {
    expect(describeEngineHost({ host: 'unix:///var/run/docker.sock', source: 'local' })).toEqual(['docker']);
  });

  it('names a CLI context with --context', () => {
    expect(describeEngineHost({ host: 'ssh://robot1', source: 'context', contextName: 'robot1' })).toEqual([
      'docker',
      '--context',
      'robot1',
    ]);
  });

  it('sets DOCKER_HOST (and the TLS variables) otherwise', () => {
    expect(describeEngineHost({ host: 'ssh://ubuntu@robot1.local', source: 'saved' })).toEqual([
      'DOCKER_HOST=ssh://ubuntu@robot1.local',
      'docker',
    ]);
    expect(describeEngineHost({ host: 'tcp://lab:2376', source: 'env', tls: { certPath: '/certs', verify: true } })).toEqual([
      'DOCKER_HOST=tcp://lab:2376',
      'DOCKER_TLS_VERIFY=1',
      'DOCKER_CERT_PATH=/certs',
      'docker',
    ]);
  });
});
