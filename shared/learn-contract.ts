import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import {
  cleanupOutcomeSchema,
  learnCheckOutcomeSchema,
  learnCheckSchema,
  lessonCleanupInputSchema,
  lessonIdSchema,
  lessonObjectsSchema,
  lessonPrefixSchema,
} from './learn-types.js';
import type { CommandWords } from './shell-command.js';
import { formatCommandSequence } from './shell-command.js';

function cleanupCommands(i: { containers: readonly string[]; images: readonly string[] }): CommandWords[] {
  const commands: CommandWords[] = [];
  if (i.containers.length > 0) commands.push(['docker', 'rm', '--force', ...i.containers]);
  if (i.images.length > 0) commands.push(['docker', 'rmi', ...i.images]);
  return commands;
}

/**
 * Contract entries for Learn lessons. Checks and the clean-up preview are Berth's own reads (no
 * command of their own); clean-up equals `docker rm --force …` then `docker rmi …` of exactly the
 * objects the user confirmed, each read again first and left alone unless it still carries the
 * lesson's label and name prefix. Spread into `calls` and `streams` in contract.ts.
 */
export const learnCalls = {
  /** Answers a step's checks from the engine; never changes anything. */
  'learn.check': defineCall({
    input: z.strictObject({ checks: z.array(learnCheckSchema).min(1).max(8) }),
    output: learnCheckOutcomeSchema,
  }),
  /** What a lesson made: containers and images with label berth.lesson=<lesson> whose names start with the prefix. */
  'learn.cleanupPreview': defineCall({
    input: z.strictObject({ lesson: lessonIdSchema, prefix: lessonPrefixSchema }),
    output: lessonObjectsSchema,
  }),
  'learn.cleanup': defineCall({
    input: lessonCleanupInputSchema,
    output: z.array(cleanupOutcomeSchema),
    cli: (i) => formatCommandSequence(cleanupCommands(i)),
  }),
} as const;

export const learnStreams = {} as const;
