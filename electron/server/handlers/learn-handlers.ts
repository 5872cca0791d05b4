import type { learnCalls, learnStreams } from '../../../shared/learn-contract.js';
import { learnCheckSchema } from '../../../shared/learn-types.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';
import { LearnService } from '../../engine/learn/learn-service.js';
import { LessonCleanup } from '../../engine/learn/lesson-cleanup.js';

/** Handlers for shared/learn-contract.ts: lesson checks and clean-up on this engine. */
export function learnCallHandlers(engine: EngineServices): Pick<CallHandlers, keyof typeof learnCalls> {
  const learn = new LearnService(engine.connection);
  const cleanup = new LessonCleanup(engine.connection);
  return {
    // The router validated the input; parsing again fills the checks' defaults (state: any).
    'learn.check': ({ checks }) => learn.check(checks.map((c) => learnCheckSchema.parse(c))),
    'learn.cleanupPreview': ({ lesson, prefix }) => cleanup.objects(lesson, prefix),
    'learn.cleanup': (input) => cleanup.remove(input),
  };
}

export function learnStreamHandlers(_engine: EngineServices): Pick<StreamHandlers, keyof typeof learnStreams> {
  return {};
}
