import type { TerminalSurface } from '../features/terminals/terminal-surface.js';

/** A terminal emulator stand-in: writes wait until the test "renders" them. */
export class FakeSurface implements TerminalSurface {
  cols = 80;
  rows = 24;
  text = '';
  notices: string[] = [];
  disposed = false;
  resets = 0;
  private queue: Array<{ data: Uint8Array; done: () => void }> = [];
  private inputListener: ((data: string) => void) | undefined;
  private readonly bellListeners = new Set<() => void>();

  write(data: Uint8Array, onRendered: () => void): void {
    this.queue.push({ data, done: onRendered });
  }

  /** Process every queued write, as xterm does asynchronously. */
  render(): void {
    const queue = this.queue;
    this.queue = [];
    for (const item of queue) {
      this.text += new TextDecoder().decode(item.data);
      item.done();
    }
  }

  notice(text: string): void {
    this.notices.push(text);
  }

  reset(): void {
    this.text = '';
    this.resets += 1;
  }

  onInput(listener: (data: string) => void): () => void {
    this.inputListener = listener;
    return () => {
      this.inputListener = undefined;
    };
  }

  type(data: string): void {
    this.inputListener?.(data);
  }

  onBell(listener: () => void): () => void {
    this.bellListeners.add(listener);
    return () => this.bellListeners.delete(listener);
  }

  /** The emulator parsed a BEL. */
  ring(): void {
    for (const listener of this.bellListeners) listener();
  }

  readVisibleText(): string {
    return this.text;
  }

  dispose(): void {
    this.disposed = true;
  }
}
