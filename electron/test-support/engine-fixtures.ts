import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';

/** The image scripts/setup-test-env.sh builds from busybox-static. */
export const fixtureImage = 'berth-fixture/busybox:latest';
export const fixtureLabel = 'berth.test-fixture';

/** A dockerode client for test set-up, separate from the one under test. */
export const testDocker = new Docker(process.env.DOCKER_HOST ? undefined : { socketPath: '/var/run/docker.sock' });

export function uniqueName(prefix: string): string {
  return `berth-test-${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a labelled fixture container (not started) running `cmd`. */
export async function createFixture(name: string, cmd: string[] = ['sh', '-c', 'while true; do sleep 1; done']): Promise<Docker.Container> {
  return testDocker.createContainer({ name, Image: fixtureImage, Cmd: cmd, Labels: { [fixtureLabel]: 'true' }, StopSignal: 'SIGKILL' });
}

/** Whether the engine has a container of that name or ID. */
export async function containerExists(nameOrId: string): Promise<boolean> {
  return testDocker
    .getContainer(nameOrId)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/** Removes every container this test process made (only labelled fixtures). */
export async function removeFixtures(prefix = `berth-test-`): Promise<void> {
  const all = await testDocker.listContainers({ all: true, filters: { label: [`${fixtureLabel}=true`] } });
  await Promise.all(
    all
      .filter((c) => c.Names.some((n) => n.startsWith(`/${prefix}`)))
      .map((c) =>
        testDocker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
  );
}

/** Runs the real docker CLI, as a user in a shell would. */
export function dockerCli(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
