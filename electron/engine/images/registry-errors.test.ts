import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { engineErrorText, explainRegistryFailure, registryFailureOf } from './registry-errors.js';

const pull = { operation: 'pull' as const, registry: '127.0.0.1:5001', reference: '127.0.0.1:5001/x:1' };

describe('registry errors', () => {
  it('explains the engine messages seen on a real engine', () => {
    expect(explainRegistryFailure('manifest for 127.0.0.1:5000/x:1 not found: manifest unknown: manifest unknown', pull)).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'not-found',
    });
    const refused = explainRegistryFailure('Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', pull);
    expect(refused).toMatchObject({ code: 'ENGINE_ERROR', reason: 'unreachable' });
    expect(refused.message).toMatch(/^Cannot reach the registry 127.0.0.1:5001/);
    const noLogin = explainRegistryFailure('Head "http://127.0.0.1:5001/v2/x/manifests/1": no basic auth credentials', pull);
    expect(noLogin).toMatchObject({ code: 'UNAUTHORIZED', reason: 'unauthorized' });
    expect(noLogin.message).toMatch(/log in to 127.0.0.1:5001 first/);
    const helperGone = explainRegistryFailure('no basic auth credentials', {
      ...pull,
      credentialProblem: 'docker-credential-pass is not installed (not found on PATH)',
    });
    expect(helperGone.message).toMatch(
      /first \(no basic auth credentials\)\. The docker CLI's credentials for it could not be read: docker-credential-pass is not installed/,
    );
    const wrong = explainRegistryFailure('login attempt to http://127.0.0.1:5001/v2/ failed with status: 401 Unauthorized', {
      operation: 'login',
      registry: '127.0.0.1:5001',
      username: 'berth',
    });
    expect(wrong.message).toBe('Wrong username or password for 127.0.0.1:5001 (user berth)');
    const rejected = explainRegistryFailure('unauthorized: authentication required', { ...pull, operation: 'push', username: 'berth' });
    expect(rejected.message).toMatch(/refused the credentials of berth, or that account may not push here/);
    expect(explainRegistryFailure('An image does not exist locally with the tag: x', { ...pull, operation: 'push' }).code).toBe(
      'NOT_FOUND',
    );
    expect(explainRegistryFailure('invalid reference format: repository name must be lowercase', pull).code).toBe('BAD_REQUEST');
    const hub = explainRegistryFailure(
      "pull access denied for robot/base, repository does not exist or may require 'docker login': denied",
      {
        operation: 'pull',
        registry: 'Docker Hub',
        reference: 'robot/base',
      },
    );
    expect(hub).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^robot\/base was not found on Docker Hub, or it is private/),
    });
    expect(explainRegistryFailure('something else', pull)).toEqual({ code: 'ENGINE_ERROR', reason: 'engine', message: 'something else' });
  });

  it('says a read-only registry refused a push, as a refusal no login fixes (not UNAUTHORIZED)', () => {
    // What Engine 20.10 reports when distribution runs with storage.maintenance.readonly (seen on :5002).
    const raw = 'error parsing HTTP 405 response body: invalid character \'M\' looking for beginning of value: "Method not allowed\\n"';
    const push = { operation: 'push' as const, registry: '127.0.0.1:5002', reference: '127.0.0.1:5002/team/app:1' };
    const readOnly = explainRegistryFailure(raw, push);
    expect(readOnly).toMatchObject({ code: 'REGISTRY_REFUSED', reason: 'refused' });
    expect(readOnly.message).toBe(
      '127.0.0.1:5002 refused the push of 127.0.0.1:5002/team/app:1: the registry is read-only (it accepts pulls, not pushes), so logging in would not help (it answered the upload with HTTP 405 Method not allowed)',
    );
    // The same refusal when credentials were sent: still not a credential problem.
    expect(explainRegistryFailure(raw, { ...push, username: 'berth' }).code).toBe('REGISTRY_REFUSED');
    // Harbor says it in words.
    expect(explainRegistryFailure('The system is in read only mode. Any modification is prohibited.', push).code).toBe('REGISTRY_REFUSED');
    // A build step on a read-only file system is not a registry refusal.
    expect(explainRegistryFailure('touch: /x: Read-only file system', { ...push, operation: 'build' }).code).toBe('ENGINE_ERROR');
  });

  it('reads dockerode errors and keeps Berth errors as they are', () => {
    expect(
      engineErrorText({
        statusCode: 404,
        json: { message: 'No such image: x' },
        message: '(HTTP code 404) no such image - No such image: x ',
      }),
    ).toBe('No such image: x');
    expect(engineErrorText(new Error('(HTTP code 500) server error - boom '))).toBe('boom');
    const own = registryFailureOf(new BerthError({ code: 'ENGINE_UNAVAILABLE', message: 'Not connected' }), pull);
    expect(own).toEqual({ code: 'ENGINE_UNAVAILABLE', reason: 'engine', message: 'Not connected' });
    expect(registryFailureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), pull).code).toBe(
      'ENGINE_UNAVAILABLE',
    );
  });
});
