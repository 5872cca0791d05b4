const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Times keystroke echoes outside a browser: `write` sends keys to a shell, and `received` must be
 * fed every chunk of its output. Each 'q' written is timed until output holding a 'q' comes back;
 * a Ctrl-U every 40 keys keeps the shell's line short.
 */
export class EchoTimer {
  private waiting: (() => void) | undefined;

  constructor(private readonly write: (data: string) => void) {}

  received(bytes: Uint8Array): void {
    if (this.waiting && bytes.includes(0x71)) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve();
    }
  }

  /** `n` echoes, `gapMs` apart; waits half a second first for the shell's prompt. */
  async time(n: number, gapMs = 0): Promise<number[]> {
    await sleep(500);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % 40 === 0) {
        this.write('\x15');
        await sleep(50);
      }
      const echoed = new Promise<void>((resolve) => (this.waiting = resolve));
      const t0 = performance.now();
      this.write('q');
      await echoed;
      samples.push(performance.now() - t0);
      if (gapMs > 0) await sleep(gapMs);
    }
    return samples;
  }
}
