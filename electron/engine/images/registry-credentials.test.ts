import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerConfigPath, dockerConfigReader, helperFor, parseDockerConfig, type DockerConfigAuths } from './docker-config-auths.js';
import { dockerHubAddress, normalizeRegistryAddress } from './registry-address.js';
import type { CredentialHelperClient, HelperAnswer, HelperCredential } from './registry-credential-helper.js';
import { RegistryCredentials } from './registry-credentials.js';

/** A helper client over a table: helper name → server URL → [username, secret]; absent helpers are "not installed". */
function fakeHelpers(table: Record<string, Record<string, [string, string]>>): CredentialHelperClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(helper, url): Promise<HelperAnswer<HelperCredential>> {
      calls.push(`${helper} get ${url}`);
      const store = table[helper];
      if (!store) return { kind: 'missing', message: `docker-credential-${helper} is not installed (not found on PATH)` };
      const entry = store[url];
      if (!entry) return { kind: 'not-found' };
      return {
        kind: 'found',
        value: { username: entry[0] === '<token>' ? '' : entry[0], secret: entry[1], isIdentityToken: entry[0] === '<token>' },
      };
    },
    async list(helper): Promise<HelperAnswer<Record<string, string>>> {
      calls.push(`${helper} list`);
      const store = table[helper];
      if (!store) return { kind: 'missing', message: `docker-credential-${helper} is not installed (not found on PATH)` };
      return { kind: 'found', value: Object.fromEntries(Object.entries(store).map(([url, [user]]) => [url, user])) };
    },
  };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('registry addresses', () => {
  it('spells each registry one way', () => {
    expect(normalizeRegistryAddress('https://127.0.0.1:5001/')).toBe('127.0.0.1:5001');
    expect(normalizeRegistryAddress('http://Registry.Example:443/v2/')).toBe('registry.example:443');
    expect(normalizeRegistryAddress('docker.io')).toBe(dockerHubAddress);
    expect(normalizeRegistryAddress('https://index.docker.io/v1/')).toBe(dockerHubAddress);
  });
});

