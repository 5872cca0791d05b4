import { describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../../shared/run-spec.js';
import { explainEngineError, fieldOfEngineError, refuseUnsupportedRunFeatures, toCreateOptions } from './run-container.js';

describe('run spec → Engine API create options', () => {
  it('leaves limits, capabilities and namespaces to the engine when not set', () => {
    const options = toCreateOptions(emptyRunSpec('x'));
    expect(options.Hostname).toBeUndefined();
    for (const key of ['NanoCpus', 'Memory', 'MemorySwap', 'ShmSize', 'CapAdd', 'CapDrop', 'IpcMode', 'PidMode', 'ExtraHosts']) {
      expect(options.HostConfig, key).not.toHaveProperty(key);
    }
  });

  it('turns CPUs into whole nanoseconds and keeps sizes in bytes', () => {
    const options = toCreateOptions({ ...emptyRunSpec('x'), cpus: 0.333333333, memory: 6 * 1024 ** 2, memorySwap: -1, shmSize: 1024 ** 3 });
    expect(options.HostConfig).toMatchObject({ NanoCpus: 333_333_333, Memory: 6 * 1024 ** 2, MemorySwap: -1, ShmSize: 1024 ** 3 });
  });

  it('points the engine’s refusals of the new options at their fields', () => {
    expect(fieldOfEngineError('Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available')).toBe('cpus');
    expect(fieldOfEngineError('Minimum memory limit allowed is 6MB')).toBe('memory');
    expect(fieldOfEngineError('Minimum memoryswap limit should be larger than memory limit, see usage')).toBe('memorySwap');
    expect(fieldOfEngineError('Your kernel does not support swap limit capabilities')).toBe('memorySwap');
    expect(fieldOfEngineError('invalid IPC mode: container:nope')).toBe('ipc');
    expect(fieldOfEngineError('invalid CapAdd: unknown capability: "CAP_NOT_A_CAP"')).toBe('capAdd');
    expect(fieldOfEngineError('port is already allocated')).toBe('ports');
  });

  it('says what the GPU refusal means, at the GPUs field', () => {
    const said = 'could not select device driver "" with capabilities: [[gpu]]';
    expect(fieldOfEngineError(said)).toBe('gpus');
    expect(explainEngineError(said)).toBe(`This engine has no NVIDIA runtime, so --gpus cannot work here (the engine said: ${said})`);
    expect(explainEngineError('port is already allocated')).toBe('port is already allocated');
  });

  it('refuses a GPU request on an engine below API 1.40, naming both versions, at the GPUs field', () => {
    const gpuSpec = { ...emptyRunSpec('x'), gpus: 'all' as const };
    expect(() => refuseUnsupportedRunFeatures(gpuSpec, '1.39')).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        path: ['gpus'],
        message: 'This engine speaks Docker API 1.39; GPU requests (docker run --gpus) needs API 1.40 or newer.',
      }),
    );
    expect(() => refuseUnsupportedRunFeatures(gpuSpec, '1.40')).not.toThrow();
    // No GPU asked: an old engine runs the rest.
    expect(() => refuseUnsupportedRunFeatures(emptyRunSpec('x'), '1.24')).not.toThrow();
    // Version not known yet: the engine decides.
    expect(() => refuseUnsupportedRunFeatures(gpuSpec, undefined)).not.toThrow();
  });
});
