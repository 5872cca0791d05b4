import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/wire.js';
import { createLinkOpener } from './open-external-link.js';

function browserWindow() {
  const opened: Array<[string, string, string]> = [];
  return { opened, open: (url: string, target: string, features: string) => void opened.push([url, target, features]) };
}

describe('createLinkOpener', () => {
  it('uses window.open with noopener in a browser (no bridge)', async () => {
    const win = browserWindow();
    await createLinkOpener(win)('https://example.com/');
    expect(win.opened).toEqual([['https://example.com/', '_blank', 'noopener,noreferrer']]);
  });

  it('uses window.open when the bridge is an older one without openExternal', async () => {
    const win = { ...browserWindow(), berth: {} };
    await createLinkOpener(win)('https://example.com/');
    expect(win.opened).toHaveLength(1);
  });

  it('asks the desktop bridge when it has openExternal, and never window.open', async () => {
    const asked: string[] = [];
    const win = {
      ...browserWindow(),
      berth: { openExternal: async (url: string): Promise<CallResult> => (asked.push(url), { ok: true, value: null }) },
    };
    await createLinkOpener(win)('https://example.com/');
    expect(asked).toEqual(['https://example.com/']);
    expect(win.opened).toEqual([]);
  });

  it("rejects with main's reason when the desktop side refuses", async () => {
    const win = {
      ...browserWindow(),
      berth: {
        openExternal: async (): Promise<CallResult> => ({
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Berth opens only http, https and mailto links, not file:' },
        }),
      },
    };
    await expect(createLinkOpener(win)('file:///etc/passwd')).rejects.toThrow(/not file:/);
    expect(win.opened).toEqual([]);
  });
});
