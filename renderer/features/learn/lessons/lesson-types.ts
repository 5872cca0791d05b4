import type { LearnCheck } from '../../../../shared/learn-types.js';
import type { HostResources } from '../../../../shared/robot-run-contract.js';
import type { CommandWords } from '../../../../shared/shell-command.js';

/** What the user chose for every lesson: the image to start from, how names begin, the registry to push to. */
export interface LessonSettings {
  readonly image: string;
  readonly prefix: string;
  readonly registry: string;
}

export const defaultLessonSettings: LessonSettings = { image: 'busybox:latest', prefix: 'learn', registry: 'localhost:5000' };

/** What a step's text may depend on: the settings, and what the engine's host offers (robotics lesson). */
export interface StepContext {
  readonly settings: LessonSettings;
  /** null until read (or when it could not be). */
  readonly host: HostResources | null;
}

/** A command for a terminal beside Berth, as words (quoted when shown), with what it does. */
export interface StepCommand {
  readonly words: CommandWords;
  readonly note?: string;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** What to do and why, in a few sentences. */
  readonly body: (c: StepContext) => string;
  /** The same, done in Berth: which view and which buttons. */
  readonly gui?: (c: StepContext) => string;
  /** The same, typed in a host terminal. */
  readonly commands?: (c: StepContext) => readonly StepCommand[];
  /** Typed inside the container's shell (not the host's). */
  readonly inside?: (c: StepContext) => readonly string[];
  /** A file to write, shown as it should read (the Dockerfile). */
  readonly file?: (c: StepContext) => { readonly name: string; readonly text: string };
  /** What the engine must show for the step to pass; every one must pass. */
  readonly checks: (c: StepContext) => readonly LearnCheck[];
  /** Not needed to complete the lesson (a registry push). */
  readonly optional?: boolean;
}

export interface Lesson {
  /** Also the value of the label berth.lesson on everything the lesson makes. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly intro: string;
  readonly steps: readonly LessonStep[];
}

/** The names a lesson gives, from the prefix: containers `<prefix>-<what>`, images `<prefix>/<what>:<tag>`. */
export function containerName(s: LessonSettings, what: string): string {
  return `${s.prefix}-${what}`;
}

export function imageName(s: LessonSettings, what: string, tag: string): string {
  return `${s.prefix}/${what}:${tag}`;
}

export function lessonLabelArgs(lessonId: string): string[] {
  return ['--label', `berth.lesson=${lessonId}`];
}
