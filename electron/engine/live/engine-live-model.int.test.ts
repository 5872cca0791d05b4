import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent, ImageSummary } from '../../../shared/engine-types.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { dockerCli, fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineSocketProxy } from '../../test-support/socket-proxy.js';
import { EngineConnection } from '../engine-connection.js';
import { EngineLiveModel } from './engine-live-model.js';
import { LiveMirror } from './testing/live-mirror.js';

/** Every object this file makes carries this prefix (and the fixture label), so clean-up touches nothing else. */
const prefix = `berth-live-${process.pid}-`;
let counter = 0;
const nameFor = (what: string): string => `${prefix}${what}-${++counter}`;
const label = `--label=${fixtureLabel}=true`;

async function removeOurs(): Promise<void> {
  const containers = await testDocker.listContainers({ all: true, filters: { name: [prefix] } });
  await Promise.all(
    containers.map((c) =>
      testDocker
        .getContainer(c.Id)
        .remove({ force: true, v: false })
        .catch(() => undefined),
    ),
  );
  const volumes = (await testDocker.listVolumes({ filters: { name: [prefix] } })).Volumes ?? [];
  await Promise.all(
    volumes.map((v) =>
      testDocker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
  const networks = await testDocker.listNetworks({ filters: { name: [prefix] } });
  await Promise.all(
    networks.map((n) =>
      testDocker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/** Our containers as `docker ps -a` shows them: name → state. */
function cliContainers(): Map<string, string> {
  const out = dockerCli('ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}\t{{.State}}');
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]),
  );
}

/** Our containers as the mirror (a client) holds them: name → state. */
function mirroredContainers(mirror: LiveMirror<ContainerSummary>): Map<string, string> {
  return new Map([...mirror.items.values()].filter((c) => c.name.startsWith(prefix)).map((c) => [c.name, c.state]));
}

/** A request for a whole list (what the model asks only on (re)connection or a prune). */
const isFullList = (request: string): boolean =>
  /^GET \/v[\d.]+\/(containers\/json|images\/json|volumes|networks)(\?|$)/.test(request) && !request.includes('filters');

const sameMap = (a: Map<string, string>, b: Map<string, string>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

describe('the live model against the real engine', () => {
  const socketPath = `/tmp/berth-live-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  const connection = new EngineConnection({ id: 'live-test', dockerHost: `unix://${socketPath}`, retryDelaysMs: [100] });
  const model = new EngineLiveModel(connection, { statusTickMs: 250 });
  const containers = new LiveMirror<ContainerSummary>();
  const images = new LiveMirror<ImageSummary>();
  const volumes = new LiveMirror<VolumeSummary>();
  const networks = new LiveMirror<NetworkSummary>();
  const events: EngineEvent[] = [];

  beforeAll(async () => {
    await removeOurs();
    await proxy.start();
    const status = await connection.connect();
    expect(status.state, status.error).toBe('connected');
    connection.onEvent((e) => events.push(e));
    model.watch('containers', containers.sink);
    model.watch('images', images.sink);
    model.watch('volumes', volumes.sink);
    model.watch('networks', networks.sink);
    await waitFor(() => (containers.live && images.live && volumes.live && networks.live ? true : undefined), 'the first snapshots');
  });

  afterAll(async () => {
    model.close();
    connection.close();
    await proxy.stop();
    await removeOurs();
  });

  it('starts with the same containers, images, volumes and networks the engine lists', async () => {
    // Other suites may change the engine meanwhile: every container listed now is soon held, or gone by then.
    const listed = (await testDocker.listContainers({ all: true })).map((c) => c.Id);
    await waitFor(async () => {
      const missing = listed.filter((id) => !containers.items.has(id));
      if (missing.length === 0) return true;
      const now = new Set((await testDocker.listContainers({ all: true })).map((c) => c.Id));
      return missing.every((id) => !now.has(id)) ? true : undefined;
    }, 'every listed container held');
    expect(images.find((i) => i.repoTags.includes(fixtureImage))).toBeDefined();
    expect(networks.find((n) => n.name === 'host' && n.builtIn)).toBeDefined();
    expect(containers.snapshots).toBe(1);
  });

  it('reflects create, start, rename, pause and remove done with the docker CLI', async () => {
    const name = nameFor('cycle');
    const id = dockerCli('create', label, '--name', name, fixtureImage, 'sleep', '600');
    await waitFor(() => (containers.items.get(id)?.state === 'created' ? true : undefined), 'created');
    dockerCli('start', name);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'running');
    const renamed = nameFor('renamed');
    dockerCli('rename', name, renamed);
    await waitFor(() => (containers.items.get(id)?.name === renamed ? true : undefined), 'renamed');
    dockerCli('pause', renamed);
    await waitFor(() => (containers.items.get(id)?.state === 'paused' ? true : undefined), 'paused');
    expect(containers.items.get(id)).toMatchObject({ id, name: renamed, image: fixtureImage, command: 'sleep 600' });
    dockerCli('unpause', renamed);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'unpaused');
    dockerCli('stop', '--time', '0', renamed);
    await waitFor(() => (containers.items.get(id)?.state === 'exited' ? true : undefined), 'stopped');
    expect(containers.items.get(id)?.status).toMatch(/^Exited \(\d+\) /);
    dockerCli('restart', '--time', '0', renamed);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'restarted');
    dockerCli('rm', '--force', renamed);
    await waitFor(() => (containers.items.has(id) ? undefined : true), 'removed');
  });

  it("shows a container that exits by itself as exited (its die event comes before the engine's list says so)", async () => {
    for (let i = 0; i < 3; i++) {
      const name = nameFor('exits');
      const id = dockerCli('run', '-d', label, '--name', name, fixtureImage, 'sh', '-c', 'sleep 0.3; exit 3');
      await waitFor(() => (containers.items.get(id)?.exitCode === 3 ? true : undefined), 'exited with 3');
      expect(containers.items.get(id)?.state).toBe('exited');
      dockerCli('rm', name);
    }
  });

  it('shows a health check turning healthy', async () => {
    const name = nameFor('health');
    const id = dockerCli(
      'run',
      '-d',
      label,
      '--name',
      name,
      '--health-cmd',
      'true',
      '--health-interval',
      '1s',
      fixtureImage,
      'sleep',
      '600',
    );
    await waitFor(() => (containers.items.get(id)?.status.includes('(healthy)') ? true : undefined), 'healthy');
    dockerCli('rm', '--force', name);
  });

  it('ages a running container\'s "Up …" wording without asking the engine again', async () => {
    const name = nameFor('ageing');
    const id = dockerCli('create', label, '--name', name, fixtureImage, 'sleep', '600');
    dockerCli('start', name);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'running');
    const before = proxy.requests.filter((r) => r.includes(id)).length;
    await waitFor(() => (/^Up ([3-9]|\d\d) seconds$/.test(containers.items.get(id)?.status ?? '') ? true : undefined), 'Up 3+ seconds');
    expect(proxy.requests.filter((r) => r.includes(id)).length).toBe(before);
    dockerCli('rm', '--force', name);
  });

  it('keeps volume users and network members from the containers, without reloading either list for container events', async () => {
    const volume = nameFor('vol');
    const network = nameFor('net');
    const name = nameFor('user');
    dockerCli('volume', 'create', label, volume);
    const networkId = dockerCli('network', 'create', label, network);
    await waitFor(() => (volumes.items.has(volume) && networks.items.has(networkId) ? true : undefined), 'volume and network listed');

    const before = proxy.requests.length;
    const id = dockerCli('create', label, '--name', name, '-v', `${volume}:/data:ro`, '--network', network, fixtureImage, 'sleep', '600');
    await waitFor(() => (volumes.items.get(volume)?.usedBy[0]?.id === id ? true : undefined), 'volume user');
    expect(volumes.items.get(volume)?.usedBy[0]).toMatchObject({ name, state: 'created', destination: '/data', readOnly: true });
    await waitFor(() => (networks.items.get(networkId)?.containers[0]?.id === id ? true : undefined), 'network member');

    dockerCli('start', name);
    await waitFor(() => (networks.items.get(networkId)?.containers[0]?.ipv4 ? true : undefined), 'an address on the network');
    expect(volumes.items.get(volume)?.usedBy[0]?.state).toBe('running');

    const renamed = nameFor('user-renamed');
    dockerCli('rename', name, renamed);
    await waitFor(() => (volumes.items.get(volume)?.usedBy[0]?.name === renamed ? true : undefined), 'renamed user');
    await waitFor(() => (networks.items.get(networkId)?.containers[0]?.name === renamed ? true : undefined), 'renamed member');

    dockerCli('network', 'disconnect', network, renamed);
    await waitFor(() => (networks.items.get(networkId)?.containers.length === 0 ? true : undefined), 'disconnected');

    dockerCli('rm', '--force', renamed);
    await waitFor(() => (volumes.items.get(volume)?.usedBy.length === 0 ? true : undefined), 'volume unused');
    // Only reads of single objects since: no list of volumes or networks, no unfiltered container list.
    expect(proxy.requests.slice(before).filter(isFullList)).toEqual([]);

    dockerCli('volume', 'rm', volume);
    dockerCli('network', 'rm', network);
    await waitFor(() => (!volumes.items.has(volume) && !networks.items.has(networkId) ? true : undefined), 'volume and network gone');
  });

  it('follows image tags and untags', async () => {
    const tag = `${prefix}img:one`;
    dockerCli('tag', fixtureImage, tag);
    await waitFor(() => (images.find((i) => i.repoTags.includes(tag)) ? true : undefined), 'tagged');
    dockerCli('rmi', tag);
    await waitFor(() => (images.find((i) => i.repoTags.includes(tag)) ? undefined : true), 'untagged');
    expect(images.find((i) => i.repoTags.includes(fixtureImage))).toBeDefined();
  });

  it('goes stale when the engine drops, and reconciles on reconnection what changed meanwhile', async () => {
    const kept = nameFor('kept');
    const gone = nameFor('gone');
    const keptId = dockerCli('create', label, '--name', kept, fixtureImage, 'sleep', '600');
    const goneId = dockerCli('create', label, '--name', gone, fixtureImage, 'sleep', '600');
    await waitFor(() => (containers.items.has(keptId) && containers.items.has(goneId) ? true : undefined), 'both listed');
    const snapshotsBefore = containers.snapshots;

    await proxy.stop();
    await waitFor(() => (containers.staleReason !== undefined && volumes.staleReason !== undefined ? true : undefined), 'stale');
    // Changed while the model cannot see the engine.
    const made = nameFor('made-away');
    const madeId = dockerCli('create', label, '--name', made, fixtureImage, 'sleep', '600');
    dockerCli('rm', '--force', gone);
    dockerCli('start', kept);
    const volume = nameFor('vol-away');
    dockerCli('volume', 'create', label, volume);

    await proxy.start();
    await waitFor(() => (containers.live && containers.snapshots > snapshotsBefore ? true : undefined), 'a new snapshot');
    await waitFor(() => (containers.items.has(madeId) && !containers.items.has(goneId) ? true : undefined), 'reconciled');
    await waitFor(() => (containers.items.get(keptId)?.state === 'running' ? true : undefined), 'kept started');
    await waitFor(() => (volumes.items.has(volume) ? true : undefined), 'volume made while away');
    expect(volumes.live && networks.live && images.live).toBe(true);
  });

  it('ends consistent with `docker ps -a` after a burst of 200 creates, then 200 removals', async () => {
    const names = Array.from({ length: 200 }, () => nameFor('burst'));
    const create = (name: string) =>
      testDocker.createContainer({ name, Image: fixtureImage, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    for (let i = 0; i < names.length; i += 20) await Promise.all(names.slice(i, i + 20).map(create));
    await waitFor(() => (sameMap(mirroredContainers(containers), cliContainers()) ? true : undefined), 'consistent after creates');
    expect([...mirroredContainers(containers).keys()].filter((n) => n.includes('-burst-'))).toHaveLength(200);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((n) => testDocker.getContainer(n).remove({ force: true })));
    }
    await waitFor(() => (sameMap(mirroredContainers(containers), cliContainers()) ? true : undefined), 'consistent after removals');
    expect([...mirroredContainers(containers).keys()].filter((n) => n.includes('-burst-'))).toEqual([]);
  });
});

