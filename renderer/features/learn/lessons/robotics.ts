import type { HostResources } from '../../../../shared/robot-run-contract.js';
import { containerName, lessonLabelArgs, type Lesson } from './lesson-types.js';

const id = 'robotics';
/** Loopback port of the talker: far from ROS 1's 11311 and DDS's 7400 range. */
export const talkerPort = 11411;
export const talkerMessage = 'hello from the talker';

/** The devices a robot passes in that the host has, serial ports first. */
export function hostDevices(host: HostResources | null): string[] {
  return host ? [...host.serial, ...host.cameras, ...host.joysticks] : [];
}

/** `/tmp/.X11-unix/X1` → `:1`. */
export function displayOf(host: HostResources | null): string {
  const socket = host?.x11[0];
  const n = socket?.match(/X(\d+)$/)?.[1];
  return n === undefined ? ':0' : `:${n}`;
}

/** Lesson 3: the three walls a robot's containers need a door in. */
export const robotics: Lesson = {
  id,
  title: 'Robotics: nodes, devices, displays',
  summary: 'Two containers talking over the host network as ROS nodes do, a device passed in, a window on your display.',
  intro:
    'A robot’s programs (ROS nodes, say) talk to each other over the network, read serial ports and cameras, and some open windows. ' +
    'A container is walled off from all three by default; one flag each opens the way. This lesson uses busybox’s small web server ' +
    'and wget in place of a publisher and a subscriber.',
  steps: [
    {
      id: 'talker',
      title: 'Start a talker on the host network',
      body: () =>
        `With --network host a container uses the host's own network: no port mapping, no separate address, as if the program ran on the host. ` +
        `ROS nodes are usually run this way so they find each other. This talker serves one message on 127.0.0.1:${talkerPort} ` +
        `(your image needs httpd and wget, as busybox has).`,
      gui: ({ settings }) =>
        `Containers view → Run container…, Image ${settings.image}, Name ${containerName(settings, 'talker')}, Network host ` +
        `(or the ROS on host network preset), Labels berth.lesson=${id}, Command: the sh -c line below, Run.`,
      commands: ({ settings }) => [
        {
          words: [
            'docker',
            'run',
            '-d',
            '--name',
            containerName(settings, 'talker'),
            '--network',
            'host',
            ...lessonLabelArgs(id),
            settings.image,
            'sh',
            '-c',
            `mkdir -p /www && echo "${talkerMessage}" > /www/chatter && exec httpd -f -p 127.0.0.1:${talkerPort} -h /www`,
          ],
        },
      ],
      checks: ({ settings }) => [
        { kind: 'containerExists', name: containerName(settings, 'talker'), lesson: id, state: 'running', network: 'host' },
      ],
    },
    {
      id: 'listener',
      title: 'Start a listener beside it',
      body: ({ settings }) =>
        `A second container, also on the host network, asks the talker every two seconds and prints what it hears. ` +
        `127.0.0.1 is the host's loopback for both, so they reach each other with no network of their own. ` +
        `Its logs (Logs tab, or docker logs) fill with the message when ${containerName(settings, 'listener')} hears ${containerName(settings, 'talker')}.`,
      gui: ({ settings }) =>
        `As for the talker: Name ${containerName(settings, 'listener')}, Network host, the command below; then its Logs tab.`,
      commands: ({ settings }) => [
        {
          words: [
            'docker',
            'run',
            '-d',
            '--name',
            containerName(settings, 'listener'),
            '--network',
            'host',
            ...lessonLabelArgs(id),
            settings.image,
            'sh',
            '-c',
            `while true; do wget -qO- http://127.0.0.1:${talkerPort}/chatter; sleep 2; done`,
          ],
        },
        { words: ['docker', 'logs', '-f', containerName(settings, 'listener')] },
      ],
      checks: ({ settings }) => [
        {
          kind: 'hostNetworkTalk',
          talker: containerName(settings, 'talker'),
          listener: containerName(settings, 'listener'),
          message: talkerMessage,
        },
      ],
    },
    {
      id: 'device',
      title: 'Pass a device in',
      body: ({ host }) => {
        const devices = hostDevices(host);
        const lead =
          'A container sees none of the host’s devices until it is given one with --device (the Run form’s Devices, or a robot preset). ';
        if (host === null) return `${lead}Berth is reading this engine host's devices…`;
        if (devices.length === 0) {
          return `${lead}This engine's host has no serial port, camera or joystick, so this step is skipped: plug one in and press Check to do it.`;
        }
        return `${lead}This engine's host has ${devices.join(', ')}. Give one to a container and list it from inside.`;
      },
      gui: ({ settings }) =>
        `Containers view → Run container…, the Serial device, Camera or Joystick preset (it names what the host lacks), ` +
        `Name ${containerName(settings, 'device')}, Labels berth.lesson=${id}, Run.`,
      commands: ({ settings, host }) => {
        const device = hostDevices(host)[0];
        if (device === undefined) return [];
        return [
          {
            words: [
              'docker',
              'run',
              '-d',
              '--name',
              containerName(settings, 'device'),
              '--device',
              device,
              ...lessonLabelArgs(id),
              settings.image,
              'sh',
              '-c',
              `ls -l ${device}; sleep 3600`,
            ],
          },
        ];
      },
      checks: ({ settings }) => [{ kind: 'deviceMapped', container: containerName(settings, 'device'), helperImage: settings.image }],
    },
    {
      id: 'display',
      title: 'Open a window on your display',
      body: ({ host }) => {
        const lead =
          'A GUI program in a container draws on the host’s screen through the X11 socket: it needs DISPLAY and /tmp/.X11-unix mounted ' +
          '(the Run form’s X11 display preset sets both; on the host, xhost +local: may be needed to let it in). ';
        if (host === null) return `${lead}Berth is reading this engine host's display sockets…`;
        if (host.x11.length === 0 && host.wayland.length === 0) {
          return `${lead}This engine's host has no display (no X11 or Wayland socket), so this step is skipped: a window would have nowhere to open.`;
        }
        return (
          `${lead}Use an image that has a GUI program (for example one built FROM ubuntu with RUN apt-get install -y x11-apps, then xeyes). ` +
          'The command below only shows the socket from inside; the check looks at the container’s settings.'
        );
      },
      gui: ({ settings }) =>
        `Containers view → Run container…, Name ${containerName(settings, 'gui')}, the X11 display (or Wayland display) preset, Labels berth.lesson=${id}, Run.`,
      commands: ({ settings, host }) => {
        if (!host || host.x11.length === 0) return [];
        return [
          {
            words: [
              'docker',
              'run',
              '-d',
              '--name',
              containerName(settings, 'gui'),
              '-e',
              `DISPLAY=${displayOf(host)}`,
              '-v',
              '/tmp/.X11-unix:/tmp/.X11-unix',
              ...lessonLabelArgs(id),
              settings.image,
              'sh',
              '-c',
              'ls -l /tmp/.X11-unix; sleep 3600',
            ],
          },
        ];
      },
      checks: ({ settings }) => [{ kind: 'displayShared', container: containerName(settings, 'gui'), helperImage: settings.image }],
    },
  ],
};
