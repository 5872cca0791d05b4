import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerConfigPath, dockerConfigReader, parseDockerConfig, type DockerConfigAuths } from './docker-config-auths.js';
import { dockerHubAddress, normalizeRegistryAddress } from './registry-address.js';
import { RegistryCredentials } from './registry-credentials.js';

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
      { serverAddress: dockerHubAddress, helper: 'desktop' },
      { serverAddress: 'gcr.io', helper: 'gcloud' },
    ]);
    expect(parseDockerConfig('not json')).toEqual({ credentials: [], helpers: [] });
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
  };

  it('prefers Berth logins, falls back to config.json, and never shows a secret', () => {
    const creds = new RegistryCredentials(() => config);
    creds.remember('https://127.0.0.1:5001/', 'berth', 'berth-secret');
    expect(creds.authFor('127.0.0.1:5001')).toEqual({ username: 'berth', password: 'berth-secret', serveraddress: '127.0.0.1:5001' });
    expect(creds.authFor('cli.example')?.username).toBe('cli-user');
    expect(creds.authFor('nowhere.example')).toBeUndefined();
    const accounts = creds.accounts();
    expect(accounts.map((a) => [a.serverAddress, a.username, a.source, a.usable])).toEqual([
      ['127.0.0.1:5001', 'berth', 'berth', true],
      ['cli.example', 'cli-user', 'docker-config', true],
      ['gcr.io', '', 'docker-config', false],
    ]);
    const everything = `${JSON.stringify(accounts)} ${JSON.stringify(creds)} ${inspect(creds, { depth: 5 })}`;
    expect(everything).not.toMatch(/berth-secret|cli-secret/);
    expect(Object.keys(creds.registryConfig()).sort()).toEqual(['127.0.0.1:5001', 'cli.example']);
  });

  it('logs out of Berth logins, and stops using config.json entries until the next login', () => {
    const creds = new RegistryCredentials(() => config);
    creds.remember('127.0.0.1:5001', 'berth', 'x');
    expect(creds.forget('127.0.0.1:5001')).toEqual({ serverAddress: '127.0.0.1:5001', forgotten: true });
    expect(creds.authFor('127.0.0.1:5001')).toBeUndefined();
    expect(creds.forget('cli.example').note).toMatch(/still holds credentials/);
    expect(creds.authFor('cli.example')).toBeUndefined();
    expect(creds.accounts().find((a) => a.serverAddress === 'cli.example')?.usable).toBe(false);
    creds.remember('cli.example', 'other', 'y');
    expect(creds.authFor('cli.example')?.username).toBe('other');
  });
});