describe('docker config.json', () => {
  it('decodes inline auths, and lists helper-held registries without secrets', () => {
    const parsed = parseDockerConfig(
      JSON.stringify({
        auths: {
          'https://127.0.0.1:5001': { auth: b64('berth:pa:ss') },
          'https://index.docker.io/v1/': {},
          'ghcr.io': { auth: b64('me:'), identitytoken: 'tok' },
        },
        credsStore: 'desktop',
        credHelpers: { 'gcr.io': 'gcloud' },
      }),
    );
    expect(parsed.credentials).toEqual([
      { serverAddress: '127.0.0.1:5001', username: 'berth', password: 'pa:ss' },
      { serverAddress: 'ghcr.io', username: 'me', password: '', identityToken: 'tok' },
    ]);
    expect(parsed.helpers).toEqual([
      { serverAddress: 'gcr.io', helper: 'gcloud' },
      { serverAddress: dockerHubAddress, helper: 'desktop' },
    ]);
    expect(parsed.credsStore).toBe('desktop');
    expect(helperFor(parsed, 'gcr.io')).toBe('gcloud');
    expect(helperFor(parsed, 'anything.example')).toBe('desktop');
    expect(helperFor(parseDockerConfig('{}'), 'anything.example')).toBeUndefined();
    expect(parseDockerConfig('not json')).toEqual({ credentials: [], helpers: [], credsStore: null });
    expect(parseDockerConfig('null')).toEqual({ credentials: [], helpers: [], credsStore: null });
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('finds the file through DOCKER_CONFIG and rereads it only when it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
    dirs.push(dir);
    const path = dockerConfigPath({ DOCKER_CONFIG: dir });
    expect(path).toBe(join(dir, 'config.json'));
    expect(dockerConfigPath({ DOCKER_CONFIG: '', HOME: '/home/x' })).toMatch(/\.docker\/config\.json$/);
    const read = dockerConfigReader(path);
    expect(read().credentials).toEqual([]);
    writeFileSync(path, JSON.stringify({ auths: { 'a.example': { auth: b64('u:p') } } }));
    expect(read().credentials.map((c) => c.username)).toEqual(['u']);
    writeFileSync(path, JSON.stringify({ auths: { 'a.example': { auth: b64('v:p') } } }));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(read().credentials.map((c) => c.username)).toEqual(['v']);
  });
});

describe('registry credentials', () => {
  const config: DockerConfigAuths = {
    credentials: [{ serverAddress: 'cli.example', username: 'cli-user', password: 'cli-secret' }],
    helpers: [{ serverAddress: 'gcr.io', helper: 'gcloud' }],
    credsStore: null,
  };

  it('prefers Berth logins, falls back to config.json, and never shows a secret', async () => {
    const creds = new RegistryCredentials(() => config, fakeHelpers({}));
    creds.remember('https://127.0.0.1:5001/', 'berth', 'berth-secret');
    expect(await creds.authFor('127.0.0.1:5001')).toEqual({ username: 'berth', password: 'berth-secret', serveraddress: '127.0.0.1:5001' });
    expect((await creds.authFor('cli.example'))?.username).toBe('cli-user');
    expect(await creds.authFor('nowhere.example')).toBeUndefined();
    const accounts = await creds.accounts();
    expect(accounts.map((a) => [a.serverAddress, a.username, a.source, a.usable])).toEqual([
      ['127.0.0.1:5001', 'berth', 'berth', true],
      ['gcr.io', '', 'docker-config', false],
      ['cli.example', 'cli-user', 'docker-config', true],
    ]);
    expect(accounts[1]?.note).toMatch(/docker-credential-gcloud is not installed .*Install it, or log in through Berth/);
    const everything = `${JSON.stringify(accounts)} ${JSON.stringify(creds)} ${inspect(creds, { depth: 5 })}`;
    expect(everything).not.toMatch(/berth-secret|cli-secret/);
    expect(Object.keys(await creds.registryConfig()).sort()).toEqual(['127.0.0.1:5001', 'cli.example']);
  });

  it('logs out of Berth logins, and stops using config.json entries until the next login', async () => {
    const creds = new RegistryCredentials(() => config, fakeHelpers({}));
    creds.remember('127.0.0.1:5001', 'berth', 'x');
    expect(await creds.forget('127.0.0.1:5001')).toEqual({ serverAddress: '127.0.0.1:5001', forgotten: true });
    expect(await creds.authFor('127.0.0.1:5001')).toBeUndefined();
    expect((await creds.forget('cli.example')).note).toMatch(/still holds credentials/);
    expect(await creds.authFor('cli.example')).toBeUndefined();
    expect((await creds.accounts()).find((a) => a.serverAddress === 'cli.example')?.usable).toBe(false);
    creds.remember('cli.example', 'other', 'y');
    expect((await creds.authFor('cli.example'))?.username).toBe('other');
  });

  it('asks the credential helper the config names: credHelpers first, then credsStore, with identity tokens', async () => {
    const helpers = fakeHelpers({
      gcloud: { 'gcr.io': ['oauth2accesstoken', 'gcr-secret'] },
      desktop: { 'https://index.docker.io/v1/': ['hub-user', 'hub-secret'], 'https://ghcr.io': ['<token>', 'ghcr-token'] },
    });
    const withStore: DockerConfigAuths = {
      ...config,
      helpers: [...config.helpers, { serverAddress: dockerHubAddress, helper: 'desktop' }],
      credsStore: 'desktop',
    };
    const creds = new RegistryCredentials(() => withStore, helpers);
    expect(await creds.authFor('gcr.io')).toEqual({ username: 'oauth2accesstoken', password: 'gcr-secret', serveraddress: 'gcr.io' });
    expect(await creds.authFor('docker.io')).toEqual({ username: 'hub-user', password: 'hub-secret', serveraddress: dockerHubAddress });
    // Kept by the helper as https://ghcr.io: found through list, sent as an identity token.
    expect(await creds.authFor('ghcr.io')).toEqual({ identitytoken: 'ghcr-token', serveraddress: 'ghcr.io' });
    // Not in the helper: the inline auths entry still counts.
    expect((await creds.authFor('cli.example'))?.username).toBe('cli-user');
    const accounts = await creds.accounts();
    expect(accounts.map((a) => [a.serverAddress, a.username, a.helper, a.usable])).toEqual([
      ['gcr.io', 'oauth2accesstoken', 'gcloud', true],
      [dockerHubAddress, 'hub-user', 'desktop', true],
      ['ghcr.io', '(identity token)', 'desktop', true],
      ['cli.example', 'cli-user', undefined, true],
    ]);
    expect(JSON.stringify(accounts)).not.toMatch(/secret|ghcr-token/);
    expect(Object.keys(await creds.registryConfig()).sort()).toEqual([dockerHubAddress, 'cli.example', 'gcr.io', 'ghcr.io'].sort());

    // Logging out of a helper-held registry: the helper keeps it, Berth ignores it.
    const out = await creds.forget('gcr.io');
    expect(out.note).toMatch(/docker-credential-gcloud still holds credentials for gcr.io/);
    expect(await creds.authFor('gcr.io')).toBeUndefined();
    expect((await creds.accounts()).find((a) => a.serverAddress === 'gcr.io')).toMatchObject({
      usable: false,
      note: 'Logged out in Berth',
    });
  });

  it('says when a helper holds nothing for a registry it is configured for', async () => {
    const creds = new RegistryCredentials(() => config, fakeHelpers({ gcloud: {} }));
    expect(await creds.authFor('gcr.io')).toBeUndefined();
    expect((await creds.accounts()).find((a) => a.serverAddress === 'gcr.io')).toMatchObject({
      usable: false,
      note: 'docker-credential-gcloud holds no credentials for gcr.io',
    });
  });
});
