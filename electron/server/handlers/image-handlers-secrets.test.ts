import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { createImageServices } from '../../engine/images/image-services.js';
import type { ImagesService } from '../../engine/images-service.js';
import { loginsFileName, SealedFileLoginStore } from '../../engine/images/registry-login-store.js';
import type { SecretVault } from '../../engine/secret-vault.js';
import { imageCallHandlers } from './image-handlers.js';

const password = 'berth-secret-8d1f';
const ctx = { clientId: 'c1', transport: 'ipc' as const };

/** Reverses the bytes: enough to show the file holds what the vault made, not the text. */
const reversingVault: SecretVault = {
  isAvailable: () => true,
  seal: (text) => Buffer.from(text, 'utf8').reverse(),
  open: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
};

/** The engine's /auth as a fake: right password or a 401 in the engine's words. */
const fakeConnection = {
  use: async <T>(work: (docker: unknown) => Promise<T>): Promise<T> =>
    work({
      checkAuth: async (auth: { password: string; serveraddress: string }) => {
        if (auth.password === password) return { Status: 'Login Succeeded' };
        const text = `login attempt to http://${auth.serveraddress}/v2/ failed with status: 401 Unauthorized`;
        throw Object.assign(new Error(`(HTTP code 401) unexpected - ${text}`), { statusCode: 401, json: { message: text } });
      },
    }),
} as unknown as EngineConnection;

describe('registry calls never give the password back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('login, accounts, storage, logout and errors: no output, log line or file byte holds it', async () => {
    // The docker CLI config of this test: one inline entry, so every kind of row shows up.
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { 'cli.example': { auth: Buffer.from(`cli-user:${password}`).toString('base64') } } }),
    );
    vi.stubEnv('DOCKER_CONFIG', dir);
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    try {
      const images = createImageServices(fakeConnection, { loginStore: new SealedFileLoginStore(join(dir, 'data'), reversingVault) });
      // Only the registry entries run here; the image list is never asked for.
      const handlers = imageCallHandlers(images, {} as ImagesService);
      const outputs: unknown[] = [];
      const wrong = await handlers['images.login'](
        { serverAddress: '127.0.0.1:5001', username: 'berth', password: `${password}-wrong` },
        ctx,
      ).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(BerthError);
      expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password for 127.0.0.1:5001 (user berth)' });
      outputs.push((wrong as BerthError).toPayload());
      outputs.push(await handlers['images.login']({ serverAddress: '127.0.0.1:5001', username: 'berth', password }, ctx));
      const accounts = await handlers['images.accounts']({}, ctx);
      expect(accounts.map((a) => a.serverAddress)).toEqual(['127.0.0.1:5001', 'cli.example']);
      outputs.push(accounts, await handlers['images.credentialStorage']({}, ctx));
      outputs.push(await handlers['images.logout']({ serverAddress: 'cli.example' }, ctx));

      const everything = `${JSON.stringify(outputs)}\n${logged.join('\n')}\n${readFileSync(join(dir, 'data', loginsFileName), 'utf8')}`;
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(Buffer.from(`berth:${password}`).toString('base64'));
      expect(everything).not.toContain(Buffer.from(password).toString('base64'));
    } finally {
      for (const spy of spies) spy.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
