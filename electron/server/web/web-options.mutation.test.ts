// Edges of the web server's start-up options and of the token cookie, so `npm run test:mutate` finds
// each bound, trim and fallback missing (web-options.test.ts covers the main cases).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressWithoutToken, hasTokenInQuery, presentedToken, readCookie, tokenCookie, tokenCookieName } from './token-cookie.js';
import { decideWebStartup, parseWebOptions, WebOptionsError, webUsage } from './web-options.js';

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`no ${path}`), { code: 'ENOENT' });
};
const run = (argv: string[], env: Record<string, string | undefined> = {}) => parseWebOptions(argv, env, noFiles);
const options = (argv: string[], env: Record<string, string | undefined> = {}) => {
  const command = run(argv, env);
  if (command.kind !== 'run') throw new Error('expected options');
  return command.options;
};
const token16 = 'abcdefghijklmnop';

describe('web options, edge by edge', () => {
  it('takes ports 0 to 65535, trimmed, and nothing past them', () => {
    expect(options(['--port', ' 8080 ']).port).toBe(8080);
    expect(options(['--port', '65535']).port).toBe(65535);
    expect(options(['--port', '0']).port).toBe(0);
    expect(() => run(['--port', '65536'])).toThrow(
      'Invalid --port "65536": expected a whole number from 0 to 65535 (0 picks any free port).',
    );
    expect(options([], { BERTH_WEB_PORT: '' }).port).toBe(7420);
    expect(options([], { BERTH_WEB_PORT: '9001' }).port).toBe(9001);
  });

  it('takes tokens of 16 to 256 URL-safe characters, whole', () => {
    expect(options(['--token', token16]).token).toBe(token16);
    expect(options(['--token', 'x'.repeat(256)]).token).toBe('x'.repeat(256));
    for (const bad of ['abcdefghijklmno', 'x'.repeat(257), `?${token16}`, `${token16}?`, `${token16} `]) {
      expect(() => run(['--token', bad]), bad).toThrow('Invalid --token: use 16 to 256 letters, digits or . _ ~ - (it goes into a URL).');
    }
  });

  it('reads BERTH_TOKEN before BERTH_WEB_TOKEN, and neither when empty', () => {
    expect(options([], { BERTH_TOKEN: '', BERTH_WEB_TOKEN: token16 })).toMatchObject({
      token: token16,
      tokenSource: { kind: 'env', name: 'BERTH_WEB_TOKEN' },
    });
    expect(options([], { BERTH_TOKEN: '', BERTH_WEB_TOKEN: '' })).toMatchObject({ token: undefined, tokenSource: { kind: 'generated' } });
    expect(() => run([], { BERTH_WEB_TOKEN: 'short' })).toThrow('Invalid BERTH_WEB_TOKEN: use 16 to 256');
  });

  it('trims the host and refuses one with spaces, slashes, queries, fragments or user info', () => {
    expect(options(['--host', ' 192.168.1.20 ']).host).toBe('192.168.1.20');
    expect(options(['--host=::1']).host).toBe('::1');
    for (const bad of ['', '   ', 'a b', 'x/y', 'x?y', 'x#y', 'me@x']) {
      expect(() => run(['--host', bad]), JSON.stringify(bad)).toThrow(
        `Invalid --host "${bad}": expected an address or name such as 127.0.0.1, ::1 or 192.168.1.20.`,
      );
    }
  });

  it('uses DOCKER_HOST only when set and not empty, and refuses an empty --docker-host', () => {
    expect(options([], { DOCKER_HOST: '' }).dockerHost).toBeUndefined();
    expect(options([], { DOCKER_HOST: 'unix:///x.sock' }).dockerHost).toBe('unix:///x.sock');
    expect(() => run(['--docker-host', '  '])).toThrow('--docker-host needs a value.');
    expect(() => run(['--docker-host='])).toThrow('--docker-host needs a value.');
  });

  it('knows -h as --help, and nothing else as a switch', () => {
    expect(run(['-h'])).toEqual({ kind: 'help' });
    expect(run(['--help', '--no-such-flag'])).toEqual({ kind: 'help' });
    expect(() => run(['-x'])).toThrow('Unknown option "-x".');
  });

  it('turns usage mistakes into exit 2 with the message and usage, and lets other errors through', () => {
    expect(decideWebStartup(['--port', 'x'], {}, noFiles)).toEqual({
      kind: 'exit',
      code: 2,
      stream: 'stderr',
      text: `berth web: Invalid --port "x": expected a whole number from 0 to 65535 (0 picks any free port).\n\n${webUsage}`,
    });
    expect(decideWebStartup(['--help'], {}, noFiles)).toEqual({ kind: 'exit', code: 0, stream: 'stdout', text: webUsage });
    const broken = (): string => {
      throw new TypeError('the disk caught fire');
    };
    // A reader that fails without an errno code is still a usage mistake about that file.
    expect(decideWebStartup(['--token-file', '/t'], {}, broken)).toMatchObject({
      code: 2,
      text: expect.stringContaining('Cannot read --token-file "/t".'),
    });
    expect(new WebOptionsError('x').name).toBe('WebOptionsError');
  });
});

const req = (url: string, cookie?: string): IncomingMessage =>
  ({ url, headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe('the token cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, named after the port, with the token encoded', () => {
    expect(tokenCookieName(7420)).toBe('berth_token_7420');
    expect(tokenCookie(7420, 'a b')).toBe('berth_token_7420=a%20b; HttpOnly; SameSite=Strict; Path=/');
  });

  it('reads one cookie out of a Cookie header exactly by name', () => {
    expect(readCookie('a=1; berth_token_1=tok%20en; b=2', 'berth_token_1')).toBe('tok en');
    expect(readCookie('xberth_token_1=no; berth_token_1x=no', 'berth_token_1')).toBeUndefined();
    expect(readCookie('berth_token_1', 'berth_token_1')).toBeUndefined();
    expect(readCookie('berth_token_1=%E0%A4%A', 'berth_token_1')).toBeUndefined();
    expect(readCookie(undefined, 'berth_token_1')).toBeUndefined();
  });

  it('takes the token from the cookie first, then the query, and says which', () => {
    expect(presentedToken(req('/rpc?token=q', 'berth_token_7=c'), 7)).toEqual({ token: 'c', from: 'cookie' });
    expect(presentedToken(req('/rpc?token=q', 'berth_token_8=c'), 7)).toEqual({ token: 'q', from: 'query' });
    expect(presentedToken(req('/rpc?token=q', 'berth_token_7='), 7)).toEqual({ token: 'q', from: 'query' });
    expect(presentedToken(req('/rpc?token='), 7)).toEqual({ token: undefined, from: 'none' });
    expect(presentedToken(req('/rpc'), 7)).toEqual({ token: undefined, from: 'none' });
  });

  it('sees a token in the query even when empty, and sends the browser on without it, always to a path here', () => {
    expect(hasTokenInQuery(req('/?token='))).toBe(true);
    expect(hasTokenInQuery(req('/?tokens=1'))).toBe(false);
    expect(addressWithoutToken(req('/?token=abc'))).toBe('/');
    expect(addressWithoutToken(req('/logs?a=1&token=abc&b=2'))).toBe('/logs?a=1&b=2');
    for (const url of ['//evil.example/?token=abc', '///x?token=1', '/.//evil.example/?token=1', '/\\evil.example/?token=1']) {
      expect(addressWithoutToken(req(url)), url).toMatch(/^\/(?![/\\])/);
    }
  });
});
