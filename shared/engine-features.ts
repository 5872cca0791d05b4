/**
 * Docker Engine API versions: which one Berth speaks with an engine, and what Berth does that an
 * older API lacks. The version is negotiated as the docker CLI does: the lower of the engine's own and
 * Berth's newest (or a cap the user set with DOCKER_API_VERSION), never below the engine's minimum.
 */

/** The newest Engine API Berth speaks; a newer engine is spoken to in this version. */
export const berthMaxApiVersion = '1.45';

/** `1.41` → [1, 41]; undefined for anything that is not MAJOR.MINOR (an optional leading v is accepted). */
export function parseApiVersion(text: string): readonly [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. Throws on a malformed version. */
export function compareApiVersions(a: string, b: string): number {
  const pa = parseApiVersion(a);
  const pb = parseApiVersion(b);
  if (!pa || !pb) throw new Error(`Not an Engine API version: "${pa ? b : a}" (expected MAJOR.MINOR, e.g. 1.41)`);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

/**
 * The version to speak with an engine that supports `engineMin`…`engineMax`: the lower of its newest
 * and `cap` (Berth's newest by default), raised to its minimum if the cap is below it.
 */
export function negotiateApiVersion(engineMax: string, engineMin: string | undefined, cap: string = berthMaxApiVersion): string {
  let version = compareApiVersions(engineMax, cap) < 0 ? engineMax : cap;
  if (engineMin !== undefined && compareApiVersions(version, engineMin) < 0) version = engineMin;
  const parsed = parseApiVersion(version);
  return parsed ? `${parsed[0]}.${parsed[1]}` : version;
}

/** Something Berth does that needs a minimum Engine API version. */
export interface EngineFeature {
  /** The oldest API version that has it. */
  readonly minApi: string;
  /** What it is, as the disabled control's reason names it. */
  readonly label: string;
}

/** Berth's features that an older engine may lack, with the API version that brought each (Engine API changelog). */
export const engineFeatures = {
  /** The run form's GPU preset: HostConfig.DeviceRequests. */
  gpus: { minApi: '1.40', label: 'GPU requests (docker run --gpus)' },
  /** A terminal noticing its container stopped: POST /containers/{id}/wait?condition=not-running. */
  waitNotRunning: { minApi: '1.30', label: 'telling a terminal its container stopped (wait condition)' },
  /** Volume sizes: GET /system/df. */
  diskUsage: { minApi: '1.25', label: 'volume sizes (docker system df)' },
  /** Removing unused images: POST /images/prune. */
  imagePrune: { minApi: '1.25', label: 'image prune (docker image prune)' },
} as const satisfies Record<string, EngineFeature>;

export type EngineFeatureName = keyof typeof engineFeatures;

/** Why `feature` is off on an engine speaking `apiVersion`, in a sentence; undefined when it is available (or the version is unknown). */
export function featureUnavailableReason(feature: EngineFeatureName, apiVersion: string | undefined): string | undefined {
  if (apiVersion === undefined || parseApiVersion(apiVersion) === undefined) return undefined;
  const { minApi, label } = engineFeatures[feature];
  if (compareApiVersions(apiVersion, minApi) >= 0) return undefined;
  return `This engine speaks Docker API ${apiVersion}; ${label} needs API ${minApi} or newer.`;
}

/** Every feature an engine speaking `apiVersion` lacks, with why; empty when the version is unknown. */
export function unavailableFeatures(apiVersion: string | undefined): ReadonlyArray<{ feature: EngineFeatureName; reason: string }> {
  return (Object.keys(engineFeatures) as EngineFeatureName[]).flatMap((feature) => {
    const reason = featureUnavailableReason(feature, apiVersion);
    return reason ? [{ feature, reason }] : [];
  });
}
