// (p) The peer: a minimal web terminal built the way ttyd and wetty are, in its own Chromium with
// the same flags, viewport, terminal box and size as Berth's page (see peer-terminal-server.ts
// and peer-terminal-page.ts).
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { build } from 'esbuild';
import { q } from './berth-page.js';
import { CdpPage } from './cdp-page.js';
import { startPeerTerminalServer, type PeerTerminalServer } from './peer-terminal-server.js';

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./peer-terminal-page.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

function pageHtml(): string {
  const css = readFileSync('node_modules/@xterm/xterm/css/xterm.css', 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}\nbody{margin:0;background:#0b0e14}</style></head><body><div id="host"></div><script src="/page.js"></script></body></html>`;
}

export interface PeerTerminal {
  readonly page: CdpPage;
  close(): Promise<void>;
}

/** Starts the peer's server and a Chromium on its page with a shell in `container`, focused, at its prompt. */
export async function openPeerTerminal(
  docker: Docker,
  container: string,
  chromium: { path: string; args: readonly string[] },
  box: { width: number; height: number },
  size: { cols: number; rows: number },
): Promise<PeerTerminal> {
  const server: PeerTerminalServer = await startPeerTerminalServer(docker, { html: pageHtml(), script: await bundlePage() });
  const query = new URLSearchParams({
    container,
    cols: String(size.cols),
    rows: String(size.rows),
    width: String(box.width),
    height: String(box.height),
  });
  let page: CdpPage | undefined;
  try {
    page = await CdpPage.launch(chromium.path, chromium.args, `${server.url}/?${query}`, { width: 1400, height: 900 });
    await page.waitFor(`window.__berthTerminalProbes?.get(${q(container)}) && document.querySelector('#host textarea')`);
    await page.evaluate(`document.querySelector('#host textarea').focus()`);
    await page.waitFor(`/# $/.test(window.__berthTerminals.get(${q(container)})())`);
  } catch (err) {
    await page?.close();
    await server.close();
    throw err;
  }
  const opened = page;
  return {
    page: opened,
    close: async () => {
      await opened.close();
      await server.close();
    },
  };
}
