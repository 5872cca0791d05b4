import { describe, expect, it } from 'vitest';
import { connectedStatus, disconnectedStatus } from '../../test-support/fixtures.js';
import { connectionBadge, connectionScreen } from './connection-view-model.js';

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
    expect(connectionScreen({ link: 'unauthorized', linkError: 'bad token', status: connectedStatus() })).toMatchObject({
      kind: 'unauthorized',
      canReload: true,
    });
    expect(connectionScreen({ link: 'lost', linkError: null, status: connectedStatus() })).toMatchObject({
      kind: 'link-lost',
      canRetry: true,
    });
  });

  it('waits for a fresh status after the link came back', () => {
    expect(connectionScreen({ link: 'connecting', linkError: null, status: connectedStatus() })?.kind).toBe('link-connecting');
  });

  it('says an engine that accepted the connection but does not answer is not answering, not loading', () => {
    const status = connectedStatus(3, {
      state: 'not-answering',
      error: 'The Docker Engine at unix:///var/run/docker.sock accepted the connection but did not answer GET /containers/json within 30 s',
      hint: 'Is dockerd hung? Try `docker info` in a terminal.',
    });
    expect(connectionScreen({ link: 'open', linkError: null, status })).toEqual({
      kind: 'engine-not-answering',
      title: 'Docker Engine not answering',
      problem: status.error,
      hint: status.hint,
      endpoint: 'unix:///var/run/docker.sock',
      canRetry: true,
      canReload: false,
    });
  });
});

describe('connectionBadge', () => {
  it('is green with the version only while live', () => {
    expect(connectionBadge({ link: 'open', status: connectedStatus() })).toEqual({ tone: 'ok', label: 'Docker 28.0.0' });
  });

  it('is red and says "not answering" for a silent engine, never green', () => {
    const status = connectedStatus(2, { state: 'not-answering', error: 'did not answer' });
    expect(connectionBadge({ link: 'open', status })).toEqual({ tone: 'bad', label: 'Engine not answering' });
  });

  it('tells a disconnected engine, a lost server and a refused token apart', () => {
    expect(connectionBadge({ link: 'open', status: disconnectedStatus() })).toEqual({ tone: 'bad', label: 'Engine disconnected' });
    expect(connectionBadge({ link: 'lost', status: connectedStatus() })).toEqual({ tone: 'bad', label: 'Berth server unreachable' });
    expect(connectionBadge({ link: 'unauthorized', status: null })).toEqual({ tone: 'bad', label: 'Not authorized' });
    expect(connectionBadge({ link: 'open', status: connectedStatus(0, { state: 'connecting' }) })).toEqual({
      tone: 'wait',
      label: 'Connecting…',
    });
    expect(connectionBadge({ link: 'connecting', status: null })).toEqual({ tone: 'wait', label: 'Connecting…' });
  });
});
