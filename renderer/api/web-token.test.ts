import { describe, expect, it } from 'vitest';
import { takeWebToken, webTokenStorageKey, type WebTokenEnvironment } from './web-token.js';

function env(search: string, stored?: string): WebTokenEnvironment & { replaced: string[]; store: Map<string, string> } {
  const store = new Map<string, string>(stored === undefined ? [] : [[webTokenStorageKey, stored]]);
  const replaced: string[] = [];
  return {
    replaced,
    store,
    location: { search, pathname: '/', hash: '#/containers' },
    history: { state: null, replaceState: (_s, _t, url) => void replaced.push(String(url)) },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  };
}

describe('takeWebToken', () => {
  it('takes the token from the URL, remembers it for the tab and removes it from the address bar', () => {
    const e = env('?token=abc123&view=list');
    expect(takeWebToken(e)).toBe('abc123');
    expect(e.store.get(webTokenStorageKey)).toBe('abc123');
    expect(e.replaced).toEqual(['/?view=list#/containers']);
  });

  it('leaves a clean address when the token was the only parameter', () => {
    const e = env('?token=abc123');
    takeWebToken(e);
    expect(e.replaced).toEqual(['/#/containers']);
  });

  it('falls back to the remembered token after a reload', () => {
    const e = env('', 'remembered');
    expect(takeWebToken(e)).toBe('remembered');
    expect(e.replaced).toEqual([]);
  });

  it('returns undefined with no token anywhere, and copes without storage', () => {
    expect(takeWebToken(env(''))).toBeUndefined();
    expect(takeWebToken({ ...env('?token=x1'), storage: undefined })).toBe('x1');
    const throwing = { ...env(''), storage: { getItem: (): string => { throw new Error('denied'); }, setItem: (): void => { throw new Error('denied'); } } };
    expect(takeWebToken(throwing)).toBeUndefined();
    expect(takeWebToken({ ...throwing, location: { search: '?token=y1', pathname: '/', hash: '' } })).toBe('y1');
  });
});
