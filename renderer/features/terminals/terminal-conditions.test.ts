import { describe, expect, it } from 'vitest';
import { containerGone, endedMessage, tabCondition, tabStateText } from './terminal-conditions.js';

const open = { kind: 'shell' as const, status: 'open' as const, containerName: 'web' };

describe('terminal tab conditions', () => {
  it('says when the engine is gone or the container stopped', () => {
    expect(tabCondition(open, 'connected', 'running')).toBeNull();
    expect(tabCondition(open, 'disconnected', 'running')).toMatch(/not reachable/);
    expect(tabCondition(open, 'connected', 'exited')).toBe('web is exited: its processes have stopped.');
    expect(tabCondition(open, 'connected', null)).toBe('web no longer exists.');
    expect(tabCondition(open, 'connected', undefined)).toBeNull();
  });

  it('says nothing for ended tabs (their exit says it) nor for host shells', () => {
    expect(tabCondition({ ...open, status: 'exited' }, 'disconnected', 'exited')).toBeNull();
    expect(tabCondition({ ...open, kind: 'host' }, 'disconnected', undefined)).toBeNull();
  });

  it('adds the exit code when the reason does not carry it', () => {
    expect(endedMessage({ status: 'exited', reason: 'The shell exited with code 3', exitCode: 3 })).toBe('The shell exited with code 3');
    expect(endedMessage({ status: 'exited', reason: 'The container stopped', exitCode: 137 })).toBe(
      'The container stopped (exit code 137)',
    );
    expect(endedMessage({ status: 'failed', reason: null, exitCode: null })).toBe('The session ended');
  });

  it('names a tab that is not open by why it ended', () => {
    const base = { status: 'exited' as const, exitCode: null, endCause: null };
    expect(tabStateText({ ...base, status: 'open' })).toBeNull();
    expect(tabStateText({ ...base, status: 'opening' })).toBe('opening');
    expect(tabStateText({ ...base, status: 'failed' })).toBe('failed');
    expect(tabStateText({ ...base, exitCode: 137, endCause: 'container-removed' })).toBe('removed');
    expect(tabStateText({ ...base, endCause: 'connection-lost' })).toBe('lost');
    expect(tabStateText({ ...base, exitCode: 137, endCause: 'container-stopped' })).toBe('stopped');
    expect(tabStateText({ ...base, exitCode: 3, endCause: 'exited' })).toBe('exit 3');
    expect(tabStateText(base)).toBe('ended');
    expect(endedMessage({ status: 'exited', reason: 'The container was removed', exitCode: 137, endCause: 'container-removed' })).toBe(
      'The container was removed',
    );
  });

  it('counts an ended tab whose container the live list no longer has as removed, never an open one or a host shell', () => {
    const ended = { kind: 'attach' as const, status: 'exited' as const, containerId: 'c1', endCause: 'exited' as const };
    expect(containerGone(ended, new Set(['c1']))).toBe(false);
    expect(containerGone(ended, new Set())).toBe(true);
    // Not live: the list cannot say.
    expect(containerGone(ended, null)).toBe(false);
    expect(containerGone({ ...ended, status: 'open', endCause: null }, new Set())).toBe(false);
    expect(containerGone({ ...ended, endCause: 'container-removed' }, null)).toBe(true);
    expect(containerGone({ ...ended, kind: 'host', containerId: '' }, new Set())).toBe(false);
    // A tab on another engine than the page's: the page's list cannot say it is gone.
    expect(containerGone({ ...ended, engineName: 'tls' }, new Set())).toBe(false);
    expect(tabCondition({ ...open, engineName: 'tls' }, 'disconnected', null)).toBeNull();
  });
});
