import type { BuildLogLine, BuildStep } from '../../../shared/image-types.js';
import type { BuildOutputEvent } from './build-output-parser.js';
import { instructionForStep, type DockerfileInstruction } from './dockerfile-lines.js';

/** What the build stream sends for one output event: step changes and log lines, in order. */
export type StepOutput = { type: 'step'; step: BuildStep } | { type: 'log'; line: BuildLogLine };

export interface BuildOutcome {
  imageId: string | null;
  steps: number;
  cachedSteps: number;
  /** The step that was running when the build failed. */
  failedStep: BuildStep | null;
  error: { message: string; exitCode: number | null } | null;
}

/**
 * Turns the builder's output into step events tied to Dockerfile lines: each step starts
 * `running`, then ends `done` (or `failed`) with whether it hit the cache, how long it took and
 * the layer it produced. Pure apart from the clock it is given.
 */
export class BuildStepTracker {
  private current: BuildStep | null = null;
  private startedAt = 0;
  private seenFrom = false;
  private imageId: string | null = null;
  private error: BuildOutcome['error'] = null;
  private failedStep: BuildStep | null = null;
  private doneSteps = 0;
  private cachedSteps = 0;

  constructor(
    private readonly instructions: readonly DockerfileInstruction[],
    private readonly now: () => number = () => Date.now(),
  ) {}

  handle(event: BuildOutputEvent): StepOutput[] {
    switch (event.kind) {
      case 'line':
        return [{ type: 'log', line: { step: this.current?.step ?? null, text: event.text } }];
      case 'step': {
        const out = this.endCurrent('done');
        const source = instructionForStep(this.instructions, event.step, event.instruction);
        const keyword = (/^(\S+)/.exec(event.instruction)?.[1] ?? '').toUpperCase();
        // FROM picks an image, and an ARG before the first FROM only declares: neither can hit the cache.
        const cacheable = keyword !== 'FROM' && this.seenFrom;
        if (keyword === 'FROM') this.seenFrom = true;
        this.current = {
          type: 'step',
          step: event.step,
          total: event.total,
          instruction: event.instruction,
          line: source?.line ?? null,
          endLine: source?.endLine ?? null,
          status: 'running',
          cached: false,
          cacheable,
          durationMs: null,
          layerId: null,
        };
        this.startedAt = this.now();
        return [...out, { type: 'step', step: { ...this.current } }];
      }
      case 'cache-hit':
        if (this.current) this.current.cached = true;
        return [];
      case 'layer':
        if (this.current) this.current.layerId = event.id;
        return [];
      case 'image-id':
        // The builder reports an ID at the end of each stage: the step that produced it is over.
        this.imageId = event.id;
        return this.endCurrent('done');
      case 'running-in':
        return [];
      case 'error':
        this.error = { message: event.message, exitCode: event.exitCode };
        return this.endCurrent('failed');
    }
  }

  /** The build stream ended: closes the last step (done unless an error came). */
  end(): StepOutput[] {
    return this.endCurrent(this.error ? 'failed' : 'done');
  }

  outcome(): BuildOutcome {
    return { imageId: this.imageId, steps: this.doneSteps, cachedSteps: this.cachedSteps, failedStep: this.failedStep, error: this.error };
  }

  private endCurrent(status: 'done' | 'failed'): StepOutput[] {
    const step = this.current;
    if (!step) return [];
    this.current = null;
    const ended: BuildStep = { ...step, status, durationMs: Math.max(0, this.now() - this.startedAt) };
    if (status === 'failed') this.failedStep = ended;
    else {
      this.doneSteps += 1;
      if (ended.cached) this.cachedSteps += 1;
    }
    return [{ type: 'step', step: ended }];
  }
}
