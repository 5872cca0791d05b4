import { describe, expect, it } from 'vitest';
import { parseHostListing } from './host-resources.js';

describe('the host check helper’s output', () => {
  it('sorts lines into kinds and ignores anything else', () => {
    const found = parseHostListing(
      [
        'serial /dev/ttyUSB1',
        'serial /dev/ttyACM0',
        'camera /dev/video0',
        'joystick /dev/input/js0',
        'dri /dev/dri/renderD128',
        'x11 /tmp/.X11-unix/X0',
        'wayland /run/user/1000/wayland-0',
        'xauth /root/.Xauthority 0 600 52',
        'xauth /home/ada lovelace/.Xauthority 1000 600 0',
        'xauth /tmp/xauth_bad mode 600 1',
        'noise',
        'serial relative',
        'other /dev/x',
        '',
      ].join('\n'),
    );
    expect(found).toEqual({
      serial: ['/dev/ttyACM0', '/dev/ttyUSB1'],
      cameras: ['/dev/video0'],
      joysticks: ['/dev/input/js0'],
      dri: ['/dev/dri/renderD128'],
      x11: ['/tmp/.X11-unix/X0'],
      wayland: ['/run/user/1000/wayland-0'],
      xauth: [
        { path: '/home/ada lovelace/.Xauthority', uid: 1000, mode: '600', size: 0 },
        { path: '/root/.Xauthority', uid: 0, mode: '600', size: 52 },
      ],
    });
  });
});