describe('engine requests the live model makes', () => {
  const socketPath = `/tmp/berth-live-count-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  const connection = new EngineConnection({ id: 'live-count', dockerHost: `unix://${socketPath}` });
  const model = new EngineLiveModel(connection);
  const containers = new LiveMirror<ContainerSummary>();
  const events: EngineEvent[] = [];

  beforeAll(async () => {
    await proxy.start();
    expect((await connection.connect()).state).toBe('connected');
    connection.onEvent((e) => events.push(e));
    model.watch('containers', containers.sink);
    await waitFor(() => (containers.live ? true : undefined), 'snapshot');
  });

  afterAll(async () => {
    model.close();
    connection.close();
    await proxy.stop();
    await removeOurs();
  });

  it('one container event costs at most 2 engine requests', async () => {
    const name = nameFor('counted');
    const id = dockerCli('create', label, '--name', name, fixtureImage, 'sleep', '600');
    dockerCli('start', name);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'running');
    const mentioning = (from: number) => proxy.requests.slice(from).filter((r) => r.includes(id));

    const before = proxy.requests.length;
    const eventsBefore = events.length;
    dockerCli('pause', name);
    await waitFor(() => (containers.items.get(id)?.state === 'paused' ? true : undefined), 'paused');
    const pauseEvents = events.slice(eventsBefore).filter((e) => e.id === id);
    expect(pauseEvents.map((e) => e.action)).toEqual(['pause']);
    expect(mentioning(before).length).toBeGreaterThanOrEqual(1);
    expect(mentioning(before).length).toBeLessThanOrEqual(2);
    // No list was reloaded for it (other suites' events may cost their own single reads meanwhile).
    expect(proxy.requests.slice(before).filter(isFullList)).toEqual([]);

    // A stop is several events (kill, die, stop, network disconnect); together they cost at most 2 reads.
    dockerCli('unpause', name);
    await waitFor(() => (containers.items.get(id)?.state === 'running' ? true : undefined), 'unpaused');
    const beforeStop = proxy.requests.length;
    dockerCli('stop', '--time', '0', name);
    await waitFor(() => (containers.items.get(id)?.state === 'exited' ? true : undefined), 'stopped');
    expect(mentioning(beforeStop).length).toBeLessThanOrEqual(2);

    // On a network (most containers are): the start's `connect` finds it listed there already and
    // the stop's `disconnect` is satisfied by the stopped container still listed on it.
    const networked = nameFor('networked');
    const networkedId = dockerCli('create', label, '--network', 'none', '--name', networked, fixtureImage, 'sleep', '600');
    await waitFor(() => (containers.items.has(networkedId) ? true : undefined), 'networked created');
    const beforeNetStart = proxy.requests.length;
    const eventsBeforeNetStart = events.length;
    dockerCli('start', networked);
    await waitFor(() => (containers.items.get(networkedId)?.state === 'running' ? true : undefined), 'networked running');
    await waitFor(
      () => (events.slice(eventsBeforeNetStart).some((e) => e.type === 'network' && e.action === 'connect') ? true : undefined),
      'connect seen',
    );
    const beforeNetStop = proxy.requests.length;
    expect(proxy.requests.slice(beforeNetStart, beforeNetStop).filter((r) => r.includes(networkedId))).toHaveLength(1);
    const eventsBeforeNetStop = events.length;
    dockerCli('stop', '--time', '0', networked);
    await waitFor(() => (containers.items.get(networkedId)?.state === 'exited' ? true : undefined), 'networked stopped');
    await waitFor(
      () => (events.slice(eventsBeforeNetStop).some((e) => e.type === 'network' && e.action === 'disconnect') ? true : undefined),
      'disconnect seen',
    );
    // Past the first re-reads an unmet expectation would make (25, 50, 100, 200 ms …).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mentioning(beforeNetStop).length).toBeLessThanOrEqual(2);

    const beforeRename = proxy.requests.length;
    dockerCli('rename', name, `${name}-r`);
    await waitFor(() => (containers.items.get(id)?.name === `${name}-r` ? true : undefined), 'renamed');
    expect(mentioning(beforeRename)).toEqual([]);

    // A container never started goes with a single `destroy`, applied without a read.
    const unstarted = nameFor('unstarted');
    const unstartedId = dockerCli('create', label, '--name', unstarted, fixtureImage, 'true');
    await waitFor(() => (containers.items.has(unstartedId) ? true : undefined), 'created');
    const beforeRemove = proxy.requests.length;
    dockerCli('rm', unstarted);
    await waitFor(() => (containers.items.has(unstartedId) ? undefined : true), 'removed');
    expect(proxy.requests.slice(beforeRemove).filter((r) => r.includes(unstartedId))).toEqual([]);
  });

  it('costs no engine request while the engine is idle', async () => {
    // Other suites share the engine: wait for events to stop for longer than any re-read backs off
    // (about 6 s), then no request may go out for 2 s more unless an event comes.
    let lastEventAt = Date.now();
    let seen = events.length;
    await waitFor(
      async () => {
        if (events.length !== seen) {
          seen = events.length;
          lastEventAt = Date.now();
        }
        if (Date.now() - lastEventAt < 7000) return undefined;
        const requests = proxy.requests.length;
        await new Promise((r) => setTimeout(r, 2000));
        if (events.length !== seen) return undefined;
        expect(proxy.requests.slice(requests)).toEqual([]);
        return true;
      },
      'an idle spell',
      120_000,
    );
  }, 150_000);
});

describe('status wording for a client that starts watching later', () => {
  const connection = new EngineConnection({ id: 'live-later' });
  let shiftMs = 0;
  // No ticks: only a new watch ages the wording, by a clock the test moves.
  const model = new EngineLiveModel(connection, { statusTickMs: 3_600_000, now: () => Date.now() + shiftMs });

  afterAll(async () => {
    model.close();
    connection.close();
    await removeOurs();
  });

  it('gets a snapshot whose "Up …" is worded as of now', async () => {
    model.start();
    await connection.connect();
    await waitFor(() => (model.isLive ? true : undefined), 'listed');
    const name = nameFor('later');
    const id = dockerCli('run', '-d', label, '--name', name, fixtureImage, 'sleep', '600');
    await waitFor(() => (model.items('containers').find((c) => c.id === id)?.state === 'running' ? true : undefined), 'running');
    shiftMs = 3 * 3_600_000;
    const late = new LiveMirror<ContainerSummary>();
    model.watch('containers', late.sink);
    expect(late.items.get(id)?.status).toBe('Up 3 hours');
  });
});
