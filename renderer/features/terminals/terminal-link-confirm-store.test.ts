import { describe, expect, it } from 'vitest';
import { flushPromises } from '../../test-support/fake-transport.js';
import { createTerminalLinkConfirmStore, linkProblem } from './terminal-link-confirm-store.js';

describe('link confirmation', () => {
  it('opens a clicked link only after the user confirms, with the full URL', () => {
    const opened: string[] = [];
    const links = createTerminalLinkConfirmStore((url) => void opened.push(url));
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
    const links = createTerminalLinkConfirmStore((url) => void opened.push(url));
    links.getState().request('http://127.0.0.1:8080/');
    links.getState().cancel();
    links.getState().confirm();
    expect(opened).toEqual([]);
  });

  it('refuses anything but http, https and mailto, even when confirmed', () => {
    const opened: string[] = [];
    const links = createTerminalLinkConfirmStore((url) => void opened.push(url));
    links.getState().request('javascript:alert(1)');
    expect(links.getState().pending?.problem).toMatch(/only http, https and mailto/);
    links.getState().confirm();
    expect(opened).toEqual([]);
    expect(linkProblem('file:///etc/passwd')).toMatch(/file:/);
    expect(linkProblem('not-a-url')).toMatch(/not a complete URL/);
    expect(linkProblem('http://example.com')).toBeNull();
    expect(linkProblem('mailto:robots@example.com')).toBeNull();
    expect(linkProblem(`https://example.com/${'a'.repeat(3000)}`)).toMatch(/longer than/);
  });

  it('shows the dialog again with the reason when opening fails', async () => {
    const links = createTerminalLinkConfirmStore(() => Promise.reject(new Error('Berth opened a link a moment ago')));
    links.getState().request('https://example.com/');
    links.getState().confirm();
    expect(links.getState().pending).toBeNull();
    await flushPromises();
    expect(links.getState().pending).toEqual({
      url: 'https://example.com/',
      problem: 'Could not open the link: Berth opened a link a moment ago',
    });
  });

  it('opens the normalised URL and stays closed when opening succeeds', async () => {
    const opened: string[] = [];
    const links = createTerminalLinkConfirmStore(async (url) => void opened.push(url));
    links.getState().request('HTTP://Example.com');
    links.getState().confirm();
    await flushPromises();
    expect(opened).toEqual(['http://example.com/']);
    expect(links.getState().pending).toBeNull();
  });
});
