import type { ErrorCode } from '../../../shared/errors.js';

/** What each error code means, said plainly: the fallback when the engine's message matches no known case. */
const codeWords: Record<ErrorCode, string> = {
  BAD_REQUEST: 'refused: the input is not valid',
  UNKNOWN_CALL: 'refused: this Berth server does not know the action',
  NOT_FOUND: 'not found: the engine has no such object',
  CONFLICT: "refused: the object's state does not allow it",
  ENGINE_UNAVAILABLE: 'no engine answered',
  ENGINE_ERROR: 'the engine reported an error',
  FORBIDDEN: 'not allowed from here',
  LIMIT_REACHED: 'refused: a limit Berth keeps was reached',
  UNAUTHORIZED: 'the registry wants (other) credentials',
  REGISTRY_REFUSED: 'the registry refused it, whatever the credentials',
  INTERNAL: 'failed: a bug in Berth',
};

/**
 * The engine's usual refusals, matched on its own words (which vary between versions, so loosely).
 * First match wins: the specific cases come before the general ones.
 */
const knownCases: ReadonlyArray<{ pattern: RegExp; words: string }> = [
  { pattern: /name .* is already in use|conflict\. the container name/i, words: 'conflict: the name is in use' },
  { pattern: /network with name .* already exists/i, words: 'conflict: a network with that name exists' },
  { pattern: /cannot (remove|kill|delete) a running container|stop the container before/i, words: 'refused: the container is running' },
  { pattern: /is already (running|started|in progress)/i, words: 'nothing to do: it is already running' },
  { pattern: /is not running/i, words: 'refused: the container is not running' },
  { pattern: /is (already )?paused|cannot .* paused container/i, words: 'refused: the container is paused' },
  { pattern: /is not paused/i, words: 'refused: the container is not paused' },
  {
    pattern: /image is (being )?used by (running|stopped)? ?container|image has dependent child images/i,
    words: 'conflict: the image is in use',
  },
  { pattern: /unable to (delete|remove) .* \(must be forced\)/i, words: 'conflict: the image is in use (remove with force)' },
  { pattern: /(volume|network) is in use|has active endpoints/i, words: 'conflict: it is in use' },
  { pattern: /pull access denied|manifest unknown|repository does not exist/i, words: 'not found: the registry has no such image' },
  { pattern: /no such image/i, words: 'not found: no such image' },
  { pattern: /no such container/i, words: 'not found: no such container' },
  { pattern: /no such (volume|network)/i, words: 'not found: no such $1' },
  { pattern: /executable file not found|no such file or directory.*exec/i, words: 'failed: the command is not in the image' },
  { pattern: /port is already allocated|address already in use/i, words: 'conflict: the port is taken' },
  { pattern: /timed? ?out|not answering/i, words: 'no answer in time' },
];

/** A failure in words a person reads ("conflict: the name is in use"), not an error code. */
export function failureInWords(code: ErrorCode | undefined, message: string | undefined): string {
  const text = message ?? '';
  for (const known of knownCases) {
    const m = known.pattern.exec(text);
    if (m) return known.words.replace('$1', m[1]?.toLowerCase() ?? '');
  }
  return code ? codeWords[code] : 'failed';
}
