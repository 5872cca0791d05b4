import { describe, expect, it } from 'vitest';
import {
  judgeContainer,
  judgeDevice,
  judgeDisplay,
  judgeFileInDiff,
  judgeHostTalk,
  judgeImageExists,
  judgeMoreLayers,
  judgePushed,
  judgeRebuild,
  repositoryOf,
  type ContainerFacts,
  type HostDisplayFacts,
  type ImageFacts,
} from './learn-checks.js';

const image = (id: string, layers: string[], extra: Partial<ImageFacts> = {}): ImageFacts => ({
  Id: id,
  RootFS: { Layers: layers },
  ...extra,
});
const container = (over: Partial<ContainerFacts> = {}): ContainerFacts => ({
  Id: 'c1',
  Name: '/learn-first',
  Image: 'sha256:base',
  State: { Status: 'running', Running: true },
  Config: { Tty: true, OpenStdin: true, Labels: { 'berth.lesson': 'images' } },
  HostConfig: { NetworkMode: 'bridge' },
  ...over,
});

/** The host's devices and displays as learn-service hands them to the judgements: none unless given. */
const hostWith = (over: Partial<HostDisplayFacts> = {}): HostDisplayFacts => ({ devices: [], x11: [], wayland: [], ...over });

describe('lesson check judgements', () => {
  it('imageExists needs the image, and the lesson label when asked', () => {
    expect(judgeImageExists('a:1', undefined).status).toBe('failed');
    expect(judgeImageExists('a:1', image('sha256:1', ['l1'])).status).toBe('passed');
    expect(judgeImageExists('a:1', image('sha256:1', ['l1']), 'build').status).toBe('failed');
    expect(judgeImageExists('a:1', image('sha256:1', ['l1'], { Config: { Labels: { 'berth.lesson': 'build' } } }), 'build').status).toBe(
      'passed',
    );
  });

  it('containerExists checks the label, image, -it, network and state in turn', () => {
    const want = { name: 'learn-first', lesson: 'images', state: 'any' } as const;
    expect(judgeContainer(want, undefined).status).toBe('failed');
    expect(judgeContainer(want, container()).status).toBe('passed');
    expect(judgeContainer(want, container({ Config: { Labels: {} } })).detail).toMatch(/no label/);
    expect(judgeContainer({ ...want, imageRef: 'x', imageId: undefined }, container()).detail).toMatch(/no image x/);
    expect(judgeContainer({ ...want, imageRef: 'x', imageId: 'sha256:other' }, container()).detail).toMatch(/another image/);
    expect(
      judgeContainer(
        { ...want, interactive: true },
        container({ Config: { Tty: true, OpenStdin: false, Labels: { 'berth.lesson': 'images' } } }),
      ).status,
    ).toBe('failed');
    expect(judgeContainer({ ...want, network: 'host' }, container()).status).toBe('failed');
    expect(judgeContainer({ ...want, state: 'exited' }, container()).status).toBe('failed');
    expect(judgeContainer({ ...want, state: 'running' }, container({ State: { Status: 'exited', Running: false } })).status).toBe('failed');
    expect(
      judgeContainer({ ...want, state: 'exited' }, container({ State: { Status: 'exited', Running: false, ExitCode: 0 } })).status,
    ).toBe('passed');
  });

  it('fileInDiff: a deleted path is not present; absent passes on an empty diff', () => {
    expect(judgeFileInDiff('c', '/f', 'present', [{ path: '/f', kind: 'added' }]).status).toBe('passed');
    expect(judgeFileInDiff('c', '/f', 'present', [{ path: '/f', kind: 'deleted' }]).status).toBe('failed');
    expect(judgeFileInDiff('c', '/f', 'present', [{ path: '/f/g', kind: 'added' }]).status).toBe('failed');
    expect(judgeFileInDiff('c', '/f', 'absent', []).status).toBe('passed');
    expect(judgeFileInDiff('c', '/f', 'absent', undefined).status).toBe('failed');
  });

  it('imageHasMoreLayersThan: on top of the base, with at least one layer more', () => {
    const base = image('sha256:b', ['l1', 'l2']);
    expect(judgeMoreLayers('r', 'b', image('sha256:r', ['l1', 'l2', 'l3']), base).status).toBe('passed');
    expect(judgeMoreLayers('r', 'b', image('sha256:r', ['l1', 'l2']), base).status).toBe('failed');
    expect(judgeMoreLayers('r', 'b', image('sha256:r', ['x1', 'l2', 'l3']), base).detail).toMatch(/not built on/);
    expect(judgeMoreLayers('r', 'b', undefined, base).status).toBe('failed');
  });

  it('rebuildUsedCache: another image sharing a layer above the base with the previous build', () => {
    const refs = { ref: 'b:2', previous: 'b:1', base: 'base' };
    const base = image('sha256:base', ['l1']);
    const previous = image('sha256:p', ['l1', 'run-a']);
    expect(judgeRebuild(refs, image('sha256:n', ['l1', 'run-a']), previous, base).status).toBe('passed');
    expect(judgeRebuild(refs, image('sha256:n', ['l1', 'run-b']), previous, base).detail).toMatch(/shares no layer/);
    expect(judgeRebuild(refs, image('sha256:p', ['l1', 'run-a']), previous, base).detail).toMatch(/same image/);
    // Nothing above the base (a Dockerfile with no RUN) cannot show the cache.
    expect(judgeRebuild(refs, image('sha256:n', ['l1']), image('sha256:p', ['l1']), base).status).toBe('failed');
    expect(judgeRebuild(refs, image('sha256:n', ['x', 'run-a']), previous, base).detail).toMatch(/FROM/);
  });

  it('imagePushed: a RepoDigest of the same repository', () => {
    const ref = '127.0.0.1:5000/learn/first:v2';
    expect(repositoryOf(ref)).toBe('127.0.0.1:5000/learn/first');
    expect(repositoryOf('learn/first')).toBe('learn/first');
    expect(judgePushed(ref, image('sha256:1', [], { RepoDigests: ['127.0.0.1:5000/learn/first@sha256:abc'] })).status).toBe('passed');
    expect(judgePushed(ref, image('sha256:1', [], { RepoDigests: ['127.0.0.1:5000/learn/firstx@sha256:abc'] })).status).toBe('failed');
    expect(judgePushed(ref, image('sha256:1', [], { RepoDigests: null })).status).toBe('failed');
  });

  it('hostNetworkTalk: both on the host network and running, and the message heard', () => {
    const host = container({ HostConfig: { NetworkMode: 'host' } });
    const want = { talker: 't', listener: 'l', message: 'hi' };
    expect(judgeHostTalk(want, host, host, 'x\nhi\n').status).toBe('passed');
    expect(judgeHostTalk(want, host, host, '').status).toBe('failed');
    expect(judgeHostTalk(want, host, container(), 'hi').detail).toMatch(/not on the host network/);
    expect(judgeHostTalk(want, undefined, host, 'hi').status).toBe('failed');
  });

  it('deviceMapped and displayShared: skipped without the host having one', () => {
    const none = hostWith();
    const some = hostWith({ devices: ['/dev/ttyUSB0'], x11: ['/tmp/.X11-unix/X0'] });
    expect(judgeDevice('c', undefined, none).status).toBe('skipped');
    expect(judgeDisplay('c', undefined, none).status).toBe('skipped');
    const withDevice = container({ HostConfig: { Devices: [{ PathOnHost: '/dev/ttyUSB0', PathInContainer: '/dev/ttyUSB0' }] } });
    expect(judgeDevice('c', withDevice, some).status).toBe('passed');
    expect(judgeDevice('c', container(), some).status).toBe('failed');
    const withDisplay = container({
      Config: { Env: ['DISPLAY=:0'], Labels: {} },
      Mounts: [{ Source: '/tmp/.X11-unix', Destination: '/tmp/.X11-unix' }],
    });
    expect(judgeDisplay('c', withDisplay, some).status).toBe('passed');
    expect(judgeDisplay('c', container({ Config: { Env: ['DISPLAY=:0'] } }), some).status).toBe('failed');
  });
});
