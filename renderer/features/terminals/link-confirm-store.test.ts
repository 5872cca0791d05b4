import { describe, expect, it } from 'vitest';
import { createLinkConfirmStore, linkProblem } from './link-confirm-store.js';

describe('link confirmation', () => {
  it('opens a clicked link only after the user confirms, with the full URL', () => {
    const opened: string[] = [];
    const links = createLinkConfirmStore((url) => opened.push(url));
    const url = 'https://example.com/a/very/long/path?q=1#frag';
    links.getState().request(url);
    expect(opened).toEqual([]);
    expect(links.getState().pending).toEqual({ url, problem: null });
    links.getState().confirm();
    expect(opened).toEqual([url]);
    expect(links.getState().pending).toBeNull();
  });

  it('opens nothing when cancelled', () => {
    const opened: string[] = [];
    const links = createLinkConfirmStore((url) => opened.push(url));
    links.getState().request('http://127.0.0.1:8080/');
    links.getState().cancel();
    links.getState().confirm();
    expect(opened).toEqual([]);
  });

  it('refuses anything but http and https, even when confirmed', () => {
    const opened: string[] = [];
    const links = createLinkConfirmStore((url) => opened.push(url));
    links.getState().request('javascript:alert(1)');
    expect(links.getState().pending?.problem).toMatch(/only http and https/);
    links.getState().confirm();
    expect(opened).toEqual([]);
    expect(linkProblem('file:///etc/passwd')).toMatch(/file:/);
    expect(linkProblem('not a url')).toMatch(/not a complete URL/);
    expect(linkProblem('http://example.com')).toBeNull();
  });
});
