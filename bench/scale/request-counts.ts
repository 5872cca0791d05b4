/**
 * Engine requests counted by what they ask for: `GET /containers/json`, `POST /containers/{id}/start`.
 * The API version prefix and object ids or names are folded away so one kind of request is one key.
 */

/** Path segments after these name one object (an id or a name), folded to `{id}`. */
const objectCollections = new Set([
  'containers',
  'images',
  'volumes',
  'networks',
  'exec',
  'plugins',
  'services',
  'tasks',
  'secrets',
  'configs',
  'nodes',
]);
/** Second segments that are an endpoint of the collection itself, not an object. */
const collectionEndpoints = new Set(['json', 'create', 'prune', 'load', 'search', 'get']);

/** `GET /v1.41/containers/3f2a…/json?size=1` → `GET /containers/{id}/json`. */
export function requestKey(method: string, url: string): string {
  const path = url.split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  if (segments[0] && /^v\d+(\.\d+)?$/.test(segments[0])) segments.shift();
  const head = segments[0];
  if (head && objectCollections.has(head) && segments.length >= 2 && !collectionEndpoints.has(segments[1]!)) {
    // Image names may hold slashes (`registry/repo/name/json`): everything up to the last known verb is the name.
    const verb = segments.length > 2 ? segments[segments.length - 1]! : undefined;
    return `${method.toUpperCase()} /${head}/{id}${verb ? `/${verb}` : ''}`;
  }
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

export type CountSnapshot = ReadonlyMap<string, number>;

/** A running tally of requests by key; snapshots let a bench count what one phase caused. */
export class RequestCounts {
  private readonly counts = new Map<string, number>();

  record(method: string, url: string): string {
    const key = requestKey(method, url);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return key;
  }

  snapshot(): CountSnapshot {
    return new Map(this.counts);
  }

  /** What was recorded since `before` (keys with no new request left out). */
  since(before: CountSnapshot): CountSnapshot {
    const delta = new Map<string, number>();
    for (const [key, n] of this.counts) {
      const added = n - (before.get(key) ?? 0);
      if (added > 0) delta.set(key, added);
    }
    return delta;
  }
}

/** Every request in a delta, less the long-lived ones given (the event stream and pings say nothing about cost). */
export function totalRequests(delta: CountSnapshot, ignore: readonly string[] = []): number {
  let total = 0;
  for (const [key, n] of delta) if (!ignore.includes(key)) total += n;
  return total;
}

/** `containers list ×3, volumes ×1` style, busiest first. */
export function describeCounts(delta: CountSnapshot): string {
  const parts = [...delta].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, n]) => `${key} ×${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
