import { Transform, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import type { BuildInput } from '../../../shared/image-contract.js';
import { parseImageReference, type BuildMessage, type BuildStep, type Failure } from '../../../shared/image-types.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { onJsonLines } from '../event-line-parser.js';
import { packBuildContext, prepareBuildContext } from './build-context.js';
import { BuildLogBatcher } from './build-log-batcher.js';
import { BuildOutputParser, type RawBuildLine } from './build-output-parser.js';
import { BuildStepTracker, type BuildOutcome } from './build-steps.js';
import { parseDockerfileLines } from './dockerfile-lines.js';
import { displayRegistry, registryOf } from './registry-address.js';
import type { RegistryCredentials } from './registry-credentials.js';
import { engineErrorText, explainRegistryFailure, failureError } from './registry-errors.js';
import { SnapshotThrottle } from './snapshot-throttle.js';

/** How long to stop reading the engine's output when the transport is full. */
const pauseWhenFullMs = 50;

function where(step: BuildStep | null): string {
  if (!step) return '';
  return `Step ${step.step}/${step.total}${step.line !== null ? ` (Dockerfile line ${step.line})` : ''} ${step.instruction}: `;
}

/** Why a build failed, in words tied to the step and line, and with a reason a UI can act on. */
export function buildFailure(outcome: BuildOutcome): Failure {
  const message = outcome.error?.message ?? 'The build ended without an image ID';
  const step = outcome.failedStep;
  if (step && /^FROM\s/i.test(step.instruction)) {
    // The base image could not be found or pulled: the registry rules explain that best.
    const reference = step.instruction.split(/\s+/)[1] ?? '';
    const parsed = parseImageReference(reference);
    const registry = displayRegistry(parsed.ok ? registryOf(parsed.parts) : 'docker.io');
    const explained = explainRegistryFailure(message, { operation: 'build', registry, reference });
    return { ...explained, message: `${where(step)}${explained.message}` };
  }
  const parseError = /dockerfile parse error|unknown instruction|unknown flag|failed to process/i.test(message);
  if (parseError || !step)
    return { code: parseError ? 'BAD_REQUEST' : 'ENGINE_ERROR', reason: parseError ? 'invalid-input' : 'engine', message };
  return { code: 'ENGINE_ERROR', reason: 'build-step', message: `${where(step)}${message}` };
}

/**
 * `docker build` with the legacy builder, as a stream: the context goes up as a tar (streamed
 * from disk, .dockerignore honoured), and the output comes back as step events tied to
 * Dockerfile lines, batched log lines, and one final `done` or `failed`. Unsubscribing aborts
 * the request, which makes the engine stop the build.
 */
export class ImageBuilder {
  constructor(
    private readonly connection: EngineConnection,
    private readonly credentials: RegistryCredentials,
  ) {}

  build(input: BuildInput, sink: StreamSink<BuildMessage>): StreamCloser {
    // Bad folders and missing Dockerfiles are refused before anything is sent (BAD_REQUEST).
    const context = prepareBuildContext(input);
    const instructions = parseDockerfileLines(context.dockerfileText);
    const startedAt = Date.now();
    const abort = new AbortController();
    const tar = packBuildContext(context);
    // Counts the context as the engine takes it. (A 'data' listener would put the stream in flowing
    // mode before the request is made, and a small context, such as an inline Dockerfile alone, would
    // flow away unsent while credentials are read.)
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sentBytes += chunk.length;
        contextProgress.changed();
        done(null, chunk);
      },
    });
    let sentBytes = 0;
    let output: Readable | undefined;
    let closed = false;

    const batcher = new BuildLogBatcher(
      (m) => sink.send(m),
      () => {
        // The transport is full: let the engine wait instead of buffering its output here.
        if (output && !output.isPaused()) {
          output.pause();
          setTimeout(() => output?.resume(), pauseWhenFullMs);
        }
      },
    );
    const contextProgress = new SnapshotThrottle(
      (): BuildMessage => ({ type: 'context', bytes: sentBytes, done: false }),
      (m) => (batcher.message(m), true),
      250,
    );
    counted.on('end', () => {
      contextProgress.stop();
      if (!closed) batcher.message({ type: 'context', bytes: sentBytes, done: true });
    });
    tar.on('error', (err) => counted.destroy(err));
    tar.pipe(counted);

    const tracker = new BuildStepTracker(instructions);
    const parser = new BuildOutputParser();
    const emit = (events: ReturnType<BuildOutputParser['push']>): void => {
      for (const event of events) {
        for (const out of tracker.handle(event)) {
          if (out.type === 'log') batcher.line(out.line);
          else batcher.message(out.step);
        }
      }
    };

    const finish = (failure?: Failure): void => {
      if (closed) return;
      closed = true;
      contextProgress.stop();
      const outcome = tracker.outcome();
      if (!failure && outcome.error === null && outcome.imageId !== null) {
        batcher.message({
          type: 'done',
          imageId: outcome.imageId,
          tags: input.tags ?? [],
          durationMs: Date.now() - startedAt,
          steps: outcome.steps,
          cachedSteps: outcome.cachedSteps,
        });
        batcher.flush();
        sink.end();
        return;
      }
      const error = failure ?? buildFailure(outcome);
      const step = outcome.failedStep;
      batcher.message({
        type: 'failed',
        error,
        step: step?.step ?? null,
        line: step?.line ?? null,
        instruction: step?.instruction ?? null,
        exitCode: step ? (outcome.error?.exitCode ?? null) : null,
      });
      batcher.flush();
      sink.end(failureError(error));
    };

    const options: Docker.ImageBuildOptions = {
      dockerfile: context.dockerfileName,
      // The engine takes `t` once per tag; the query string repeats an array's key.
      t: (input.tags ?? []) as unknown as string,
      buildargs: input.buildArgs,
      labels: input.labels,
      target: input.target,
      nocache: input.noCache ?? false,
      pull: input.pull ?? false,
      rm: true,
      // Also remove the container of a failed step: Berth leaves nothing behind (CLI: --force-rm).
      forcerm: true,
      abortSignal: abort.signal,
    };
    void (async () => {
      try {
        // Credential helpers run here: a FROM line may pull from any registry the user has credentials for.
        const registries = await this.credentials.registryConfig();
        if (Object.keys(registries).length > 0) options.registryconfig = registries as unknown as Docker.RegistryConfig;
        if (closed) return;
        const stream = (await this.connection.use((docker) => docker.buildImage(counted, options))) as Readable;
        if (closed) {
          stream.destroy();
          return;
        }
        output = stream;
        onJsonLines(
          stream,
          (raw) => emit(parser.push(raw as RawBuildLine)),
          (line) => emit(parser.push({ stream: `${line}\n` })),
        );
        stream.on('end', () => {
          if (closed) return;
          emit(parser.flush());
          for (const out of tracker.end()) {
            if (out.type === 'log') batcher.line(out.line);
            else batcher.message(out.step);
          }
          finish();
        });
        stream.on('error', (err) => finish(requestFailure(err)));
      } catch (err) {
        finish(requestFailure(err));
      }
    })();

    return () => {
      if (closed) return;
      closed = true;
      contextProgress.stop();
      batcher.stop();
      abort.abort();
      tar.destroy();
      counted.destroy();
      output?.destroy();
    };
  }
}

/** The request itself failed (the engine refused the parameters, or went away). */
function requestFailure(err: unknown): Failure {
  if (err instanceof BerthError) return { code: err.code, reason: 'engine', message: err.message };
  const status = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
  const message = engineErrorText(err);
  if (status === 400) return { code: 'BAD_REQUEST', reason: 'invalid-input', message };
  return { code: 'ENGINE_ERROR', reason: 'engine', message };
}
