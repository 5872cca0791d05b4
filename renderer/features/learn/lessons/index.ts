import { buildWithDockerfile } from './build-with-dockerfile.js';
import { imagesAndContainers } from './images-and-containers.js';
import type { Lesson } from './lesson-types.js';
import { robotics } from './robotics.js';

/** Every lesson, in the order the story goes. */
export const lessons: readonly Lesson[] = [imagesAndContainers, buildWithDockerfile, robotics];

export function lessonById(id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}
