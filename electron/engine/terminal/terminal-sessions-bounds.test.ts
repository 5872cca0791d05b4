// Bounds and clean-up of TerminalSessions with real host shells (node-pty, no engine), fast enough
// for `npm run test:mutate`; container terminals are covered in terminal-lifecycle.int.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalLimits } from '../../../shared/terminal-types.js';
import { waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { TerminalSessions } from './terminal-sessions.js';
import { collector } from './terminal-test-support.js';

process.env.SHELL = '/bin/sh';
const connection = new EngineConnection({ id: 'host-shell-bounds', dockerHost: 'unix:///nonexistent/berth-bounds.sock' });
const made: TerminalSessions[] = [];
const sessions = (): TerminalSessions => {
  const s = new TerminalSessions(connection);
  made.push(s);
  return s;
};

afterEach(async () => {
  for (const s of made.splice(0)) await s.closeAll();
});

/** PIDs of processes (not zombies) whose command line contains `needle`. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (cmdline.includes(needle) && !/^\d+ \(.*\) [ZX]/.test(stat)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

describe('terminal session bounds (host shells)', () => {
  it('refuses input past 1 MiB waiting for a process that does not read it', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const out = collector();
    terminals.attachOutput('alice', sessionId, out.sink);
    terminals.write('alice', sessionId, 'stty raw -echo; echo not-$((3*3))-reading; sleep 31701\n');
    await waitFor(() => (out.text().includes('not-9-reading') ? true : undefined), 'the shell stops reading');
    let accepted = 0;
    let refusal: unknown;
    while (accepted < 32 * 1_048_576 && !refusal) {
      try {
        terminals.write('alice', sessionId, String(accepted).padEnd(65_536, 'x'));
        accepted += 65_536;
      } catch (err) {
        refusal = err;
      }
    }
    expect(refusal).toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringContaining('The terminal is not reading its input') });
    expect(accepted).toBeLessThanOrEqual(terminalLimits.queuedInputBytes + 1_048_576);
    await terminals.close('alice', sessionId);
    await waitFor(() => (processesWith('sleep 31701').length === 0 ? true : undefined), 'closing ended the stuck process');
  });

  it('ends a host shell whose client left while it was opening', async () => {
    const terminals = sessions();
    const opening = terminals.openHost('bob', 80, 24);
    terminals.disposeClient('bob');
    await expect(opening).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has gone') });
    expect(terminals.openCount).toBe(0);
  });

  it('ends shells still opening when every session is closed (the server stops)', async () => {
    const terminals = sessions();
    const opening = terminals.openHost('carol', 80, 24);
    await terminals.closeAll();
    await expect(opening).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(terminals.openCount).toBe(0);
  });

  it('refuses input to a session whose process ended before anyone read its output', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('dave', 80, 24);
    terminals.write('dave', sessionId, 'exit 5\n');
    // The session keeps its exit for the viewer; input meanwhile goes nowhere and says so.
    await waitFor(() => {
      try {
        terminals.write('dave', sessionId, '');
        return undefined;
      } catch (err) {
        return err;
      }
    }, 'input refused after the exit');
    expect(() => terminals.write('dave', sessionId, 'ls\n')).toThrow(/has ended \(The shell exited with code 5\)/);
    const out = collector();
    terminals.attachOutput('dave', sessionId, out.sink);
    expect(out.exit()).toMatchObject({ exitCode: 5, cause: 'exited' });
  });
});
