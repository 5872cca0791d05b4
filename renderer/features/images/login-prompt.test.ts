import { describe, expect, it } from 'vitest';
import { loginRegistryFor, loginRegistryForBuild } from './login-prompt.js';

describe('login prompt after a failed transfer', () => {
  it('offers the registry of the reference only for UNAUTHORIZED', () => {
    const unauthorized = { code: 'UNAUTHORIZED' as const };
    expect(loginRegistryFor(unauthorized, '127.0.0.1:5001/team/app:1')).toBe('127.0.0.1:5001');
    expect(loginRegistryFor(unauthorized, 'robot/base')).toBe('docker.io');
    expect(loginRegistryFor({ code: 'NOT_FOUND' }, '127.0.0.1:5001/team/app:1')).toBeNull();
    // FORBIDDEN is the transport refusing a call, not the registry.
    expect(loginRegistryFor({ code: 'FORBIDDEN' }, '127.0.0.1:5001/team/app:1')).toBeNull();
    // A read-only registry refuses every push: logging in would not help.
    expect(loginRegistryFor({ code: 'REGISTRY_REFUSED' }, '127.0.0.1:5002/team/app:1')).toBeNull();
    expect(loginRegistryFor(null, 'x')).toBeNull();
    expect(loginRegistryFor(unauthorized, 'Bad Name')).toBeNull();
  });

  it('reads the registry of a failed FROM line', () => {
    const unauthorized = { code: 'UNAUTHORIZED' as const };
    expect(loginRegistryForBuild(unauthorized, 'FROM --platform=linux/amd64 127.0.0.1:5001/base:1 AS build')).toBe('127.0.0.1:5001');
    expect(loginRegistryForBuild(unauthorized, 'RUN make')).toBeNull();
    expect(loginRegistryForBuild(unauthorized, null)).toBeNull();
    expect(loginRegistryForBuild({ code: 'ENGINE_ERROR' }, 'FROM 127.0.0.1:5001/base:1')).toBeNull();
  });
});
