import type { HostResources } from '../../../shared/robot-run-contract.js';
import { combineCheckResults, type LearnCheckOutcome, type LearnCheckResult, type ParsedLearnCheck } from '../../../shared/learn-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { readHostResources } from '../containers/host-resources.js';
import { LogFrameDemuxer } from '../containers/log-frame-demuxer.js';
import { toRpcError } from '../to-rpc-error.js';
import {
  judgeContainer,
  judgeDevice,
  judgeDisplay,
  judgeFileInDiff,
  judgeHostTalk,
  judgeImageExists,
  judgeMoreLayers,
  judgePushed,
  judgeRebuild,
  type ContainerFacts,
  type FilesystemChangeFacts,
  type HostDisplayFacts,
  type ImageFacts,
} from './learn-checks.js';

/** The host's devices and displays change rarely; reading them runs a helper container, whose own events would ask again. */
const hostFactsTtlMs = 60_000;
/** How much of the listener's output is read back. */
const listenerTailLines = 40;

type HostReader = (connection: EngineConnection, image: string) => Promise<HostResources>;

/**
 * Answers lesson checks from one engine: reads what each check names (inspect, diff, logs, the
 * host's devices) and hands it to the pure judgements in learn-checks.ts. Reads only; an object the
 * engine does not have makes the check fail with a sentence, any other engine error is thrown.
 */
export class LearnService {
  private hostFacts: { image: string; at: number; facts: Promise<HostDisplayFacts> } | undefined;

  constructor(
    private readonly connection: EngineConnection,
    private readonly readHost: HostReader = readHostResources,
    private readonly now: () => number = Date.now,
  ) {}

  async check(checks: readonly ParsedLearnCheck[]): Promise<LearnCheckOutcome> {
    const results: LearnCheckResult[] = [];
    for (const check of checks) results.push(await this.checkOne(check));
    return { status: combineCheckResults(results), results };
  }

  private async checkOne(check: ParsedLearnCheck): Promise<LearnCheckResult> {
    switch (check.kind) {
      case 'imageExists':
        return judgeImageExists(check.ref, await this.image(check.ref), check.lesson);
      case 'containerExists': {
        const image = check.image === undefined ? undefined : await this.image(check.image);
        return judgeContainer(
          {
            name: check.name,
            lesson: check.lesson,
            state: check.state,
            imageRef: check.image,
            imageId: image?.Id,
            interactive: check.interactive,
            network: check.network,
          },
          await this.container(check.name),
        );
      }
      case 'fileInDiff':
        return judgeFileInDiff(check.container, check.path, check.expect, await this.changes(check.container));
      case 'imageHasMoreLayersThan':
        return judgeMoreLayers(check.ref, check.base, await this.image(check.ref), await this.image(check.base));
      case 'rebuildUsedCache':
        return judgeRebuild(check, await this.image(check.ref), await this.image(check.previous), await this.image(check.base));
      case 'imagePushed':
        return judgePushed(check.ref, await this.image(check.ref));
      case 'hostNetworkTalk': {
        const listener = await this.container(check.listener);
        const output = listener ? await this.recentOutput(listener) : '';
        return judgeHostTalk(check, await this.container(check.talker), listener, output);
      }
      case 'deviceMapped':
        return judgeDevice(check.container, await this.container(check.container), await this.host(check.helperImage));
      case 'displayShared':
        return judgeDisplay(check.container, await this.container(check.container), await this.host(check.helperImage));
    }
  }

  /** The image's inspect document, or undefined when the engine has none by that reference. */
  async image(ref: string): Promise<ImageFacts | undefined> {
    return this.orMissing(async () => (await this.connection.use((docker) => docker.getImage(ref).inspect())) as unknown as ImageFacts);
  }

  async container(ref: string): Promise<ContainerFacts | undefined> {
    return this.orMissing(
      async () => (await this.connection.use((docker) => docker.getContainer(ref).inspect())) as unknown as ContainerFacts,
    );
  }

  private async changes(ref: string): Promise<FilesystemChangeFacts[] | undefined> {
    return this.orMissing(async () => {
      const raw: unknown = await this.connection.use((docker) => docker.getContainer(ref).changes());
      // No changes: the engine answers null, which dockerode hands over as an empty buffer.
      if (!Array.isArray(raw)) return [];
      const kinds = ['changed', 'added', 'deleted'] as const;
      return (raw as Array<{ Path: string; Kind: number }>).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'changed' }));
    });
  }

  /** The container's last lines of output, stdout and stderr together. */
  private async recentOutput(c: ContainerFacts): Promise<string> {
    const raw = (await this.connection.use((docker) =>
      docker.getContainer(c.Id).logs({ stdout: true, stderr: true, follow: false, tail: listenerTailLines }),
    )) as unknown as Buffer;
    const bytes = new Uint8Array(raw);
    if (c.Config.Tty === true) return new TextDecoder().decode(bytes);
    return new LogFrameDemuxer()
      .push(bytes)
      .map((piece) => new TextDecoder().decode(piece.data))
      .join('');
  }

  private host(helperImage: string): Promise<HostDisplayFacts> {
    const cached = this.hostFacts;
    if (cached && cached.image === helperImage && this.now() - cached.at < hostFactsTtlMs) return cached.facts;
    const facts = this.readHost(this.connection, helperImage).then((r) => ({
      devices: [...r.serial, ...r.cameras, ...r.joysticks],
      x11: r.x11,
      wayland: r.wayland,
    }));
    this.hostFacts = { image: helperImage, at: this.now(), facts };
    // A failed read is not kept: the next check tries again.
    facts.catch(() => {
      if (this.hostFacts?.facts === facts) this.hostFacts = undefined;
    });
    return facts;
  }

  private async orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (err) {
      if (toRpcError(err).code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }
}
