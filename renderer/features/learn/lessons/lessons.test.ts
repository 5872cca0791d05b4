import { describe, expect, it } from 'vitest';
import { containerNameInLesson, learnCheckSchema, tagInLessonNamespace } from '../../../../shared/learn-types.js';
import type { HostResources } from '../../../../shared/robot-run-contract.js';
import { lessons } from './index.js';
import { defaultLessonSettings, type StepContext } from './lesson-types.js';

const host: HostResources = {
  serial: ['/dev/ttyUSB0'],
  cameras: [],
  joysticks: [],
  dri: [],
  x11: ['/tmp/.X11-unix/X1'],
  wayland: [],
  runtimes: [],
  nvidiaRuntime: false,
};
const contexts: StepContext[] = [
  { settings: defaultLessonSettings, host: null },
  { settings: { image: 'alpine:3.20', prefix: 'me_x', registry: '127.0.0.1:5000' }, host },
];

describe('lessons as data', () => {
  it('have unique ids and steps, and every step has a check the contract accepts', () => {
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const lesson of lessons) {
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const step of lesson.steps) {
        for (const c of contexts) {
          const checks = step.checks(c);
          expect(checks.length).toBeGreaterThan(0);
          for (const check of checks) expect(learnCheckSchema.safeParse(check).success, `${lesson.id}/${step.id}`).toBe(true);
          expect(step.body(c).length).toBeGreaterThan(20);
        }
      }
    }
  });

  it('name everything they ask for inside the lesson namespace, so Clean up finds it', () => {
    for (const lesson of lessons) {
      for (const step of lesson.steps) {
        for (const c of contexts) {
          const { prefix } = c.settings;
          for (const check of step.checks(c)) {
            if (check.kind === 'containerExists') {
              expect(containerNameInLesson(check.name, prefix)).toBe(true);
              expect(check.lesson).toBe(lesson.id);
            }
            if (check.kind === 'imageExists' && check.ref !== c.settings.image) expect(tagInLessonNamespace(check.ref, prefix)).toBe(true);
          }
          // A command that makes a container gives the lesson's label, or uses an image that has it.
          for (const command of step.commands?.(c) ?? []) {
            const words = command.words;
            if (words[1] === 'run' && words.includes('--name') && !words.some((w) => w.startsWith(`${prefix}/`))) {
              expect(words, `${lesson.id}/${step.id}`).toContain(`berth.lesson=${lesson.id}`);
            }
          }
        }
      }
    }
  });

  it('the robotics lesson offers device and display commands only when the host has them', () => {
    const robotics = lessons.find((l) => l.id === 'robotics')!;
    const device = robotics.steps.find((s) => s.id === 'device')!;
    const display = robotics.steps.find((s) => s.id === 'display')!;
    expect(device.commands!(contexts[0]!)).toEqual([]);
    expect(device.commands!(contexts[1]!)[0]!.words).toContain('/dev/ttyUSB0');
    expect(display.commands!(contexts[1]!)[0]!.words).toContain('DISPLAY=:1');
    expect(device.body({ ...contexts[0]!, host: { ...host, serial: [] } })).toMatch(/skipped/);
  });
});
