import { describe, expect, it } from 'vitest';
import { explainConnectionError, resolveEndpoint } from './docker-endpoint.js';

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
});
