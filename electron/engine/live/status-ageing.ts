import type { ContainerSummary } from '../../../shared/engine-types.js';
import { agedStatusText, statusAge, type StatusAge } from './status-age.js';

/**
 * The containers' status wording ("Up 5 minutes", "Exited (0) 2 hours ago") aged between reads:
 * when the engine said each one, and the wording it would use now (status-age.ts), so the live
 * model keeps the ages true without asking the engine again. Also its clock tick.
 */
export class StatusAgeing {
  /** Containers whose status words an age, with when the engine said it. */
  private readonly ages = new Map<string, { age: StatusAge; saidAt: number }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    /** Unix ms now. */
    private readonly now: () => number,
    /** How often `every`'s tick runs, in ms. */
    private readonly tickMs: number,
  ) {}

  /** The engine just said this container's status: its age counts from now. */
  said(summary: ContainerSummary): void {
    const age = statusAge(summary.status);
    if (age) this.ages.set(summary.id, { age, saidAt: this.now() });
    else this.ages.delete(summary.id);
  }

  /** The container is gone. */
  forget(id: string): void {
    this.ages.delete(id);
  }

  /** Before a full list says every status again. */
  clear(): void {
    this.ages.clear();
  }

  /** The row to show for a container: its status aged since the engine said it. */
  shown(summary: ContainerSummary): ContainerSummary {
    const said = this.ages.get(summary.id);
    if (!said) return summary;
    const status = agedStatusText(said.age, (this.now() - said.saidAt) / 1000);
    return status === summary.status ? summary : { ...summary, status };
  }

  /** The rows (as `shownNow` gives them) whose wording is out of date now, worded as of now. */
  changed(shownNow: (id: string) => ContainerSummary | undefined): ContainerSummary[] {
    const now = this.now();
    const changed: ContainerSummary[] = [];
    for (const [id, { age, saidAt }] of this.ages) {
      const shown = shownNow(id);
      const status = agedStatusText(age, (now - saidAt) / 1000);
      if (shown && shown.status !== status) changed.push({ ...shown, status });
    }
    return changed;
  }

  /** Runs `tick` every `tickMs` until `stop()`; the timer does not keep the process alive. */
  every(tick: () => void): void {
    clearInterval(this.timer);
    this.timer = setInterval(tick, this.tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
