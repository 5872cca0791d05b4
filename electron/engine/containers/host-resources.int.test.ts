import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors.js';
import { dockerCli, fixtureImage, testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { loadEngineFixtures, type TlsFixtures } from '../../test-support/remote-engines.js';
import { xauthProblem } from '../../../shared/xauth-check.js';
import { hostCheckLabel, readHostResources } from './host-resources.js';

/** What this machine's own /dev holds under a prefix (the engine runs here, so its host is this one). */
function local(dir: string, pattern: RegExp, socketsOnly = false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => pattern.test(n))
    .map((n) => `${dir}/${n}`)
    .filter((p) => !socketsOnly || statSync(p).isSocket())
    .sort();
}

describe('reading the engine host’s devices and sockets, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-host-resources' });
  // A display socket of our own, so the listing has something real to find (this test's PID keeps it unique).
  const x11Dir = '/tmp/.X11-unix';
  const madeDir = !existsSync(x11Dir);
  const socketPath = `${x11Dir}/X${90000 + (process.pid % 9000)}`;
  let display: Server | undefined;
  // Fake xauth cookies where SDDM-style ones live (/tmp/xauth*): one with a cookie, one empty.
  const cookiePath = `/tmp/xauth_berth-h6-${process.pid}`;
  const emptyCookiePath = `/tmp/xauth_berth-h6-empty-${process.pid}`;

  beforeAll(async () => {
    await connection.connect();
    if (madeDir) mkdirSync(x11Dir, { mode: 0o1777 });
    display = createServer();
    await new Promise<void>((resolve) => display!.listen(socketPath, resolve));
    writeFileSync(cookiePath, Buffer.alloc(52, 1));
    chmodSync(cookiePath, 0o600);
    writeFileSync(emptyCookiePath, '');
    chmodSync(emptyCookiePath, 0o644);
  });
  afterAll(async () => {
    connection.close();
    await new Promise<void>((resolve) => (display ? display.close(() => resolve()) : resolve()));
    if (madeDir) rmSync(x11Dir, { recursive: true, force: true });
    rmSync(cookiePath, { force: true });
    rmSync(emptyCookiePath, { force: true });
  });

  it('lists what the host has, and the runtimes docker info names, through a helper container it then removes', async () => {
    const found = await readHostResources(connection, fixtureImage);
    expect(found.serial).toEqual([...local('/dev', /^ttyUSB/), ...local('/dev', /^ttyACM/)].sort());
    expect(found.cameras).toEqual(local('/dev', /^video/));
    expect(found.joysticks).toEqual(local('/dev/input', /^js/));
    expect(found.dri).toEqual(local('/dev/dri', /./));
    expect(found.x11).toEqual(local('/tmp/.X11-unix', /^X/, true));
    expect(found.x11).toContain(socketPath);
    const runtimes = Object.keys(JSON.parse(dockerCli('info', '--format', '{{json .Runtimes}}')) as object).sort();
    expect(found.runtimes).toEqual(runtimes);
    expect(found.nvidiaRuntime).toBe(runtimes.includes('nvidia'));
    const left = await testDocker.listContainers({ all: true, filters: { label: [hostCheckLabel] } });
    expect(left).toEqual([]);
  });

  it('finds the xauth cookies with their owner, mode and size, and the display preset’s rule reads them', async () => {
    const found = await readHostResources(connection, fixtureImage);
    const uid = process.getuid?.() ?? 0;
    expect(found.xauth).toContainEqual({ path: cookiePath, uid, mode: '600', size: 52 });
    expect(found.xauth).toContainEqual({ path: emptyCookiePath, uid, mode: '644', size: 0 });
    const fields = (xauthority: string | undefined, cookie: string) => ({
      env: [{ key: 'DISPLAY', value: ':0' }, ...(xauthority === undefined ? [] : [{ key: 'XAUTHORITY', value: xauthority }])],
      mounts: [
        { source: '/tmp/.X11-unix', target: '/tmp/.X11-unix' },
        { source: cookie, target: '/tmp/.docker.xauth' },
      ],
      user: '',
    });
    expect(xauthProblem(fields('/tmp/.docker.xauth', cookiePath), found.xauth)).toBeNull();
    expect(xauthProblem(fields('/tmp/.docker.xauth', emptyCookiePath), found.xauth)?.message).toMatch(/is empty/);
    expect(xauthProblem(fields('/tmp/.docker.xauth', `${cookiePath}-gone`), found.xauth)?.message).toMatch(/is not on the engine’s host/);
    expect(xauthProblem(fields(undefined, cookiePath), found.xauth)?.message).toMatch(/uses a cookie/);
  });

  it('looks at a cookie outside the searched folders when asked, the path passed as an argument and never run', async () => {
    // A name a shell would run if it were spliced into the script (the listing would then say "ran").
    const outside = `/var/tmp/berth xauth $(echo ran) ${process.pid}`;
    writeFileSync(outside, Buffer.alloc(40, 2));
    chmodSync(outside, 0o640);
    try {
      const gone = `/var/tmp/berth-xauth-gone-${process.pid}`;
      const found = await readHostResources(connection, fixtureImage, [outside, gone]);
      const uid = process.getuid?.() ?? 0;
      expect(found.xauth).toContainEqual({ path: outside, uid, mode: '640', size: 40 });
      expect(found.xauth?.some((x) => x.path === gone)).toBe(false);
      expect(found.xauthLooked).toEqual([outside, gone]);
      expect(found.xauth?.some((x) => x.path.includes('xauth ran'))).toBe(false);
      const fields = (cookie: string) => ({
        env: [
          { key: 'DISPLAY', value: ':0' },
          { key: 'XAUTHORITY', value: '/tmp/.docker.xauth' },
        ],
        mounts: [
          { source: '/tmp/.X11-unix', target: '/tmp/.X11-unix' },
          { source: cookie, target: '/tmp/.docker.xauth' },
        ],
        user: '',
      });
      expect(xauthProblem(fields(outside), found.xauth, found.xauthLooked)).toBeNull();
      expect(xauthProblem(fields(gone), found.xauth, found.xauthLooked)?.message).toMatch(/is not a file on the engine’s host/);
      // Without being asked, the helper does not see the host's root.
      expect((await readHostResources(connection, fixtureImage)).xauth?.some((x) => x.path === outside)).toBe(false);
    } finally {
      rmSync(outside, { force: true });
    }
  });

  it('says which image it needs when the engine lacks it', async () => {
    const err = await readHostResources(connection, 'berth-test/no-such-helper:0').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isBerthError(err) && err.code).toBe('NOT_FOUND');
    expect((err as Error).message).toMatch(/short-lived berth-test\/no-such-helper:0 container/);
  });
});

