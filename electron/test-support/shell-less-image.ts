import { PassThrough, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { fixtureImage, fixtureLabel, testDocker } from './engine-fixtures.js';

/** A `FROM scratch` image with no shell: only the static busybox binary as its entrypoint. */
export const shellLessImage = 'berth-test/shell-less:1';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The static busybox binary, taken out of the fixture image. */
async function busyboxBinary(): Promise<Buffer> {
  const holder = await testDocker.createContainer({ Image: fixtureImage, Labels: { [fixtureLabel]: 'true' } });
  try {
    const archive = await readAll((await holder.getArchive({ path: '/bin/busybox' })) as Readable);
    return await new Promise<Buffer>((resolve, reject) => {
      const extract = tar.extract();
      extract.on('entry', (header, body, next) => {
        void readAll(body).then((bytes) => {
          if (header.type === 'file') resolve(bytes);
          next();
        }, reject);
      });
      extract.on('finish', () => reject(new Error('no busybox binary in the fixture image')));
      extract.on('error', reject);
      extract.end(archive);
    });
  } finally {
    await holder.remove({ force: true });
  }
}

/**
 * Builds the shell-less image (once per engine): the binary sits at /busybox with its
 * entrypoint `["/busybox", "sleep", "100000"]`; there is no /bin/sh or any other file.
 */
export async function buildShellLessImage(): Promise<string> {
  const present = await testDocker
    .getImage(shellLessImage)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return shellLessImage;
  const pack = tar.pack();
  pack.entry({ name: 'busybox', mode: 0o755 }, await busyboxBinary());
  pack.entry(
    { name: 'Dockerfile' },
    `FROM scratch\nCOPY busybox /busybox\nLABEL ${fixtureLabel}=true\nENTRYPOINT ["/busybox", "sleep", "100000"]\n`,
  );
  pack.finalize();
  const body = new PassThrough();
  pack.pipe(body);
  const stream = await testDocker.buildImage(body, { t: shellLessImage, labels: { [fixtureLabel]: 'true' } });
  await new Promise<void>((resolve, reject) =>
    testDocker.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
      const failed = err ?? out.find((o) => o.error);
      if (failed) reject(failed instanceof Error ? failed : new Error(failed.error));
      else resolve();
    }),
  );
  return shellLessImage;
}
