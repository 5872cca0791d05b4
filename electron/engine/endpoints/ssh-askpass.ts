import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key passphrase ssh asks for, to be put to the user. */
export interface PassphraseRequest {
  /** The private key file, as ssh names it. */
  readonly keyFile: string;
  /** The engine's ssh destination (user@host:port), for the question's words. */
  readonly destination: string;
  /** The last passphrase given for this key was wrong (so a kept one must not be given again). */
  readonly afterWrong?: boolean;
}

/** Asks the user; undefined when they cancel. */
export type PassphrasePrompter = (request: PassphraseRequest) => Promise<string | undefined>;

/** Why the askpass channel made ssh give up on a key, to say instead of ssh's "Permission denied". */
export type AskpassOutcome =
  { readonly kind: 'cancelled'; readonly keyFile: string } | { readonly kind: 'wrong'; readonly keyFile: string };

/**
 * The helper ssh runs as SSH_ASKPASS: it sends its prompt and the one-time secret to Berth's unix
 * socket and prints the answer (exit 1 = no answer). Plain Node, written at start-up into the 0700 folder.
 */
const helperSource = `'use strict';
const net = require('node:net');
const socket = net.connect(process.env.BERTH_ASKPASS_SOCKET || '');
let reply = '';
socket.on('connect', () => socket.write(JSON.stringify({ secret: process.env.BERTH_ASKPASS_SECRET, prompt: process.argv[2] || '', asker: process.ppid }) + '\\n'));
socket.on('data', (chunk) => (reply += chunk));
socket.on('error', () => process.exit(1));
socket.on('close', () => {
  try {
    const answer = JSON.parse(reply);
    if (typeof answer.passphrase === 'string') { process.stdout.write(answer.passphrase + '\\n'); process.exit(0); }
  } catch {}
  process.exit(1);
});
`;

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Reads ssh's prompt: a first ask or a retry after a wrong passphrase, and for which key; anything else is refused. */
export function readAskpassPrompt(prompt: string): { keyFile: string; retry: boolean } | undefined {
  const first = /^Enter passphrase for (?:key )?'?(.+?)'?:\s*$/.exec(prompt.trim());
  if (first?.[1]) return { keyFile: first[1], retry: false };
  const again = /^Bad passphrase, try again for (?:key )?'?(.+?)'?:\s*$/.exec(prompt.trim());
  if (again?.[1]) return { keyFile: again[1], retry: true };
  return undefined;
}

/**
 * Lets ssh ask for a key's passphrase in Berth's UI: ssh runs with SSH_ASKPASS (the helper above) and
 * SSH_ASKPASS_REQUIRE=force (OpenSSH 8.4+); the helper reaches this server over a unix socket in a
 * 0700 folder, proving itself with a secret only ssh's environment holds. Passphrases are kept in this
 * object's memory for the session (never written, never logged). Any other prompt (a host key to
 * confirm, a password) is refused: Berth asks for host keys its own way.
 */
export class SshAskpass {
  private readonly dir: string;
  private readonly socketPath: string;
  private readonly secret = randomBytes(32);
  private readonly server: Server;
  /** Passphrases the user gave, by key file, for this session. */
  private readonly remembered = new Map<string, string>();
  private lastOutcome: AskpassOutcome | undefined;
  /** Which ssh process (by pid) was already answered for which key: asked again means the answer was wrong. */
  private readonly answeredFor = new Set<string>();
  /** Keys whose last passphrase was wrong, until another one is given. */
  private readonly wrongFor = new Set<string>();

  constructor(
    private readonly destination: string,
    private readonly prompter: PassphrasePrompter,
    private readonly nodeBinary: string = process.execPath,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'berth-askpass-'));
    this.socketPath = join(this.dir, 's');
    writeFileSync(join(this.dir, 'askpass.cjs'), helperSource, { mode: 0o600 });
    // ELECTRON_RUN_AS_NODE: under Electron, process.execPath is the app; this makes it plain Node.
    writeFileSync(
      join(this.dir, 'askpass'),
      `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec ${shellQuote(this.nodeBinary)} ${shellQuote(join(this.dir, 'askpass.cjs'))} "$@"\n`,
      { mode: 0o700 },
    );
    this.server = createServer((socket) => this.serve(socket));
    this.server.listen(this.socketPath);
    this.server.unref();
  }

  /** The environment ssh runs with so it asks through this channel. */
  env(): Record<string, string> {
    return {
      SSH_ASKPASS: join(this.dir, 'askpass'),
      SSH_ASKPASS_REQUIRE: 'force',
      BERTH_ASKPASS_SOCKET: this.socketPath,
      BERTH_ASKPASS_SECRET: this.secret.toString('hex'),
      // ssh wants a DISPLAY before it runs an askpass program (unless forced; set for older builds).
      DISPLAY: process.env.DISPLAY ?? ':0',
    };
  }

  /** Why the last failure was the passphrase's (cancelled, wrong), once; then forgotten. */
  takeOutcome(): AskpassOutcome | undefined {
    const outcome = this.lastOutcome;
    this.lastOutcome = undefined;
    return outcome;
  }

  close(): void {
    this.remembered.clear();
    this.answeredFor.clear();
    this.wrongFor.clear();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private serve(socket: Socket): void {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 16_384) socket.destroy();
      if (!text.includes('\n')) return;
      void this.answer(text.slice(0, text.indexOf('\n'))).then((passphrase) => {
        socket.end(JSON.stringify(passphrase === undefined ? {} : { passphrase }));
      });
    });
  }

  private async answer(line: string): Promise<string | undefined> {
    let message: { secret?: unknown; prompt?: unknown; asker?: unknown };
    try {
      message = JSON.parse(line) as { secret?: unknown; prompt?: unknown; asker?: unknown };
    } catch {
      return undefined;
    }
    const secret = Buffer.from(typeof message.secret === 'string' ? message.secret : '', 'hex');
    if (secret.length !== this.secret.length || !timingSafeEqual(secret, this.secret)) return undefined;
    const asked = readAskpassPrompt(typeof message.prompt === 'string' ? message.prompt : '');
    if (!asked) return undefined;
    const askedBy = `${typeof message.asker === 'number' ? message.asker : 0} ${asked.keyFile}`;
    // OpenSSH asks again with the same words after a wrong passphrase (older builds say "Bad passphrase").
    if (asked.retry || this.answeredFor.has(askedBy)) {
      // The passphrase given was wrong: forget it and stop (ssh then fails; the connection says why).
      this.remembered.delete(asked.keyFile);
      this.wrongFor.add(asked.keyFile);
      this.lastOutcome = { kind: 'wrong', keyFile: asked.keyFile };
      return undefined;
    }
    const known = this.remembered.get(asked.keyFile);
    const afterWrong = this.wrongFor.has(asked.keyFile);
    const given =
      known ?? (await this.prompter({ keyFile: asked.keyFile, destination: this.destination, ...(afterWrong ? { afterWrong } : {}) }));
    if (given === undefined) {
      this.lastOutcome = { kind: 'cancelled', keyFile: asked.keyFile };
      return undefined;
    }
    this.remembered.set(asked.keyFile, given);
    this.wrongFor.delete(asked.keyFile);
    this.answeredFor.add(askedBy);
    return given;
  }
}
