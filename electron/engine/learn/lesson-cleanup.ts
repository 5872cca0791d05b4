import {
  containerNameInLesson,
  lessonLabel,
  tagInLessonNamespace,
  type CleanupOutcome,
  type LessonCleanupInput,
  type LessonObjects,
} from '../../../shared/learn-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { toRpcError } from '../to-rpc-error.js';
import type { ContainerFacts, ImageFacts } from './learn-checks.js';

const isId = (ref: string): boolean => /^sha256:[0-9a-f]{64}$/.test(ref);
const realTags = (tags: readonly string[] | null | undefined): string[] => (tags ?? []).filter((t) => t !== '<none>:<none>');

/**
 * What a lesson made, and removing it. A lesson's objects carry label berth.lesson=<lesson> and
 * names that start with its prefix (containers `<prefix>-…`, image tags `<prefix>/…`, with or
 * without a registry host); nothing else is listed or removed. An untagged image with the label
 * is an earlier build the lesson's tag moved away from, so it is listed too, by its ID.
 */
export class LessonCleanup {
  constructor(private readonly connection: EngineConnection) {}

  async objects(lesson: string, prefix: string): Promise<LessonObjects> {
    const label = [`${lessonLabel}=${lesson}`];
    const [containers, images] = await this.connection.use((docker) =>
      Promise.all([docker.listContainers({ all: true, filters: { label } }), docker.listImages({ filters: { label } })]),
    );
    const ours = containers
      .map((c) => ({ id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State }))
      .filter((c) => containerNameInLesson(c.name, prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    // Newest first: an image built on another lesson image goes before the one below it.
    const byAge = [...images].sort((a, b) => b.Created - a.Created);
    const imageRefs = byAge.flatMap((image) => {
      const tags = realTags(image.RepoTags);
      if (tags.length === 0) return [{ id: image.Id, ref: image.Id }];
      return tags.filter((t) => tagInLessonNamespace(t, prefix)).map((ref) => ({ id: image.Id, ref }));
    });
    return { containers: ours, images: imageRefs };
  }

  /** Removes exactly the confirmed objects, containers first (forced), each read again and kept unless still the lesson's. */
  async remove(input: LessonCleanupInput): Promise<CleanupOutcome[]> {
    const outcomes: CleanupOutcome[] = [];
    for (const ref of input.containers) {
      outcomes.push(await this.removeContainer(ref, input.lesson, input.prefix));
    }
    for (const ref of input.images) {
      outcomes.push(await this.removeImage(ref, input.lesson, input.prefix));
    }
    return outcomes;
  }

  private async removeContainer(ref: string, lesson: string, prefix: string): Promise<CleanupOutcome> {
    const outcome = (removed: boolean, error?: string): CleanupOutcome => ({
      kind: 'container',
      ref,
      removed,
      ...(error ? { error } : {}),
    });
    try {
      const c = (await this.connection.use((docker) => docker.getContainer(ref).inspect())) as unknown as ContainerFacts;
      if (c.Config.Labels?.[lessonLabel] !== lesson || !containerNameInLesson(c.Name, prefix)) {
        return outcome(
          false,
          `Not the lesson's: ${c.Name.replace(/^\//, '')} lacks ${lessonLabel}=${lesson} or the prefix ${prefix}-, so it was left alone.`,
        );
      }
      await this.connection.use((docker) => docker.getContainer(c.Id).remove({ force: true }));
      return outcome(true);
    } catch (err) {
      const e = toRpcError(err);
      return e.code === 'NOT_FOUND' ? outcome(true, 'Already gone.') : outcome(false, e.message);
    }
  }

  private async removeImage(ref: string, lesson: string, prefix: string): Promise<CleanupOutcome> {
    const outcome = (removed: boolean, error?: string): CleanupOutcome => ({ kind: 'image', ref, removed, ...(error ? { error } : {}) });
    try {
      const image = (await this.connection.use((docker) => docker.getImage(ref).inspect())) as unknown as ImageFacts;
      const labelled = image.Config?.Labels?.[lessonLabel] === lesson;
      const named = isId(ref) ? realTags(image.RepoTags).length === 0 : tagInLessonNamespace(ref, prefix);
      if (!labelled || !named) {
        return outcome(false, `Not the lesson's: ${ref} lacks ${lessonLabel}=${lesson} or a name under ${prefix}/, so it was left alone.`);
      }
      // By tag and never forced: an image another tag or a container still uses stays.
      await this.connection.use((docker) => docker.getImage(ref).remove());
      return outcome(true);
    } catch (err) {
      const e = toRpcError(err);
      return e.code === 'NOT_FOUND' ? outcome(true, 'Already gone.') : outcome(false, e.message);
    }
  }
}
