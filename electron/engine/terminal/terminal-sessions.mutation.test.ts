// TerminalSessions with real host shells (node-pty, no engine needed), so `npm run test:mutate` can
// check the per-client ownership and clean-up quickly: every call on another client's terminal is
// refused, and what a client started ends when it closes it or goes away. Container terminals are
// covered against the engine in terminal-sessions.int.test.ts.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalOutput } from '../../../shared/terminal-types.js';
import type { StreamSink } from '../stream-sink.js';
import { waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { TerminalSessions } from './terminal-sessions.js';

// A plain sh starts faster than a login bash with its profile; the host shell is $SHELL.
process.env.SHELL = '/bin/sh';
// Never connected: host shells do not use the engine.
const connection = new EngineConnection({ id: 'host-shells-only', dockerHost: 'unix:///nonexistent/berth-test.sock' });
const made: TerminalSessions[] = [];

function sessions(limits?: { perClient: number; queuedInputBytes: number }): TerminalSessions {
  const s = limits ? new TerminalSessions(connection, limits) : new TerminalSessions(connection);
  made.push(s);
  return s;
}

afterEach(async () => {
  for (const s of made.splice(0)) await s.closeAll();
});

interface Viewer extends StreamSink<TerminalOutput> {
  readonly text: () => string;
  readonly exits: Extract<TerminalOutput, { kind: 'exit' }>[];
  readonly ended: () => number;
}

function viewer(): Viewer {
  const decoder = new TextDecoder();
  let text = '';
  let ended = 0;
  const exits: Extract<TerminalOutput, { kind: 'exit' }>[] = [];
  return {
    text: () => text,
    exits,
    ended: () => ended,
    send(message) {
      if (message.kind === 'data') text += decoder.decode(message.data, { stream: true });
      else if (message.kind === 'exit') exits.push(message);
      return true;
    },
    end() {
      ended += 1;
    },
  };
}

/** Alive and not a zombie waiting to be reaped (Linux: the state letter in /proc/<pid>/stat). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

/** The shell's own process ID, printed by the shell itself. */
async function shellPid(terminals: TerminalSessions, clientId: string, sessionId: string, out: Viewer): Promise<number> {
  terminals.write(clientId, sessionId, 'echo "pid=$$=" \r');
  const found = await waitFor(() => /pid=(\d+)=/.exec(out.text())?.[1], 'the shell to print its pid');
  return Number(found);
}

const refusal = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('host terminal sessions, per client', () => {
  it("refuses every call on another client's terminal, which keeps running for its owner", async () => {
    const terminals = sessions();
    const { sessionId, shell } = await terminals.openHost('alice', 80, 24);
    expect(shell.length).toBeGreaterThan(0);
    const forbidden = { code: 'FORBIDDEN', message: 'This terminal belongs to another window' };
    expect(refusal(() => terminals.attachOutput('mallory', sessionId, viewer()))).toMatchObject(forbidden);
    expect(refusal(() => terminals.write('mallory', sessionId, 'touch /tmp/pwned\r'))).toMatchObject(forbidden);
    expect(refusal(() => terminals.ack('mallory', sessionId, 1000))).toMatchObject(forbidden);
    await expect(terminals.resize('mallory', sessionId, 10, 10)).rejects.toMatchObject(forbidden);
    await expect(terminals.close('mallory', sessionId)).rejects.toMatchObject(forbidden);
    terminals.disposeClient('mallory');
    expect(terminals.openCount).toBe(1);

    const out = viewer();
    terminals.attachOutput('alice', sessionId, out);
    terminals.write('alice', sessionId, 'echo "sum=$((6*7))" \r');
    await waitFor(() => (out.text().includes('sum=42') ? true : undefined), "the owner's command output");
    terminals.ack('alice', sessionId, out.text().length);
    await terminals.resize('alice', sessionId, 100, 30);
  });

  it('says NOT_FOUND for a session that does not exist', async () => {
    const terminals = sessions();
    const notFound = { code: 'NOT_FOUND', message: 'No such terminal session (it may have ended)' };
    expect(refusal(() => terminals.write('alice', 'no-such-session', 'x'))).toMatchObject(notFound);
    await expect(terminals.close('alice', 'no-such-session')).rejects.toMatchObject(notFound);
  });

  it('lets a terminal have one viewer at a time', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const detach = terminals.attachOutput('alice', sessionId, viewer());
    expect(refusal(() => terminals.attachOutput('alice', sessionId, viewer()))).toMatchObject({ code: 'CONFLICT' });
    detach();
    const out = viewer();
    terminals.attachOutput('alice', sessionId, out);
    // The first viewer's closer, called late, must not detach the second one.
    detach();
    terminals.write('alice', sessionId, 'echo "again=$((1+1))" \r');
    await waitFor(() => (out.text().includes('again=2') ? true : undefined), 'output for the second viewer');
    expect(refusal(() => terminals.attachOutput('alice', sessionId, viewer()))).toMatchObject({
      code: 'CONFLICT',
      message: 'This terminal already has a viewer',
    });
  });

  it('closing ends the shell, tells the viewer once, and forgets the session', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const out = viewer();
    terminals.attachOutput('alice', sessionId, out);
    const pid = await shellPid(terminals, 'alice', sessionId, out);
    await terminals.close('alice', sessionId);
    expect(out.exits).toEqual([{ kind: 'exit', exitCode: null, reason: 'Terminal closed', cause: 'closed' }]);
    expect(out.ended()).toBe(1);
    expect(terminals.openCount).toBe(0);
    expect(refusal(() => terminals.write('alice', sessionId, 'x'))).toMatchObject({ code: 'NOT_FOUND' });
    await waitFor(() => (isRunning(pid) ? undefined : true), 'the closed shell to be gone');
  });

  it('a client going away ends its shells and only its own', async () => {
    const terminals = sessions();
    const mine = await terminals.openHost('alice', 80, 24);
    const theirs = await terminals.openHost('bob', 80, 24);
    const aliceOut = viewer();
    const bobOut = viewer();
    terminals.attachOutput('alice', mine.sessionId, aliceOut);
    terminals.attachOutput('bob', theirs.sessionId, bobOut);
    const alicePid = await shellPid(terminals, 'alice', mine.sessionId, aliceOut);
    const bobPid = await shellPid(terminals, 'bob', theirs.sessionId, bobOut);

    terminals.disposeClient('alice');
    await waitFor(() => (isRunning(alicePid) ? undefined : true), "alice's shell to be gone");
    expect(aliceOut.exits).toHaveLength(1);
    expect(terminals.openCount).toBe(1);
    expect(isRunning(bobPid)).toBe(true);
    terminals.write('bob', theirs.sessionId, 'echo "still=$((2+3))" \r');
    await waitFor(() => (bobOut.text().includes('still=5') ? true : undefined), "bob's shell still answering");
  });

  it('passes on how the shell ended by itself, and forgets the session', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const out = viewer();
    terminals.attachOutput('alice', sessionId, out);
    terminals.write('alice', sessionId, 'exit 3\r');
    await waitFor(() => (out.exits.length > 0 ? true : undefined), 'the exit message');
    expect(out.exits[0]).toMatchObject({ kind: 'exit', exitCode: 3 });
    expect(out.ended()).toBe(1);
    expect(terminals.openCount).toBe(0);
  });

  it('holds at most the configured number of terminals per client', async () => {
    const terminals = sessions({ perClient: 2, queuedInputBytes: 1024 * 1024 });
    await terminals.openHost('alice', 80, 24);
    const second = await terminals.openHost('alice', 80, 24);
    await expect(terminals.openHost('alice', 80, 24)).rejects.toMatchObject({
      code: 'LIMIT_REACHED',
      message: 'At most 2 terminals can be open in one window: close one to open another',
    });
    await terminals.openHost('bob', 80, 24);
    await terminals.close('alice', second.sessionId);
    await terminals.openHost('alice', 80, 24);
    expect(terminals.openCount).toBe(3);
  });

  it('counts terminals still opening against the bound, and ends one whose client left while it opened', async () => {
    const terminals = sessions({ perClient: 1, queuedInputBytes: 1024 * 1024 });
    const first = terminals.openHost('alice', 80, 24);
    await expect(terminals.openHost('alice', 80, 24)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    terminals.disposeClient('alice');
    await expect(first).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The window that asked for this terminal has gone, so it was closed',
    });
    expect(terminals.openCount).toBe(0);
    await terminals.openHost('alice', 80, 24);
  });

  it('holds output while nobody watches and hands it to the next viewer', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const first = viewer();
    const detach = terminals.attachOutput('alice', sessionId, first);
    await shellPid(terminals, 'alice', sessionId, first);
    detach();
    terminals.write('alice', sessionId, 'echo "held=$((20+1))" \r');
    const second = viewer();
    terminals.attachOutput('alice', sessionId, second);
    await waitFor(() => (second.text().includes('held=21') ? true : undefined), 'the held output');
    expect(first.text()).not.toContain('held=21');
  });

  it('keeps the exit of a shell that ended unwatched for its next viewer, and refuses input meanwhile', async () => {
    const terminals = sessions();
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const first = viewer();
    const detach = terminals.attachOutput('alice', sessionId, first);
    const pid = await shellPid(terminals, 'alice', sessionId, first);
    detach();
    terminals.write('alice', sessionId, 'exit 4\r');
    await waitFor(() => (isRunning(pid) ? undefined : true), 'the shell to exit');
    // Still listed until someone hears how it ended; input is refused with the reason, resizes go nowhere.
    const refusedInput = await waitFor(() => {
      try {
        terminals.write('alice', sessionId, '');
        return undefined;
      } catch (err) {
        return err;
      }
    }, 'input to the ended shell to be refused');
    expect(refusedInput).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^This terminal has ended \(.+\): its input goes nowhere$/),
    });
    await terminals.resize('alice', sessionId, 90, 20);
    const second = viewer();
    terminals.attachOutput('alice', sessionId, second);
    await waitFor(() => (second.exits.length > 0 ? true : undefined), 'the kept exit');
    expect(second.exits[0]).toMatchObject({ kind: 'exit', exitCode: 4 });
    expect(second.ended()).toBe(1);
    expect(terminals.openCount).toBe(0);
  });

  it('refuses input past the bound while the shell does not read it, saying how much waits', async () => {
    const terminals = sessions({ perClient: 4, queuedInputBytes: 64 * 1024 });
    const { sessionId } = await terminals.openHost('alice', 80, 24);
    const out = viewer();
    terminals.attachOutput('alice', sessionId, out);
    await shellPid(terminals, 'alice', sessionId, out);
    // A raw-mode terminal whose foreground program (sleep) reads nothing: its input buffer fills,
    // writes to it block, and Berth's queue grows (a canonical-mode line would just drop bytes).
    terminals.write('alice', sessionId, 'stty raw -echo; sleep 30\r');
    const chunk = 'x'.repeat(8 * 1024);
    const refused = await waitFor(
      () => {
        try {
          terminals.write('alice', sessionId, chunk);
          return undefined;
        } catch (err) {
          return err;
        }
      },
      'input to be refused',
      10_000,
    );
    expect(refused).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringMatching(
        /^The terminal is not reading its input: 0\.\d MiB already waits for it \(at most 0\.1 MiB\), so this input was not sent$/,
      ),
    });
  }, 15_000);

  it('closeAll ends every shell', async () => {
    const terminals = sessions();
    const pids: number[] = [];
    for (const client of ['alice', 'bob']) {
      const { sessionId } = await terminals.openHost(client, 80, 24);
      const out = viewer();
      terminals.attachOutput(client, sessionId, out);
      pids.push(await shellPid(terminals, client, sessionId, out));
    }
    await terminals.closeAll();
    expect(terminals.openCount).toBe(0);
    for (const pid of pids) await waitFor(() => (isRunning(pid) ? undefined : true), `shell ${pid} to be gone`);
  });
});
