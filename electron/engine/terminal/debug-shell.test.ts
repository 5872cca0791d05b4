import { describe, expect, it } from 'vitest';
import {
  debugShellInstanceLabel,
  debugShellOwnerLabel,
  debugShellSessionLabel,
  isOrphanToolbox,
  type SweepContext,
} from './debug-shell.js';

const context: SweepContext = {
  instance: 'this-server',
  isLiveSession: (s) => s === 'open-session',
  isGone: (owner) => owner === 'robot-pc:4242',
};

const labels = (owner: string, instance?: string, session?: string): Record<string, string> => ({
  [debugShellOwnerLabel]: owner,
  ...(instance === undefined ? {} : { [debugShellInstanceLabel]: instance }),
  ...(session === undefined ? {} : { [debugShellSessionLabel]: session }),
});

describe('which debug-shell toolboxes a sweep removes', () => {
  it('this server’s: only those whose session is no longer open', () => {
    expect(isOrphanToolbox(labels('robot-pc:1', 'this-server', 'open-session'), context)).toBe(false);
    expect(isOrphanToolbox(labels('robot-pc:1', 'this-server', 'ended-session'), context)).toBe(true);
    expect(isOrphanToolbox(labels('robot-pc:1', 'this-server'), context)).toBe(true);
  });

  it('another server’s or an older Berth’s (no instance label): only when its process is gone', () => {
    expect(isOrphanToolbox(labels('robot-pc:4242', 'other-server', 'open-session'), context)).toBe(true);
    expect(isOrphanToolbox(labels('robot-pc:4243', 'other-server', 'ended-session'), context)).toBe(false);
    expect(isOrphanToolbox(labels('robot-pc:4242'), context)).toBe(true);
    expect(isOrphanToolbox(labels('other-machine:4242x'), context)).toBe(false);
    expect(isOrphanToolbox({}, context)).toBe(false);
  });
});
