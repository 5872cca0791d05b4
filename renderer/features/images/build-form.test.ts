import { describe, expect, it } from 'vitest';
import { buildFormView, type BuildFormFields } from './build-form.js';
import { pickStarterBase, starterDockerfile } from './build-starter.js';

const form: BuildFormFields = {
  mode: 'inline',
  contextPath: '',
  dockerfileText: 'FROM alpine\n',
  dockerfile: 'Dockerfile',
  tag: '',
  argsText: '',
  target: '',
  noCache: false,
  pull: false,
};

describe('build form', () => {
  it('builds "Write it here" with no folder: an empty context, docker build -', () => {
    const view = buildFormView({ ...form, tag: 'hello:1' });
    expect(view.blocked).toBeNull();
    expect(view.input).toEqual({ dockerfileText: 'FROM alpine\n', tags: ['hello:1'] });
    expect(view.command).toBe('docker build -t hello:1 --force-rm -');
    expect(buildFormView({ ...form, contextPath: '/src/app' }).command).toBe('docker build -f - --force-rm /src/app');
  });

  it('shows the command while the form is incomplete, and says why Build waits', () => {
    const view = buildFormView({ ...form, mode: 'file', tag: 'app:dev' });
    expect(view.input).toBeNull();
    expect(view.command).toBe('docker build -t app:dev --force-rm <folder>');
    expect(view.blocked).toMatch(/Give the context folder/);
    expect(buildFormView({ ...form, dockerfileText: '  \n' }).blocked).toBe('Write the Dockerfile first.');
    expect(buildFormView({ ...form, argsText: 'oops' }).blocked).toMatch(/"oops" is not NAME=value/);
    expect(buildFormView({ ...form, tag: 'Bad Tag' }).blocked).toMatch(/^Tag: /);
    expect(buildFormView({ ...form, mode: 'file', contextPath: 'relative' }).blocked).toMatch(/^Context folder: .*absolute/);
    expect(buildFormView({ ...form, mode: 'file', contextPath: '/src' }).input).toEqual({ contextPath: '/src' });
  });
});

const image = ([reference]: string[]) => {
  const [repository = '', tag = ''] = reference!.split(':');
  return { repository, tag, dangling: repository === '<none>' };
};

describe('starter Dockerfile', () => {
  it('uses a small base the engine has, the plainest name first', () => {
    const fixture = image(['berth-fixture/busybox:latest']);
    expect(pickStarterBase([image(['myapp:1']), fixture, image(['alpine:3.20'])])).toBe('alpine:3.20');
    expect(pickStarterBase([image(['ubuntu:24.04']), image(['busybox:1.36']), image(['me/busybox:x'])])).toBe('busybox:1.36');
    expect(pickStarterBase([image(['myapp:1']), fixture])).toBe('berth-fixture/busybox:latest');
    expect(pickStarterBase([image(['<none>:<none>']), image(['myapp:1'])])).toBeNull();
  });

  it('falls back to busybox (pulled by the build) when the engine has no small base', () => {
    expect(starterDockerfile([image(['myapp:1'])])).toMatchObject({ base: 'busybox', local: false });
    expect(starterDockerfile([image(['alpine:3'])]).text).toBe('FROM alpine:3\nRUN echo hello > /hello\nCMD ["cat", "/hello"]\n');
  });
});
