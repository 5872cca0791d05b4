import { describe, expect, it } from 'vitest';
import { hostCookie, isLocalDisplay, xauthPathToLook, xauthProblem, type DisplayRunFields, type XauthFile } from './xauth-check.js';

const userCookie: XauthFile = { path: '/home/ada/.Xauthority', uid: 1000, mode: '600', size: 52 };
const rootCookie: XauthFile = { path: '/root/.Xauthority', uid: 0, mode: '600', size: 52 };
const gdmCookie: XauthFile = { path: '/run/user/1000/gdm/Xauthority', uid: 1000, mode: '600', size: 52 };

function form(env: Record<string, string>, mounts: Array<[string, string]> = [], user = ''): DisplayRunFields {
  return {
    env: Object.entries(env).map(([key, value]) => ({ key, value })),
    mounts: [['/tmp/.X11-unix', '/tmp/.X11-unix'] as [string, string], ...mounts].map(([source, target]) => ({ source, target })),
    user,
  };
}

describe('the display preset’s xauth cookie check', () => {
  it('picks the live cookie: gdm’s session cookie, then a home folder’s, never an empty one', () => {
    expect(hostCookie([rootCookie, userCookie, gdmCookie])).toBe(gdmCookie);
    expect(hostCookie([rootCookie, userCookie])).toBe(userCookie);
    expect(hostCookie([{ ...userCookie, size: 0 }])).toBeUndefined();
    expect(hostCookie(undefined)).toBeUndefined();
  });

  it('knows a local display from a remote one', () => {
    expect([':0', ':1.0', 'unix:0'].every(isLocalDisplay)).toBe(true);
    expect(['robot:0', 'localhost:10.0', ''].some(isLocalDisplay)).toBe(false);
  });

  it('says nothing when the cookie is mounted where XAUTHORITY points', () => {
    const f = form({ DISPLAY: ':0', XAUTHORITY: '/tmp/.docker.xauth' }, [['/home/ada/.Xauthority', '/tmp/.docker.xauth']]);
    expect(xauthProblem(f, [userCookie])).toBeNull();
  });

  it('a container without a cookie: the host’s cookie to mount, or xhost', () => {
    const problem = xauthProblem(form({ DISPLAY: ':0' }), [userCookie]);
    expect(problem?.field).toBe('env');
    expect(problem?.message).toContain('-v /home/ada/.Xauthority:/tmp/.docker.xauth:ro -e XAUTHORITY=/tmp/.docker.xauth');
    expect(problem?.message).toContain('xhost +si:localuser:root');
  });

  it('a host without any cookie says where it looked and what to do', () => {
    const problem = xauthProblem(form({ DISPLAY: ':0' }), []);
    expect(problem?.message).toMatch(/^No xauth cookie on the engine’s host \(looked in each home folder’s and root’s \.Xauthority, /);
    // The problem, then one fix per line (not one run-on sentence).
    expect(problem?.message.split('\n')).toEqual([
      expect.stringMatching(/refuses the container\.$/),
      expect.stringMatching(/^Fix: mount a cookie of the X server’s user/),
      expect.stringMatching(/^Or: run `xhost \+si:localuser:root`/),
    ]);
  });

  it('an XAUTHORITY with nothing mounted there, a missing or empty cookie, one the user cannot read', () => {
    expect(xauthProblem(form({ DISPLAY: ':0', XAUTHORITY: '/tmp/.docker.xauth' }), [userCookie])).toMatchObject({
      field: 'mounts',
      message: expect.stringMatching(/^XAUTHORITY=\/tmp\/.docker.xauth names a file the container does not have/),
    });
    const missing = form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/home/bob/.Xauthority', '/x']]);
    expect(xauthProblem(missing, [userCookie])?.message).toMatch(
      /^\/home\/bob\/.Xauthority is not on the engine’s host\.\nFix: mount the host’s cookie: -v \/home\/ada/,
    );
    const empty = form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/home/ada/.Xauthority', '/x']]);
    expect(xauthProblem(empty, [{ ...userCookie, size: 0 }])?.message).toMatch(/is empty/);
    const asOther = form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/home/ada/.Xauthority', '/x']], '1001:1001');
    expect(xauthProblem(asOther, [userCookie])?.message).toMatch(/not readable by --user 1001:1001\.\nFix: run as uid 1000\./);
    const asOwner = form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/home/ada/.Xauthority', '/x']], '1000');
    expect(xauthProblem(asOwner, [userCookie])).toBeNull();
  });

  it('stays quiet where it cannot know: not the preset, a remote display, xhost chosen, a path it did not search, no host read', () => {
    expect(xauthProblem({ env: [{ key: 'DISPLAY', value: ':0' }], mounts: [], user: '' }, [])).toBeNull();
    expect(xauthProblem(form({ DISPLAY: 'robot:0' }), [])).toBeNull();
    expect(xauthProblem(form({ DISPLAY: ':0', XAUTHORITY: '' }), [])).toBeNull();
    expect(xauthProblem(form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/srv/cookie', '/x']]), [])).toBeNull();
    expect(xauthProblem(form({ DISPLAY: ':0' }), undefined)).toBeNull();
  });

  it('asks the host check about a cookie mounted from elsewhere, and then speaks about it', () => {
    const f = form({ DISPLAY: ':0', XAUTHORITY: '/x' }, [['/srv/x cookie', '/x']]);
    expect(xauthPathToLook(f, [], undefined)).toBe('/srv/x cookie');
    // Looked at: not asked again; found or not, the rules now know.
    expect(xauthPathToLook(f, [], ['/srv/x cookie'])).toBeUndefined();
    expect(xauthProblem(f, [], ['/srv/x cookie'])?.message).toMatch(/^\/srv\/x cookie is not a file on the engine’s host\.\nFix: /);
    const found: XauthFile = { path: '/srv/x cookie', uid: 1000, mode: '600', size: 0 };
    expect(xauthPathToLook(f, [found], ['/srv/x cookie'])).toBeUndefined();
    expect(xauthProblem(f, [found], ['/srv/x cookie'])?.message).toMatch(/is empty/);
    expect(xauthProblem(f, [{ ...found, size: 52 }], ['/srv/x cookie'])).toBeNull();
  });

  it('does not ask about searched paths, named volumes, .. paths, no preset or no host read', () => {
    const at = (source: string, env: Record<string, string> = { DISPLAY: ':0', XAUTHORITY: '/x' }) => form(env, [[source, '/x']]);
    expect(xauthPathToLook(at('/home/ada/.Xauthority'), [], undefined)).toBeUndefined();
    expect(xauthPathToLook(at('cookies'), [], undefined)).toBeUndefined();
    expect(xauthPathToLook(at('/srv/../etc/shadow'), [], undefined)).toBeUndefined();
    expect(xauthPathToLook(at('/srv/cookie', { DISPLAY: 'robot:0', XAUTHORITY: '/x' }), [], undefined)).toBeUndefined();
    expect(xauthPathToLook(at('/srv/cookie', { DISPLAY: ':0', XAUTHORITY: '' }), [], undefined)).toBeUndefined();
    expect(xauthPathToLook(at('/srv/cookie'), undefined, undefined)).toBeUndefined();
  });
});
