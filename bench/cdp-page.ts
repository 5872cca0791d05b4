import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

/**
 * Chromium driven over a bare DevTools Protocol connection that enables no domain but
 * Runtime.evaluate and Input. Why not Playwright here: Playwright turns on the Network domain for
 * every page, so Chromium copies each WebSocket frame (base64) to the driver; measured here that
 * costs ~4x the CPU of the WebSocket itself (a 21 MB WebSocket: ~40 MB/s under Playwright, ~150
 * MB/s without), which is a cost of the test harness, not of Berth. A user's browser has no
 * debugger attached.
 */
export class CdpPage {
  private nextId = 1;
  private readonly eventListeners = new Set<(method: string, params: unknown) => void>();
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly chrome: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
    /** http://127.0.0.1:PORT of this Chromium's DevTools endpoint (for /json/version). */
    readonly devtoolsUrl: string,
  ) {
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined) {
        if (message.method) for (const listener of this.eventListeners) listener(message.method, message.params);
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
  }

  /** Starts Chromium (headless, fresh profile) on `url` and connects to that page. */
  static async launch(
    executable: string,
    args: readonly string[],
    url: string,
    viewport: { width: number; height: number },
  ): Promise<CdpPage> {
    const profile = mkdtempSync(join(tmpdir(), 'berth-bench-cdp-'));
    const chrome = spawn(
      executable,
      [
        '--headless',
        ...args,
        `--user-data-dir=${profile}`,
        '--remote-debugging-port=0',
        `--window-size=${viewport.width},${viewport.height}`,
        'about:blank',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    // If this process dies first (an exception, Ctrl-C), take the browser with it.
    const killOnExit = (): void => void chrome.kill('SIGKILL');
    process.once('exit', killOnExit);
    chrome.once('exit', () => process.off('exit', killOnExit));
    const browserUrl = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 20_000);
      chrome.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const match = /DevTools listening on (ws:\/\/[^/]+)/.exec(err);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1].replace('ws://', 'http://'));
        }
      });
      chrome.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
    });
    let target: { type: string; webSocketDebuggerUrl: string } | undefined;
    for (let i = 0; i < 50 && !target; i++) {
      const targets = (await (await fetch(`${browserUrl}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
      target = targets.find((t) => t.type === 'page');
      if (!target) await new Promise((r) => setTimeout(r, 100));
    }
    if (!target) throw new Error('Chromium has no page to drive');
    const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const page = new CdpPage(chrome, socket, profile, browserUrl);
    await page.send('Emulation.setDeviceMetricsOverride', {
      width: viewport.width,
      height: viewport.height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    await page.send('Page.navigate', { url });
    return page;
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Calls `listener` with each protocol event (Tracing.dataCollected and the like); returns a remover. */
  onEvent(listener: (method: string, params: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Evaluates an expression in the page (awaiting a promise it returns) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (reply.exceptionDetails)
      throw new Error(`In the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    return reply.result.value as T;
  }

  /** Resolves once `predicate` (an expression) is truthy in the page, checked every `everyMs`. */
  async waitFor(predicate: string, timeoutMs = 15_000, everyMs = 50): Promise<void> {
    const ok = await this.evaluate<boolean>(`new Promise((resolve) => {
      const t0 = performance.now();
      const check = () => { let v = false; try { v = Boolean(${predicate}); } catch {} if (v) resolve(true); else if (performance.now() - t0 > ${timeoutMs}) resolve(false); else setTimeout(check, ${everyMs}); };
      check();
    })`);
    if (!ok) throw new Error(`Timed out waiting for: ${predicate}`);
  }

  /** One key press as a keyboard makes it (keydown with its text, then keyup): Enter, a letter or a digit. */
  async press(key: string, options: { ctrl?: boolean } = {}): Promise<void> {
    const named: Record<string, { code: string; keyCode: number; text?: string }> = {
      Enter: { code: 'Enter', keyCode: 13, text: '\r' },
    };
    const spec = named[key];
    const modifiers = options.ctrl ? 2 : 0;
    const upper = key.toUpperCase();
    const code = spec?.code ?? (/^[a-z]$/i.test(key) ? `Key${upper}` : '');
    if (!spec && !/^[a-z0-9]$/i.test(key)) throw new Error(`press() knows Enter, letters and digits, not ${JSON.stringify(key)}`);
    const keyCode = spec?.keyCode ?? upper.charCodeAt(0);
    const text = options.ctrl ? undefined : (spec?.text ?? key);
    await this.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      key,
      code,
      windowsVirtualKeyCode: keyCode,
      modifiers,
      ...(text ? { text, unmodifiedText: text } : {}),
    });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: keyCode, modifiers });
  }

  /**
   * Types text into the focused element: each line as one input event (as a paste without
   * bracketing, or an IME, delivers it: xterm.js sends it as typed), `\n` as an Enter key press.
   * Key events for punctuation would need a keyboard layout's key codes; xterm.js reads those.
   */
  async type(text: string): Promise<void> {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]) await this.insertText(lines[i]!);
      if (i < lines.length - 1) await this.press('Enter');
    }
  }

  /** Text into the focused element as one input event. */
  async insertText(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  async close(): Promise<void> {
    this.socket.close();
    if (this.chrome.exitCode === null) {
      await new Promise<void>((resolve) => {
        this.chrome.once('exit', () => resolve());
        this.chrome.kill('SIGTERM');
      });
    }
    // Chromium's helper processes can outlive the browser by a moment and still write to the
    // profile: retry, and never let a leftover temp folder end the bench.
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (err) {
      console.log(`(could not remove the temporary Chromium profile ${this.profile}: ${String(err)})`);
    }
  }
}
