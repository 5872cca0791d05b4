import { describe, expect, it } from 'vitest';
import { connectedStatus, disconnectedStatus } from '../../test-support/fixtures.js';
import { connectionScreen } from './connection-view-model.js';

describe('connectionScreen', () => {
  it('shows nothing while connected', () => {
    expect(connectionScreen({ link: 'open', linkError: null, status: connectedStatus() })).toBeNull();
  });

  it('explains an engine that is down with its error, hint, endpoint and Retry', () => {
    expect(connectionScreen({ link: 'open', linkError: null, status: disconnectedStatus() })).toMatchObject({
      kind: 'engine-down',
      problem: 'connect ENOENT /var/run/docker.sock',
      hint: 'Start Docker, then retry.',
      endpoint: 'unix:///var/run/docker.sock',
      canRetry: true,
    });
  });

  it('puts Berth-side problems first: a refused token, a lost server', () => {
    expect(connectionScreen({ link: 'unauthorized', linkError: 'bad token', status: connectedStatus() })).toMatchObject({ kind: 'unauthorized', canReload: true });
    expect(connectionScreen({ link: 'lost', linkError: null, status: connectedStatus() })).toMatchObject({ kind: 'link-lost', canRetry: true });
  });

  it('waits for a fresh status after the link came back', () => {
    expect(connectionScreen({ link: 'connecting', linkError: null, status: connectedStatus() })?.kind).toBe('link-connecting');
  });
});
