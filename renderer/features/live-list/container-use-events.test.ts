import { describe, expect, it } from 'vitest';
import { containerEventChangesUse } from './container-use-events.js';

describe('containerEventChangesUse', () => {
  it('is true for actions that change a container’s state, name or existence', () => {
    for (const action of ['create', 'destroy', 'start', 'die', 'stop', 'kill', 'restart', 'rename', 'pause', 'unpause', 'update', 'oom']) {
      expect(containerEventChangesUse(action)).toBe(true);
    }
  });

  it('is false for execs, health checks and copies, with or without the engine’s suffix', () => {
    for (const action of [
      'exec_create: sh',
      'exec_start: sh -c ls',
      'exec_die',
      'exec_detach',
      'health_status',
      'health_status: healthy',
      'health_status: unhealthy',
    ]) {
      expect(containerEventChangesUse(action)).toBe(false);
    }
    for (const action of ['attach', 'detach', 'resize', 'top', 'commit', 'copy', 'archive-path', 'extract-to-dir', 'export']) {
      expect(containerEventChangesUse(action)).toBe(false);
    }
  });
});
