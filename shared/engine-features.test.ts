import { describe, expect, it } from 'vitest';
import {
  berthMaxApiVersion,
  compareApiVersions,
  engineFeatures,
  featureUnavailableReason,
  negotiateApiVersion,
  parseApiVersion,
  unavailableFeatures,
} from './engine-features.js';

describe('Engine API versions', () => {
  it('compares numerically, not as text (1.9 is older than 1.41)', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('v1.41', '1.41')).toBe(0);
    expect(compareApiVersions('2.0', '1.45')).toBeGreaterThan(0);
    expect(parseApiVersion('1.41.2')).toBeUndefined();
    expect(() => compareApiVersions('latest', '1.41')).toThrow(/Not an Engine API version: "latest"/);
  });

  it('negotiates the lower of the engine’s newest and Berth’s (or the cap), never below the engine’s minimum', () => {
    expect(negotiateApiVersion('1.41', '1.12')).toBe('1.41');
    expect(negotiateApiVersion('1.47', '1.24')).toBe(berthMaxApiVersion);
    expect(negotiateApiVersion('1.41', '1.12', '1.24')).toBe('1.24');
    expect(negotiateApiVersion('1.41', '1.24', 'v1.12')).toBe('1.24');
    expect(negotiateApiVersion('1.41', undefined, '1.30')).toBe('1.30');
  });
});

describe('features an older engine lacks', () => {
  it('every entry names a well-formed minimum version', () => {
    for (const feature of Object.values(engineFeatures)) expect(parseApiVersion(feature.minApi)).toBeDefined();
  });

  it('is off below its minimum, with a sentence naming both versions; on at or above it', () => {
    expect(featureUnavailableReason('gpus', '1.39')).toBe(
      'This engine speaks Docker API 1.39; GPU requests (docker run --gpus) needs API 1.40 or newer.',
    );
    expect(featureUnavailableReason('gpus', '1.40')).toBeUndefined();
    expect(featureUnavailableReason('gpus', '1.41')).toBeUndefined();
  });

  it('an unknown or unreadable version disables nothing (the engine will say so itself)', () => {
    expect(unavailableFeatures(undefined)).toEqual([]);
    expect(unavailableFeatures('banana')).toEqual([]);
  });

  it('lists what a 1.24 engine lacks', () => {
    expect(unavailableFeatures('1.24').map((f) => f.feature)).toEqual(['gpus', 'waitNotRunning', 'diskUsage', 'imagePrune']);
    expect(unavailableFeatures('1.35').map((f) => f.feature)).toEqual(['gpus']);
    expect(unavailableFeatures('1.41')).toEqual([]);
  });
});
