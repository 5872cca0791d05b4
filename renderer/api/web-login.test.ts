import { describe, expect, it } from 'vitest';
import { signInWithToken } from './web-login.js';

describe('signInWithToken', () => {
  it('posts the trimmed token to /login and reads the answer', async () => {
    const posted: Array<{ url: string; body: string }> = [];
    const answer = (status: number) => async (url: string, init: { body: string }) => (posted.push({ url, body: init.body }), { status });
    expect(await signInWithToken('  abc-token \n', answer(204))).toBe('ok');
    expect(posted).toEqual([{ url: '/login', body: 'abc-token' }]);
    expect(await signInWithToken('abc', answer(403))).toBe('refused');
    expect(await signInWithToken('abc', answer(500))).toBe('unreachable');
    expect(await signInWithToken('abc', async () => Promise.reject(new Error('offline')))).toBe('unreachable');
  });

  it('refuses an empty token without asking the server', async () => {
    let asked = false;
    expect(await signInWithToken('   ', async () => ((asked = true), { status: 204 }))).toBe('refused');
    expect(asked).toBe(false);
  });
});
