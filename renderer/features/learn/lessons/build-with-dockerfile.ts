import { containerName, imageName, type Lesson, type LessonSettings } from './lesson-types.js';

const id = 'build';

/** The lesson's Dockerfile; `lastLine` is the one step 3 changes. */
export function lessonDockerfile(s: LessonSettings, lastLine = 'CMD ["cat", "/build-id"]'): string {
  return [`FROM ${s.image}`, `LABEL berth.lesson=${id}`, 'RUN cat /proc/sys/kernel/random/uuid > /build-id', lastLine, ''].join('\n');
}

export const changedLastLine = 'CMD ["sh", "-c", "echo this build reused id: && cat /build-id"]';

/** Lesson 2: a recipe instead of a snapshot, and the cache that makes rebuilding quick. */
export const buildWithDockerfile: Lesson = {
  id,
  title: 'Build with a Dockerfile',
  summary: 'Write the recipe for an image, build it, change its last line and watch the rebuild reuse the rest.',
  intro:
    'A committed image does not say how it was made. A Dockerfile does: it is a short text file whose instructions are ' +
    'the steps that make the image, each one on top of the last. The builder remembers the result of every step, so ' +
    'building again only redoes the steps from the first line that changed.',
  steps: [
    {
      id: 'write-build',
      title: 'Write a Dockerfile and build it',
      body: () =>
        'Save these lines as a file named Dockerfile in an empty folder. FROM picks the image to start from; LABEL marks the result as ' +
        "this lesson's; RUN runs a command and keeps what it wrote as a new layer (a random id here, so you can tell a step that ran " +
        'from one taken from the cache); CMD is what a container runs when you give no command.',
      file: (c) => ({ name: 'Dockerfile', text: lessonDockerfile(c.settings) }),
      gui: ({ settings }) => `Images view → Build… → Write it here, paste the lines, Tag ${imageName(settings, 'built', '1')}, Build.`,
      commands: ({ settings }) => [{ words: ['docker', 'build', '-t', imageName(settings, 'built', '1'), '.'], note: 'in that folder' }],
      checks: ({ settings }) => [
        { kind: 'imageExists', ref: imageName(settings, 'built', '1'), lesson: id },
        { kind: 'imageHasMoreLayersThan', ref: imageName(settings, 'built', '1'), base: settings.image },
      ],
    },
    {
      id: 'run-built',
      title: 'Run what you built',
      body: ({ settings }) =>
        `Run it without a command: CMD runs and prints the id the RUN step wrote. The container carries the lesson's label because ` +
        `the image does (labels are inherited), so ${containerName(settings, 'built')} needs no --label.`,
      gui: ({ settings }) =>
        `Images view → Run on the ${imageName(settings, 'built', '1')} row, Name ${containerName(settings, 'built')}, Run; its Logs tab shows the id.`,
      commands: ({ settings }) => [
        { words: ['docker', 'run', '--name', containerName(settings, 'built'), imageName(settings, 'built', '1')] },
      ],
      checks: ({ settings }) => [
        {
          kind: 'containerExists',
          name: containerName(settings, 'built'),
          lesson: id,
          state: 'exited',
          image: imageName(settings, 'built', '1'),
        },
      ],
    },
    {
      id: 'rebuild',
      title: 'Change the last line and build again',
      body: () =>
        `Replace the CMD line with ${changedLastLine} and build under a new tag. Only the changed step runs: the builder takes FROM, LABEL ` +
        'and RUN from its cache (“Using cache”; Berth marks those lines cached), so the new image keeps the very same RUN layer and the same id. ' +
        'Change the RUN line instead and every step from there on runs again.',
      file: (c) => ({ name: 'Dockerfile', text: lessonDockerfile(c.settings, changedLastLine) }),
      gui: ({ settings }) =>
        `Images view → Build…, edit the last line, Tag ${imageName(settings, 'built', '2')}, Build; cached lines are marked.`,
      commands: ({ settings }) => [
        { words: ['docker', 'build', '-t', imageName(settings, 'built', '2'), '.'] },
        { words: ['docker', 'run', '--rm', imageName(settings, 'built', '2')], note: 'the same id as before' },
      ],
      checks: ({ settings }) => [
        {
          kind: 'rebuildUsedCache',
          ref: imageName(settings, 'built', '2'),
          previous: imageName(settings, 'built', '1'),
          base: settings.image,
        },
      ],
    },
  ],
};
