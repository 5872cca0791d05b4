import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerignoreMatcher, packBuildContext, prepareBuildContext } from './build-context.js';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function entries(tar: Readable): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const x = extract();
  x.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      out.set(header.name, header.type === 'directory' ? '<dir>' : Buffer.concat(chunks).toString('utf8'));
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    x.on('finish', resolve);
    x.on('error', reject);
    tar.pipe(x);
  });
  return out;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('.dockerignore', () => {
  it('matches like the engine: globs, folders, exceptions; never the Dockerfile or itself', () => {
    const ignored = dockerignoreMatcher('secret.txt\n*.tmp\nlogs\ndocs/**\n!docs/keep.md\nDockerfile\n.dockerignore\n', 'Dockerfile');
    expect(ignored('secret.txt', false)).toBe(true);
    expect(ignored('a.tmp', false)).toBe(true);
    expect(ignored('sub/a.tmp', false)).toBe(false);
    expect(ignored('logs/a.log', false)).toBe(true);
    expect(ignored('docs/x.md', false)).toBe(true);
    expect(ignored('docs/keep.md', false)).toBe(false);
    // With an exception in the file, an ignored folder is walked so the exception can apply.
    expect(ignored('docs', true)).toBe(false);
    expect(ignored('kept.txt', false)).toBe(false);
    expect(ignored('Dockerfile', false)).toBe(false);
    expect(ignored('.dockerignore', false)).toBe(false);
  });

  it('skips a whole ignored folder when there are no exceptions', () => {
    const ignored = dockerignoreMatcher('node_modules\n', 'Dockerfile');
    expect(ignored('node_modules', true)).toBe(true);
  });
});

describe('build context', () => {
  it('streams the folder as a tar without what .dockerignore leaves out', async () => {
    const root = folder({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'secret.txt\n*.tmp\nlogs\ndocs/**\n!docs/keep.md\n',
      'kept.txt': 'kept',
      'secret.txt': 'secret',
      'a.tmp': 'tmp',
      'logs/a.log': 'log',
      'docs/x.md': 'x',
      'docs/keep.md': 'keep',
    });
    const context = prepareBuildContext({ contextPath: root });
    expect(context.dockerfileName).toBe('Dockerfile');
    expect(context.dockerfileText).toBe('FROM scratch\n');
    const files = await entries(packBuildContext(context));
    const names = [...files.keys()].filter((n) => files.get(n) !== '<dir>').sort();
    expect(names).toEqual(['.dockerignore', 'Dockerfile', 'docs/keep.md', 'kept.txt']);
    expect(files.get('kept.txt')).toBe('kept');
  });

  it('sends a Dockerfile given as text, or from outside the context, under a generated name', async () => {
    const root = folder({ 'app.txt': 'app' });
    const inline = prepareBuildContext({ contextPath: root, dockerfileText: 'FROM scratch\nCOPY app.txt /\n' });
    expect(inline.dockerfileName).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    const files = await entries(packBuildContext(inline));
    expect(files.get(inline.dockerfileName)).toBe('FROM scratch\nCOPY app.txt /\n');
    expect(files.get('app.txt')).toBe('app');

    const elsewhere = folder({ 'Dockerfile.dev': 'FROM scratch\n' });
    const outside = prepareBuildContext({ contextPath: root, dockerfile: join(elsewhere, 'Dockerfile.dev') });
    expect(outside.injected?.text).toBe('FROM scratch\n');
    const nested = folder({ 'docker/Dockerfile.dev': 'FROM scratch\n' });
    expect(prepareBuildContext({ contextPath: nested, dockerfile: 'docker/Dockerfile.dev' }).dockerfileName).toBe('docker/Dockerfile.dev');
  });

  it('builds an inline Dockerfile with no folder: the tar holds the Dockerfile alone', async () => {
    const context = prepareBuildContext({ dockerfileText: 'FROM busybox\nRUN echo hi > /hi\n' });
    expect(context.root).toBeNull();
    const files = await entries(packBuildContext(context));
    expect([...files.keys()]).toEqual([context.dockerfileName]);
    expect(files.get(context.dockerfileName)).toBe('FROM busybox\nRUN echo hi > /hi\n');
    expect(() => prepareBuildContext({})).toThrow(/Give a context folder, or the Dockerfile text/);
  });

  it('says clearly what is wrong with the context or the Dockerfile', () => {
    const root = folder({ 'file.txt': 'x' });
    expect(() => prepareBuildContext({ contextPath: join(root, 'missing') })).toThrow(/does not exist/);
    expect(() => prepareBuildContext({ contextPath: join(root, 'file.txt') })).toThrow(/is a file, not a folder/);
    expect(() => prepareBuildContext({ contextPath: root })).toThrow(/No Dockerfile at .*Dockerfile: add one/);
    expect(() => prepareBuildContext({ contextPath: root, dockerfile: 'nope' })).toThrow(/No Dockerfile at .*nope$/);
  });
});
