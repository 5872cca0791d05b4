import { describe, expect, it } from 'vitest';
import { errorCodeSchema } from '../../../shared/errors.js';
import { failureInWords } from './outcome-words.js';

describe('failures in words', () => {
  it('says what the engine refused, from its own message', () => {
    const cases: Array<[Parameters<typeof failureInWords>, string]> = [
      [
        [
          'CONFLICT',
          'Conflict. The container name "/web" is already in use by container "1a2b". You have to remove (or rename) that container to be able to reuse that name.',
        ],
        'conflict: the name is in use',
      ],
      [
        ['CONFLICT', 'You cannot remove a running container 1a2b. Stop the container before attempting removal or force remove'],
        'refused: the container is running',
      ],
      [['CONFLICT', 'Container 1a2b is not running'], 'refused: the container is not running'],
      [
        ['CONFLICT', 'conflict: unable to delete 2fa77a423a09 (must be forced) - image is being used by stopped container 5c6c'],
        'conflict: the image is in use',
      ],
      [['NOT_FOUND', 'No such container: web'], 'not found: no such container'],
      [['NOT_FOUND', 'No such volume: data'], 'not found: no such volume'],
      [
        ['ENGINE_ERROR', 'pull access denied for nothere, repository does not exist or may require docker login'],
        'not found: the registry has no such image',
      ],
      [
        ['ENGINE_ERROR', 'driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated'],
        'conflict: the port is taken',
      ],
    ];
    for (const [args, words] of cases) expect(failureInWords(...args)).toBe(words);
  });

  it('falls back to a sentence per code, never the bare code', () => {
    for (const code of errorCodeSchema.options) {
      const words = failureInWords(code, 'something unusual');
      expect(words).not.toContain(code);
      expect(words).toMatch(/^[a-z(]/);
    }
    expect(failureInWords('CONFLICT', 'unusual')).toBe("refused: the object's state does not allow it");
    expect(failureInWords(undefined, undefined)).toBe('failed');
  });
});
