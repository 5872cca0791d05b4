// The ceiling (c): xterm.js by itself in the same Chromium, fed from memory.
import { readFileSync } from 'node:fs';
import { terminalDisplayOptions } from '../renderer/features/terminals/xterm-theme.js';
import { chromiumArgs, chromiumPath } from './berth-page.js';
import { CdpPage } from './cdp-page.js';
import type { RenderedRun } from './bench-kit.js';

/** In-page script: xterm.js alone (no Berth), `blocks` × 64 KiB of 'y' queued at once; MB/s until parsed and until rendered. */
function xtermAloneScript(cols: number, rows: number, blocks: number, webgl: boolean): string {
  return `(async () => {
    const term = new Terminal(${JSON.stringify(terminalDisplayOptions)});
    term.open(document.getElementById('host'));
    term.resize(${cols}, ${rows});
    let renderer = 'dom';
    if (${webgl}) { try { term.loadAddon(new WebglAddon.WebglAddon()); renderer = 'webgl'; } catch (e) { renderer = 'dom (WebGL failed: ' + e + ')'; } }
    await new Promise((r) => setTimeout(r, 200));
    const chunk = new Uint8Array(65536).fill(0x79);
    let frames = 0, counting = true;
    const frame = () => { frames++; if (counting) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    const t0 = performance.now();
    const parsedMs = await new Promise((resolve) => { for (let i = 0; i < ${blocks}; i++) term.write(chunk, i === ${blocks} - 1 ? () => resolve(performance.now() - t0) : undefined); });
    const renderedMs = await new Promise((resolve) => { const d = term.onRender(() => { d.dispose(); resolve(performance.now() - t0); }); });
    counting = false;
    term.dispose();
    const mb = ${blocks} * 65536 / 1e6;
    return { renderer, parsedMBps: mb / (parsedMs / 1000), renderedMBps: mb / (renderedMs / 1000), frames };
  })()`;
}

export interface XtermAloneRun extends RenderedRun {
  renderer: string;
  frames: number;
}

/** A blank page in its own Chromium with xterm.js loaded, for the ceiling (c). */
export async function openXtermPage(args: readonly string[], box: { width: number; height: number }, webgl: boolean): Promise<CdpPage> {
  const page = await CdpPage.launch(chromiumPath, args, 'about:blank', { width: 1400, height: 900 });
  await page.waitFor(`document.readyState === 'complete'`);
  await page.evaluate(
    `document.body.style.cssText = 'margin:0;background:#0b0e14'; document.body.innerHTML = '<div id="host" style="width:${box.width}px;height:${box.height}px"></div>'; undefined`,
  );
  const css = readFileSync('node_modules/@xterm/xterm/css/xterm.css', 'utf8');
  await page.evaluate(
    `(() => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)}; document.head.appendChild(s); })()`,
  );
  await page.evaluate(readFileSync('node_modules/@xterm/xterm/lib/xterm.js', 'utf8'));
  if (webgl) await page.evaluate(readFileSync('node_modules/@xterm/addon-webgl/lib/addon-webgl.js', 'utf8'));
  return page;
}

/** (c) The ceiling: xterm.js by itself in the same Chromium build and flags, same font and size, fed from memory. */
export async function xtermAlone(
  page: CdpPage,
  size: { cols: number; rows: number },
  blocks: number,
  webgl: boolean,
): Promise<XtermAloneRun> {
  return page.evaluate<XtermAloneRun>(xtermAloneScript(size.cols, size.rows, blocks, webgl));
}

/** (c) with WebGL through SwiftShader: a separate Chromium with the GPU process on (no `--disable-gpu`). */
export async function xtermAloneSwiftShader(
  box: { width: number; height: number },
  size: { cols: number; rows: number },
  blocks: number,
  rounds: number,
): Promise<{ webgl: XtermAloneRun[]; dom: XtermAloneRun[] }> {
  const args = [...chromiumArgs.filter((a) => a !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
  const page = await openXtermPage(args, box, true);
  try {
    const webgl: XtermAloneRun[] = [];
    const dom: XtermAloneRun[] = [];
    for (let i = 0; i < rounds; i++) {
      webgl.push(await xtermAlone(page, size, blocks, true));
      dom.push(await xtermAlone(page, size, blocks, false));
    }
    return { webgl, dom };
  } finally {
    await page.close();
  }
}
