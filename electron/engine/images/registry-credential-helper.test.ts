import { afterAll, describe, expect, it } from 'vitest';
import { ExecCredentialHelpers, isValidHelperName } from './registry-credential-helper.js';
import { helperFixture } from './registry-helper-fixture.js';

describe('docker credential helpers, run for real', () => {
  const fixture = helperFixture();
  afterAll(() => fixture.remove());
  const env = { ...process.env, PATH: `${fixture.binDir}:${process.env.PATH ?? ''}` };
  const helpers = new ExecCredentialHelpers({ env, timeoutMs: 2000, maxOutputBytes: 64 * 1024 });

  fixture.write('berthtest', { '127.0.0.1:5001': ['berth', 'berth-secret'], 'https://ghcr.io': ['<token>', 'tok-123'] });

  it('gets a username and secret, an identity token, and "not found" as no credentials', async () => {
    expect(await helpers.get('berthtest', '127.0.0.1:5001')).toEqual({
      kind: 'found',
      value: { username: 'berth', secret: 'berth-secret', isIdentityToken: false },
    });
    expect(await helpers.get('berthtest', 'https://ghcr.io')).toEqual({
      kind: 'found',
      value: { username: '', secret: 'tok-123', isIdentityToken: true },
    });
    expect(await helpers.get('berthtest', 'nowhere.example')).toEqual({ kind: 'not-found' });
    expect(await helpers.list('berthtest')).toEqual({ kind: 'found', value: { '127.0.0.1:5001': 'berth', 'https://ghcr.io': '<token>' } });
    // The server URL went in on stdin, as the protocol says.
    expect(fixture.calls()).toEqual(['get 127.0.0.1:5001', 'get https://ghcr.io', 'get nowhere.example', 'list']);
  });

  it('a missing binary, a bad name, a hang and a flood are answers, not crashes', async () => {
    expect(await helpers.get('not-installed-anywhere', 'x')).toEqual({
      kind: 'missing',
      message: 'docker-credential-not-installed-anywhere is not installed (not found on PATH)',
    });
    expect(isValidHelperName('pass')).toBe(true);
    for (const bad of ['../../bin/sh', 'a b', 'x;rm -rf /', '$(id)', '']) {
      expect(isValidHelperName(bad)).toBe(false);
      expect(await helpers.get(bad, 'x')).toMatchObject({
        kind: 'failed',
        message: expect.stringMatching(/not a valid credential helper name/),
      });
    }
    // The helper logs its call only after its 10 s sleep: no new "list" line means the answer did not wait for it.
    fixture.write('sleepy', {}, { sleepSeconds: 10 });
    const listsBefore = fixture.calls().filter((c) => c === 'list').length;
    expect(await helpers.list('sleepy')).toEqual({ kind: 'failed', message: 'docker-credential-sleepy list did not answer within 2 s' });
    expect(fixture.calls().filter((c) => c === 'list')).toHaveLength(listsBefore);
    fixture.write('chatty', {}, { flood: true });
    expect(await helpers.list('chatty')).toEqual({
      kind: 'failed',
      message: 'docker-credential-chatty list printed more than 65536 bytes',
    });
  });
});
