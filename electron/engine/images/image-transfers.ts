import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { parseImageReference, type Failure, type PullMessage, type PushMessage } from '../../../shared/image-types.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { onJsonLines } from '../event-line-parser.js';
import { displayRegistry, registryOf } from './registry-address.js';
import type { EngineAuthConfig, RegistryCredentials } from './registry-credentials.js';
import { explainRegistryFailure, failureError, registryFailureOf, type RegistryContext } from './registry-errors.js';
import { SnapshotThrottle } from './snapshot-throttle.js';
import { TransferProgressTracker, type RawProgressLine } from './transfer-progress.js';

/** At most one progress snapshot per transfer this often: a pull must not flood the transport. */
const progressIntervalMs = 100;

interface TransferTarget {
  /** `registry/path`, what the engine calls the repository. */
  repository: string;
  /** Tag or digest. */
  tagOrDigest: string;
  /** The full reference with the tag made explicit. */
  reference: string;
  context: RegistryContext;
  registryKey: string;
}

function targetOf(reference: string, operation: 'pull' | 'push'): TransferTarget {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) throw new BerthError({ code: 'BAD_REQUEST', message: `Invalid image reference "${reference}": ${parsed.problem}` });
  const { parts } = parsed;
  const repository = parts.registry ? `${parts.registry}/${parts.path}` : parts.path;
  // Like the CLI: no tag means latest; a digest wins over a tag.
  const tagOrDigest = parts.digest ?? parts.tag ?? 'latest';
  const registryKey = registryOf(parts);
  return {
    repository,
    tagOrDigest,
    reference: parts.digest ? `${repository}@${parts.digest}` : `${repository}:${tagOrDigest}`,
    registryKey,
    context: { operation, registry: displayRegistry(registryKey), reference },
  };
}

/**
 * Pull and push as streams of progress snapshots. Several may run at once; each holds its own
 * HTTP request, which unsubscribing aborts (the engine then drops the incomplete pull).
 */
export class ImageTransfers {
  constructor(
    private readonly connection: EngineConnection,
    private readonly credentials: RegistryCredentials,
  ) {}

  pull(reference: string, sink: StreamSink<PullMessage>): StreamCloser {
    const target = targetOf(reference, 'pull');
    return this.run('pull', target, sink, {
      open: async (signal) => {
        const auth = await this.authFor(target);
        return this.connection.use(
          async (docker) =>
            (await docker.createImage({
              fromImage: target.repository,
              tag: target.tagOrDigest,
              abortSignal: signal,
              ...(auth ? { authconfig: auth } : {}),
            })) as Readable,
        );
      },
      done: async (tracker) => {
        const info = await this.connection.use((docker) => docker.getImage(target.reference).inspect()).catch(() => undefined);
        return { type: 'done', reference: target.reference, imageId: info?.Id ?? null, digest: tracker.digest, upToDate: tracker.upToDate };
      },
    });
  }

  push(reference: string, sink: StreamSink<PushMessage>): StreamCloser {
    const target = targetOf(reference, 'push');
    return this.run('push', target, sink, {
      open: async (signal) => {
        const auth = await this.authFor(target);
        return this.connection.use(
          async (docker) =>
            // The engine refuses a push without X-Registry-Auth: send an empty one when there are no credentials.
            (await docker
              .getImage(target.repository)
              .push({ tag: target.tagOrDigest, abortSignal: signal, authconfig: auth ?? {} })) as Readable,
        );
      },
      done: async (tracker) => ({ type: 'done', reference: target.reference, digest: tracker.digest, size: tracker.size }),
    });
  }

  /** The credentials for the target's registry (a credential helper may take a moment); notes the username for messages. */
  private async authFor(target: TransferTarget): Promise<EngineAuthConfig | undefined> {
    const { auth, problem } = await this.credentials.lookup(target.registryKey);
    if (auth?.username) target.context.username = auth.username;
    if (problem) target.context.credentialProblem = problem;
    return auth;
  }

  private run<M extends PullMessage | PushMessage>(
    kind: 'pull' | 'push',
    target: TransferTarget,
    sink: StreamSink<M>,
    steps: { open: (signal: AbortSignal) => Promise<Readable>; done: (tracker: TransferProgressTracker) => Promise<M> },
  ): StreamCloser {
    const tracker = new TransferProgressTracker(kind);
    const throttle = new SnapshotThrottle(
      () => tracker.snapshot() as M,
      (m) => sink.send(m),
      progressIntervalMs,
    );
    const abort = new AbortController();
    let source: Readable | undefined;
    let closed = false;

    const fail = (failure: Failure): void => {
      if (closed) return;
      closed = true;
      throttle.flush();
      throttle.stop();
      sink.send({ type: 'failed', error: failure } as M);
      sink.end(failureError(failure));
    };
    const finish = async (): Promise<void> => {
      if (closed) return;
      if (tracker.error !== null) return fail(explainRegistryFailure(tracker.error, target.context));
      throttle.flush();
      const done = await steps.done(tracker);
      if (closed) return;
      closed = true;
      throttle.stop();
      sink.send(done);
      sink.end();
    };

    void (async () => {
      try {
        const stream = await steps.open(abort.signal);
        if (closed) {
          stream.destroy();
          return;
        }
        source = stream;
        // A line that is not JSON is skipped: nothing a progress view could show.
        onJsonLines(stream, (raw) => {
          if (tracker.apply(raw as RawProgressLine)) throttle.changed();
        });
        stream.on('end', () => void finish());
        stream.on('error', (err) => fail(registryFailureOf(err, target.context)));
      } catch (err) {
        fail(registryFailureOf(err, target.context));
      }
    })();

    return () => {
      if (closed) return;
      closed = true;
      throttle.stop();
      abort.abort();
      source?.destroy();
    };
  }
}
