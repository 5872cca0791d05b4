import { describe, expect, it } from 'vitest';
import { decideServeStartup } from './serve-options.js';

const token = 'robot0123456789abcdef';
const files = (path: string): string => {
  if (path === '/etc/berth/token') return `${token}\n`;
  throw Object.assign(new Error('missing'), { code: 'ENOENT' });
};

describe('berth serve options', () => {
  it('serves on loopback by default, with a generated token', () => {
    const startup = decideServeStartup([], {}, files);
    expect(startup).toMatchObject({ kind: 'run', options: { host: '127.0.0.1', port: 7420, tokenSource: { kind: 'generated' } } });
  });

  it('refuses a LAN address without a token the operator chose, saying how to give one', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::']) {
      const startup = decideServeStartup(['--host', host], {}, files);
      expect(startup).toMatchObject({ kind: 'exit', code: 2, stream: 'stderr' });
      if (startup.kind === 'exit') {
        expect(startup.text).toContain(`refusing to listen on ${host} without a token you chose`);
        expect(startup.text).toContain('--token-file');
      }
    }
  });

  it('serves a LAN address with a token from a file or the environment', () => {
    expect(decideServeStartup(['--host', '0.0.0.0', '--token-file', '/etc/berth/token'], {}, files)).toMatchObject({
      kind: 'run',
      options: { host: '0.0.0.0', token, tokenSource: { kind: 'file', path: '/etc/berth/token' } },
    });
    expect(decideServeStartup(['--host=192.168.1.20'], { BERTH_TOKEN: token }, files)).toMatchObject({
      kind: 'run',
      options: { host: '192.168.1.20', token, tokenSource: { kind: 'env', name: 'BERTH_TOKEN' } },
    });
  });

  it('prints its own usage for --help and after a mistake', () => {
    expect(decideServeStartup(['--help'], {}, files)).toMatchObject({ kind: 'exit', code: 0, stream: 'stdout' });
    const wrong = decideServeStartup(['--bogus'], {}, files);
    expect(wrong).toMatchObject({ kind: 'exit', code: 2 });
    if (wrong.kind === 'exit') {
      expect(wrong.text).toMatch(/^berth serve: Unknown option "--bogus"/);
      expect(wrong.text).toContain('Usage: berth serve');
      expect(wrong.text).not.toContain('npm run web');
    }
    const unreadable = decideServeStartup(['--host', '0.0.0.0', '--token-file', '/nope'], {}, files);
    expect(unreadable).toMatchObject({ kind: 'exit', code: 2 });
  });
});
