import { describe, expect, it } from 'vitest';
import { decideWebStartup, defaultWebPort, describeTokenSource, parseWebOptions, WebOptionsError } from './web-options.js';

const run = (argv: string[], env: Record<string, string | undefined> = {}): ReturnType<typeof parseWebOptions> =>
  parseWebOptions(argv, env);

describe('parseWebOptions', () => {
  it('defaults to loopback, port 7420, a generated token and DOCKER_HOST', () => {
    expect(run([], { DOCKER_HOST: 'tcp://10.0.0.2:2376' })).toEqual({
      kind: 'run',
      options: {
        host: '127.0.0.1',
        port: defaultWebPort,
        token: undefined,
        tokenSource: { kind: 'generated' },
        dockerHost: 'tcp://10.0.0.2:2376',
        allowHostShell: false,
      },
    });
    expect(run([])).toMatchObject({ options: { dockerHost: undefined } });
  });

  it('reads --flag value and --flag=value', () => {
    const token = 'abcdefghijklmnop0123';
    expect(run(['--host', '::1', '--port=0', `--token=${token}`, '--docker-host', 'unix:///tmp/d.sock'])).toEqual({
      kind: 'run',
      options: { host: '::1', port: 0, token, tokenSource: { kind: 'flag' }, dockerHost: 'unix:///tmp/d.sock', allowHostShell: false },
    });
  });

  it('reads --allow-host-shell as a switch', () => {
    expect(run(['--allow-host-shell', '--port', '1'])).toMatchObject({ options: { allowHostShell: true, port: 1 } });
    expect(() => run(['--allow-host-shell=yes'])).toThrow(/Unknown option/);
  });

  it('takes BERTH_WEB_PORT and BERTH_WEB_TOKEN from the environment, with flags winning', () => {
    const env = { BERTH_WEB_PORT: '8000', BERTH_WEB_TOKEN: 'env-token-0123456789', DOCKER_HOST: 'unix:///env.sock' };
    expect(run([], env)).toMatchObject({ options: { port: 8000, token: 'env-token-0123456789', dockerHost: 'unix:///env.sock' } });
    expect(run(['--port', '9000', '--docker-host', 'unix:///flag.sock'], env)).toMatchObject({
      options: { port: 9000, dockerHost: 'unix:///flag.sock' },
    });
  });

  it('reads the token from --token-file (its first line) or BERTH_TOKEN, so it stays out of the process list', () => {
    const files: Record<string, string> = { '/run/berth/token': 'file-token-0123456789\nignored second line\n' };
    const read = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    };
    expect(parseWebOptions(['--token-file', '/run/berth/token'], { BERTH_TOKEN: 'env-token-0123456789' }, read)).toMatchObject({
      options: { token: 'file-token-0123456789', tokenSource: { kind: 'file', path: '/run/berth/token' } },
    });
    expect(parseWebOptions([], { BERTH_TOKEN: 'env-token-0123456789', BERTH_WEB_TOKEN: 'old-token-0123456789' }, read)).toMatchObject({
      options: { token: 'env-token-0123456789', tokenSource: { kind: 'env', name: 'BERTH_TOKEN' } },
    });
    expect(() => parseWebOptions(['--token-file', '/nope'], {}, read)).toThrow('Cannot read --token-file "/nope" (ENOENT).');
    files['/short'] = 'abc\n';
    expect(() => parseWebOptions(['--token-file', '/short'], {}, read)).toThrow(/Invalid token in --token-file "\/short"/);
    expect(() => parseWebOptions(['--token-file', '/run/berth/token', '--token', 'flag-token-0123456789'], {}, read)).toThrow(
      /either --token or --token-file/,
    );
    expect(() => run([], { BERTH_TOKEN: 'bad token' })).toThrow(/Invalid BERTH_TOKEN/);
  });

  it('says where the token came from, and warns about --token', () => {
    expect(describeTokenSource({ kind: 'flag' })).toMatch(/process list; prefer --token-file or BERTH_TOKEN/);
    expect(describeTokenSource({ kind: 'file', path: '/run/t' })).toBe('Token: from --token-file /run/t');
    expect(describeTokenSource({ kind: 'env', name: 'BERTH_TOKEN' })).toBe('Token: from the BERTH_TOKEN environment variable');
    expect(describeTokenSource({ kind: 'generated' })).toMatch(/generated at random/);
  });

  it.each(['abc', '-1', '65536', '80.5', '', '1e3', '0x50'])('rejects --port %j with a clear message', (port) => {
    expect(() => run(['--port', port])).toThrow(WebOptionsError);
    expect(() => run([`--port=${port}`])).toThrow(/Invalid --port .*0 to 65535/);
  });

  it('rejects a bad BERTH_WEB_PORT naming the variable', () => {
    expect(() => run([], { BERTH_WEB_PORT: 'http' })).toThrow(/Invalid BERTH_WEB_PORT "http"/);
  });

  it('rejects short or URL-unsafe tokens, unknown flags and missing values', () => {
    expect(() => run(['--token', 'short'])).toThrow(/Invalid --token/);
    expect(() => run(['--token', 'has spaces in the token'])).toThrow(/Invalid --token/);
    expect(() => run(['--verbose'])).toThrow(/Unknown option "--verbose"/);
    expect(() => run(['--port'])).toThrow(/--port needs a value/);
    expect(() => run(['--host', '--port', '1'])).toThrow(/--host needs a value/);
    expect(() => run(['--host', 'evil.example/x'])).toThrow(/Invalid --host/);
  });

  it('recognises --help', () => {
    expect(run(['--port', '1', '--help'])).toEqual({ kind: 'help' });
  });
});

describe('decideWebStartup', () => {
  it('exits with code 2 and the reason on stderr after a bad port', () => {
    const startup = decideWebStartup(['--port', 'seventy'], {});
    expect(startup).toMatchObject({ kind: 'exit', code: 2, stream: 'stderr' });
    if (startup.kind === 'exit') {
      expect(startup.text).toContain('Invalid --port "seventy": expected a whole number from 0 to 65535');
      expect(startup.text).toContain('Usage:');
    }
  });

  it('exits with code 0 and the usage on stdout for --help', () => {
    expect(decideWebStartup(['--help'], {})).toMatchObject({ kind: 'exit', code: 0, stream: 'stdout' });
  });

  it('runs with parsed options otherwise', () => {
    expect(decideWebStartup(['--port', '0'], {})).toMatchObject({ kind: 'run', options: { port: 0 } });
  });
});
