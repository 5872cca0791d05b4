import { describe, expect, it } from 'vitest';
import { explainConnectionError, explainSilence, resolveEndpoint } from './docker-endpoint.js';

describe('DOCKER_HOST resolution', () => {
  it('uses the default socket without DOCKER_HOST', () => {
    expect(resolveEndpoint(undefined).options).toEqual({ socketPath: '/var/run/docker.sock' });
  });

  it('reads unix and tcp endpoints', () => {
    expect(resolveEndpoint('unix:///run/user/1000/docker.sock').options).toEqual({ socketPath: '/run/user/1000/docker.sock' });
    expect(resolveEndpoint('tcp://robot.local:2375').options).toMatchObject({ host: 'robot.local', port: 2375, protocol: 'http' });
  });

  it('refuses a scheme it does not know, with the reason', () => {
    expect(() => resolveEndpoint('ftp://x')).toThrow(/Unsupported DOCKER_HOST scheme/);
  });

  it('explains a missing socket and a permission problem with a fix', () => {
    const ep = resolveEndpoint(undefined);
    expect(explainConnectionError(Object.assign(new Error('x'), { code: 'ENOENT' }), ep).hint).toMatch(/start the engine/i);
    expect(explainConnectionError(Object.assign(new Error('x'), { code: 'EACCES' }), ep).hint).toMatch(/docker group/);
  });

  it('says a silent local engine accepted the connection and names the check to run', () => {
    const local = explainSilence({ request: 'GET /containers/json', timeoutMs: 30_000 }, resolveEndpoint(undefined));
    expect(local.error).toBe(
      'The Docker Engine at unix:///var/run/docker.sock accepted the connection but did not answer GET /containers/json within 30 s',
    );
    expect(local.hint).toMatch(/is dockerd hung\? Try `docker info`/i);
    const other = explainSilence({ request: 'GET /version', timeoutMs: 2_500 }, resolveEndpoint('unix:///run/user/1000/docker.sock'));
    expect(other.hint).toContain('`docker -H unix:///run/user/1000/docker.sock info`');
    expect(other.error).toContain('within 2.5 s');
  });

  it('does not claim a remote engine accepted the connection', () => {
    const remote = explainSilence({ request: 'GET /_ping', timeoutMs: 5_000 }, resolveEndpoint('tcp://robot.local:2375'));
    expect(remote.error).toBe('The Docker Engine at tcp://robot.local:2375 did not answer GET /_ping within 5 s');
    expect(remote.hint).toMatch(/network path/);
    expect(remote.hint).toContain('`docker -H tcp://robot.local:2375 info`');
  });
});
