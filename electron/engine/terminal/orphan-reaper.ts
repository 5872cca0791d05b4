import type { TerminalSource } from './terminal-source.js';

/**
 * Sessions that ended while the engine could not be asked to end their processes (a dropped
 * connection, the engine restarting): they are ended again each time the engine answers, until
 * the engine has done it (or says there is nothing left: the container is gone or stopped).
 */
export class OrphanReaper {
  private readonly waiting = new Set<TerminalSource>();
  private running: Promise<void> | undefined;

  get size(): number {
    return this.waiting.size;
  }

  /** Ends `source`; keeps it for a later try when the engine did not answer. */
  async reap(source: TerminalSource): Promise<void> {
    if ((await source.terminate()) === 'unreachable') this.waiting.add(source);
  }

  /** Tries every waiting session again (the engine answers again). */
  retry(): Promise<void> {
    this.running ??= this.retryAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async retryAll(): Promise<void> {
    for (const source of [...this.waiting]) {
      if ((await source.terminate()) === 'done') this.waiting.delete(source);
    }
  }
}
