import { describe, expect, it } from 'vitest';
import { parseWebOptions } from '../web/web-options.js';
import { defaultSavedEnginesPath } from './saved-engines-file.js';

describe('where the web server keeps saved engines', () => {
  it('--engines-file names the file; without it, the user config folder', () => {
    expect(parseWebOptions(['--engines-file', '/srv/berth/engines.json'], {})).toMatchObject({
      options: { enginesFile: '/srv/berth/engines.json' },
    });
    expect(parseWebOptions([], {})).toMatchObject({ options: { host: '127.0.0.1' } });
    expect(defaultSavedEnginesPath({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/berth/engines.json');
    expect(defaultSavedEnginesPath({})).toMatch(/\/\.config\/berth\/engines\.json$/);
  });

  it('an empty --engines-file is a usage error', () => {
    expect(() => parseWebOptions(['--engines-file='], {})).toThrow(/--engines-file needs a value/);
  });
});
