import { describe, expect, it } from 'vitest';
import { defaultShellForm, parseShellOptions } from './shell-options.js';

describe('shell options form', () => {
  it('leaves out what is empty', () => {
    expect(parseShellOptions(defaultShellForm)).toEqual({ ok: true, options: { shell: 'auto' } });
  });

  it('reads user, working directory and one env entry a line', () => {
    expect(parseShellOptions({ shell: 'sh', user: ' 1000:1000 ', workdir: '/tmp', env: 'A=1\n\n B=two words \n' })).toEqual({
      ok: true,
      options: { shell: 'sh', user: '1000:1000', workdir: '/tmp', env: ['A=1', 'B=two words'] },
    });
  });

  it('says what is wrong with each field, in the contract’s words', () => {
    const result = parseShellOptions({ shell: 'bash', user: 'a b', workdir: 'tmp', env: 'no-equals' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.user).toMatch(/user name or UID/);
    expect(result.errors.workdir).toMatch(/absolute path/);
    expect(result.errors.env).toMatch(/NAME=value/);
  });
});
