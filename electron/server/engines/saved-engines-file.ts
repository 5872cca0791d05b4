import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { engineSpecSchema, type EngineSpec } from '../../../shared/engine-spec.js';

/**
 * The engines added in Berth, as a JSON file: `{ "version": 1, "engines": [EngineSpec…] }`. It
 * holds addresses and certificate folders only, never a secret (passwords are refused in addresses;
 * keys stay in ssh-agent, key files or the TLS folder the spec names).
 */
const savedEnginesDocumentSchema = z.strictObject({
  version: z.literal(1),
  engines: z.array(engineSpecSchema.extend({ source: z.literal('saved') })),
});

export type SavedEnginesRead = { ok: true; engines: EngineSpec[] } | { ok: false; problem: string };

/** The web server's default: $XDG_CONFIG_HOME/berth/engines.json, else ~/.config/berth/engines.json. */
export function defaultSavedEnginesPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.join(homedir(), '.config');
  return path.join(configHome, 'berth', 'engines.json');
}

/** Reads the file; a missing one is an empty list. A file that does not parse is reported, never replaced. */
export async function readSavedEngines(file: string): Promise<SavedEnginesRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, engines: [] };
    return { ok: false, problem: `Cannot read the saved engines file ${file}: ${(err as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      problem: `The saved engines file ${file} is not JSON (${(err as Error).message}); fix or move it, Berth leaves it as it is`,
    };
  }
  const parsed = savedEnginesDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return {
      ok: false,
      problem: `The saved engines file ${file} does not hold saved engines (${where ? `${where}: ` : ''}${issue?.message ?? 'unexpected shape'}); fix or move it, Berth leaves it as it is`,
    };
  }
  const ids = new Set<string>();
  for (const spec of parsed.data.engines) {
    if (ids.has(spec.id)) return { ok: false, problem: `The saved engines file ${file} names engine "${spec.id}" twice; fix or move it` };
    ids.add(spec.id);
  }
  return { ok: true, engines: parsed.data.engines };
}

/** Writes the list whole: to a temporary file beside it, then renamed over it, so a crash leaves the old list or the new one. */
export async function writeSavedEngines(file: string, engines: readonly EngineSpec[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const document = { version: 1, engines: engines.map((spec) => ({ ...spec, source: 'saved' as const })) };
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