// On a remote engine the helper runs there, so it reads that engine's host. The TLS test engine is a
// second dockerd on this machine (set up by scripts/setup-test-env.sh): its host is this one.
const remote = loadEngineFixtures();
const tls = 'missing' in remote || 'skipped' in remote.tls ? undefined : remote.tls;
const tlsSkip = 'missing' in remote ? remote.missing : 'skipped' in remote.tls ? remote.tls.skipped : '';

describe.skipIf(!tls)(`reading the host of an engine reached over TCP+TLS${tlsSkip ? ` (skipped: ${tlsSkip})` : ''}`, () => {
  const t = tls as TlsFixtures;
  const connection = new EngineConnection({
    id: 'test-host-resources-tls',
    spec: { id: 'test-host-resources-tls', name: 'tls', host: t.host, tls: { certPath: t.certPath, verify: true }, source: 'saved' },
    retryDelaysMs: [60_000],
  });
  const cookie = `/tmp/xauth_berth-h6-tls-${process.pid}`;

  beforeAll(async () => {
    expect((await connection.connect()).state).toBe('connected');
    writeFileSync(cookie, Buffer.alloc(24, 1));
  });
  afterAll(() => {
    connection.close();
    rmSync(cookie, { force: true });
  });

  it('runs the helper on that engine, reads its host and leaves no helper container there', async () => {
    const found = await readHostResources(connection, fixtureImage);
    expect(found.xauth).toContainEqual(expect.objectContaining({ path: cookie, size: 24 }));
    const left = await connection.use((docker) => docker.listContainers({ all: true, filters: { label: [hostCheckLabel] } }));
    expect(left).toEqual([]);
  });
});
