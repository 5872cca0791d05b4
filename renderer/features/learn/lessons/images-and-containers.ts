import { containerName, imageName, lessonLabelArgs, type Lesson } from './lesson-types.js';

const id = 'images';
const file = '/hello.txt';

/** Lesson 1: where a container's changes live, and how to keep them. */
export const imagesAndContainers: Lesson = {
  id,
  title: 'Images and containers',
  summary: 'Run an image, change a file, lose it, find it again, and save it as a new image.',
  intro:
    'An image is a frozen file system plus the command to start in it; nothing ever writes to it. ' +
    'A container is one run of an image: it gets a thin layer of its own on top, and everything it changes lands there. ' +
    'In this lesson you will see that layer appear, vanish with a fresh container, come back with the old one, and become an image.',
  steps: [
    {
      id: 'get-image',
      title: 'Get an image',
      body: ({ settings }) =>
        `Every container starts from an image. Pull a small one from a registry, or use one you already have: ` +
        `type or pick it in the Image box above (it needs a shell, sh). The lesson uses ${settings.image}.`,
      gui: ({ settings }) => `Images view → Pull…, enter ${settings.image}, Pull. Images you already have are listed there too.`,
      commands: ({ settings }) => [
        { words: ['docker', 'pull', settings.image], note: 'fetch it from its registry' },
        { words: ['docker', 'images'], note: 'list the images this engine has' },
      ],
      checks: ({ settings }) => [{ kind: 'imageExists', ref: settings.image }],
    },
    {
      id: 'run-it',
      title: 'Run it with a shell',
      body: ({ settings }) =>
        `Start a container from ${settings.image} with -i (keep its input open) and -t (give it a terminal), ` +
        `so you can type in its shell. Give it a name so you can find it again, and the lesson's label so Clean up knows it is the lesson's. ` +
        `Then list the containers: yours is there, running.`,
      gui: ({ settings }) =>
        `Images view → Run on the ${settings.image} row. Name: ${containerName(settings, 'first')}; Labels: berth.lesson=${id}; ` +
        `turn on Interactive and TTY; Command: sh; then Run. The Containers view lists it.`,
      commands: ({ settings }) => [
        { words: ['docker', 'run', '-it', '--name', containerName(settings, 'first'), ...lessonLabelArgs(id), settings.image, 'sh'] },
        { words: ['docker', 'ps'], note: 'in another terminal: the running containers' },
      ],
      checks: ({ settings }) => [
        {
          kind: 'containerExists',
          name: containerName(settings, 'first'),
          lesson: id,
          state: 'running',
          image: settings.image,
          interactive: true,
        },
      ],
    },
    {
      id: 'make-file',
      title: 'Change something inside',
      body: ({ settings }) =>
        `In the container's shell, write a file. It goes into ${containerName(settings, 'first')}'s own layer, not into the image. ` +
        `Berth's Changes tab (the same list as docker diff) shows it as added.`,
      inside: () => [`echo hello > ${file}`, 'ls /'],
      commands: ({ settings }) => [{ words: ['docker', 'diff', containerName(settings, 'first')], note: 'what the container changed' }],
      checks: ({ settings }) => [{ kind: 'fileInDiff', container: containerName(settings, 'first'), path: file, expect: 'present' }],
    },
    {
      id: 'leave',
      title: 'Leave the shell',
      body: () =>
        'Type exit. The shell was the container’s main process, so the container stops with it. Stopped is not removed: ' +
        'docker ps -a (all containers) still lists it, with its exit code.',
      inside: () => ['exit'],
      commands: ({ settings }) => [{ words: ['docker', 'ps', '-a', '--filter', `name=${containerName(settings, 'first')}`] }],
      checks: ({ settings }) => [{ kind: 'containerExists', name: containerName(settings, 'first'), lesson: id, state: 'exited' }],
    },
    {
      id: 'run-again',
      title: 'Run the image again',
      body: ({ settings }) =>
        `Run a second container from ${settings.image} and look for ${file}. It is not there: docker run always makes a new container, ` +
        `and a new container gets an empty layer on top of the unchanged image.`,
      gui: ({ settings }) =>
        `As before: Run on the ${settings.image} row, Name ${containerName(settings, 'second')}, Labels berth.lesson=${id}, Interactive and TTY on, Command sh.`,
      commands: ({ settings }) => [
        { words: ['docker', 'run', '-it', '--name', containerName(settings, 'second'), ...lessonLabelArgs(id), settings.image, 'sh'] },
      ],
      inside: () => [`ls ${file}`, 'exit'],
      checks: ({ settings }) => [
        { kind: 'containerExists', name: containerName(settings, 'second'), lesson: id, image: settings.image },
        { kind: 'fileInDiff', container: containerName(settings, 'second'), path: file, expect: 'absent' },
      ],
    },
    {
      id: 'start-first',
      title: 'Start the first container again',
      body: ({ settings }) =>
        `Instead of a new container, start ${containerName(settings, 'first')} again. Its layer is as you left it, so ${file} is back. ` +
        `docker start -ai starts it and attaches your terminal to its shell.`,
      gui: ({ settings }) => `Containers view → ${containerName(settings, 'first')} → Start, then open a Shell or Attach tab.`,
      commands: ({ settings }) => [{ words: ['docker', 'start', '-ai', containerName(settings, 'first')] }],
      inside: () => [`cat ${file}`],
      checks: ({ settings }) => [
        { kind: 'containerExists', name: containerName(settings, 'first'), lesson: id, state: 'running' },
        { kind: 'fileInDiff', container: containerName(settings, 'first'), path: file, expect: 'present' },
      ],
    },
    {
      id: 'commit',
      title: 'Save it as an image',
      body: ({ settings }) =>
        `docker commit turns a container's layer into a new top layer of a new image, ${imageName(settings, 'first', 'v2')}. ` +
        `Every container made from it starts with ${file}. It keeps the container's label too.`,
      gui: ({ settings }) =>
        `Containers view → ${containerName(settings, 'first')} → Commit…, Repository ${settings.prefix}/first, Tag v2, Commit.`,
      commands: ({ settings }) => [
        { words: ['docker', 'commit', containerName(settings, 'first'), imageName(settings, 'first', 'v2')] },
        { words: ['docker', 'run', '--rm', imageName(settings, 'first', 'v2'), 'cat', file], note: 'a new container has the file' },
      ],
      checks: ({ settings }) => [
        { kind: 'imageExists', ref: imageName(settings, 'first', 'v2'), lesson: id },
        { kind: 'imageHasMoreLayersThan', ref: imageName(settings, 'first', 'v2'), base: settings.image },
      ],
    },
    {
      id: 'push',
      title: 'Share it through a registry',
      optional: true,
      body: ({ settings }) =>
        `A registry keeps images for others to pull. Any registry you can push to works; a local one is enough to try. ` +
        `If nothing answers at ${settings.registry}, start one (it needs the registry:2 image once): docker run -d -p 5000:5000 --name registry registry:2. ` +
        `That registry container is yours, not the lesson's: Clean up leaves it. Tag the image with the registry's address in front, then push it.`,
      gui: ({ settings }) =>
        `Images view → Tag on the ${imageName(settings, 'first', 'v2')} row, new name ${settings.registry}/${imageName(settings, 'first', 'v2')}; then Push on the new row.`,
      commands: ({ settings }) => [
        { words: ['docker', 'tag', imageName(settings, 'first', 'v2'), `${settings.registry}/${imageName(settings, 'first', 'v2')}`] },
        { words: ['docker', 'push', `${settings.registry}/${imageName(settings, 'first', 'v2')}`] },
      ],
      checks: ({ settings }) => [{ kind: 'imagePushed', ref: `${settings.registry}/${imageName(settings, 'first', 'v2')}` }],
    },
  ],
};
