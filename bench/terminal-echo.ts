// Keystroke echo: raw TTY exec (the baseline) and in Berth's page, steady or while it animates.
import type { Duplex } from 'node:stream';
import { disabledChromiumFeatures } from '../electron/desktop/main/chromium-switches.js';
import type { EngineConnection } from '../electron/engine/engine-connection.js';
import { chromiumArgs, chromiumPath, openShellInPage, q, sleep } from './berth-page.js';
import { CdpPage } from './cdp-page.js';
import { EchoTimer } from './echo-timer.js';

/** Raw keystroke echo: one char into a TTY exec's shell, time to its echo; `n` times. */
export async function rawEcho(connection: EngineConnection, container: string, n: number): Promise<number[]> {
  const exec = await connection.docker
    .getContainer(container)
    .exec({ Cmd: ['sh'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const timer = new EchoTimer((data) => stream.write(data));
  stream.on('data', (c: Buffer) => timer.received(c));
  const samples = await timer.time(n);
  stream.write('\x15exit\r');
  stream.destroy();
  return samples;
}

/**
 * In-page script: from the next keydown, the time until the cursor's row holds `want` q's in xterm's
 * buffer (checked on xterm's own parse event, no polling), until xterm rendered that frame, and
 * until the main thread finished that frame's paint (a message posted from the render callback
 * runs after the frame's style, layout and paint).
 */
function armEcho(container: string, want: number): string {
  return `window.__benchEcho = new Promise((resolve) => {
    const probe = window.__berthTerminalProbes.get(${JSON.stringify(container)});
    let t0 = 0, buffer = 0;
    const stops = [];
    const finish = (result) => { for (const stop of stops) stop(); resolve(result); };
    const onDown = () => { document.removeEventListener('keydown', onDown, true); t0 = performance.now(); };
    document.addEventListener('keydown', onDown, true);
    stops.push(probe.onParsed(() => {
      if (buffer || !t0) return;
      if (probe.linesAtCursor(0).split('q').length - 1 >= ${want}) buffer = performance.now() - t0;
    }));
    stops.push(probe.onRendered(() => {
      if (!buffer) return;
      const rendered = performance.now() - t0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => finish({ bufferMs: buffer, renderedMs: rendered, paintedMs: performance.now() - t0 });
      channel.port2.postMessage(0);
    }));
    setTimeout(() => finish({ bufferMs: -1, renderedMs: -1, paintedMs: -1 }), 5000);
  }); undefined`;
}

export interface EchoSamples {
  bufferMs: number[];
  renderedMs: number[];
  paintedMs: number[];
}

/** Keystroke echo in Berth: keydown in the page to the char in xterm's buffer, rendered, painted. */
export async function berthEcho(page: CdpPage, container: string, n: number, whileAnimating = false): Promise<EchoSamples> {
  // While anything on the page animates, Chromium may hold each echo for a frame (see
  // electron/desktop/main/chromium-switches.ts). By default the steady state (a just-started container's
  // badge pulses for ~7 s: wait it out); `whileAnimating` adds an endless 1 px box-shadow
  // animation, which Chromium runs on the main thread (it composites opacity, transform and,
  // lately, background colour by themselves, and those held no echo when tried).
  await page.waitFor('document.getAnimations().length === 0', 20_000);
  if (whileAnimating) {
    await page.evaluate(`(() => {
      const style = document.createElement('style');
      style.id = 'bench-animation-style';
      style.textContent = '@keyframes bench-fade { from { box-shadow: 0 0 0 0 #fff } to { box-shadow: 0 0 0 3px #333 } }';
      document.head.appendChild(style);
      const dot = document.createElement('div');
      dot.id = 'bench-animation';
      dot.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;animation:bench-fade 1s infinite alternate';
      document.body.appendChild(dot);
    })()`);
  }
  try {
    return await echoSamples(page, container, n);
  } finally {
    if (whileAnimating)
      await page.evaluate(
        `document.getElementById('bench-animation')?.remove(); document.getElementById('bench-animation-style')?.remove(); undefined`,
      );
  }
}

async function echoSamples(page: CdpPage, container: string, n: number): Promise<EchoSamples> {
  await page.type('clear\n');
  // Only the fresh prompt on screen: a key typed before `clear` has run would be wiped with the screen.
  await page.waitFor(`/^\\/ # ?$/.test(window.__berthTerminals?.get(${q(container)})?.() ?? '')`);
  // BusyBox's line editor asks the terminal for the cursor position after each prompt; a key typed
  // before xterm's answer is read would be swallowed with it.
  await sleep(300);
  const samples: EchoSamples = { bufferMs: [], renderedMs: [], paintedMs: [] };
  let onLine = 0;
  for (let i = 0; i < n; i++) {
    if (onLine === 40) {
      await page.press('u', { ctrl: true });
      await page.waitFor(`/^\\/ # $/.test(window.__berthTerminalProbes.get(${q(container)}).linesAtCursor(0))`);
      onLine = 0;
    }
    onLine += 1;
    // A string, not a function: tsx would wrap named functions in a helper the page lacks.
    await page.evaluate(armEcho(container, onLine));
    await page.press('q');
    const sample = await page.evaluate<{ bufferMs: number; renderedMs: number; paintedMs: number }>('window.__benchEcho');
    if (sample.bufferMs < 0) {
      const focus = await page.evaluate<string>('`${document.activeElement?.tagName}.${document.activeElement?.className}`');
      throw new Error(
        `No echo seen within 5 s (focus ${focus}); the terminal shows:\n${await page.evaluate<string>(`window.__berthTerminals?.get(${q(container)})?.() ?? ''`)}`,
      );
    }
    samples.bufferMs.push(sample.bufferMs);
    samples.renderedMs.push(sample.renderedMs);
    samples.paintedMs.push(sample.paintedMs);
  }
  await page.press('u', { ctrl: true });
  return samples;
}

/** Keystroke echo while the page animates, in a second Chromium on the same server started with the switches Electron's main process sets. */
export async function echoWithDesktopSwitches(url: string, container: string, keys: number): Promise<EchoSamples> {
  const args = [...chromiumArgs, `--disable-features=${disabledChromiumFeatures.join(',')}`];
  const page = await CdpPage.launch(chromiumPath, args, url, { width: 1400, height: 900 });
  try {
    await openShellInPage(page, container);
    return await berthEcho(page, container, keys, true);
  } finally {
    await page.close();
  }
}
