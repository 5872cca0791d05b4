// Entry point of `npm run web`: the same handler table as the desktop app, served over HTTP + WebSocket.
// Bundled to dist/electron/web.cjs (CommonJS), hence no top-level await.
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { createBerthApp } from '../create-app.js';
import { defaultSavedEnginesPath } from '../engines/saved-engines-file.js';
import { createRouter } from '../rpc/router.js';
import { isLoopbackHostname, isWildcardHostname } from './host-names.js';
import { decideWebStartup, describeTokenSource, type WebOptions } from './web-options.js';
import { startWebServer } from './web-server.js';

/** Names a LAN browser may send as Host: the bound address, or every local address on a wildcard bind. */
function allowedHostsFor(host: string): string[] {
  if (isLoopbackHostname(host)) return [];
  if (!isWildcardHostname(host)) return [host];
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  return [...new Set(addresses)];
}

function warnExposed(host: string): void {
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `WARNING: Berth is listening on ${host}, not only on this machine.`,
      'Anyone on your network who gets the link (with its token) controls Docker here,',
      'and Docker access is root access. Traffic is plain HTTP: the token can be sniffed.',
      'Use --host 127.0.0.1 (the default) unless you really mean this.',
      line,
    ].join('\n'),
  );
}

function readCommand(): WebOptions | undefined {
  const startup = decideWebStartup(process.argv.slice(2), process.env);
  if (startup.kind === 'run') return startup.options;
  (startup.stream === 'stdout' ? console.log : console.error)(startup.text);
  process.exitCode = startup.code;
  return undefined;
}

async function main(): Promise<void> {
  const options = readCommand();
  if (!options) return;

  const staticDir = path.resolve(__dirname, '../renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.warn(`berth web: ${staticDir}/index.html is missing; run "npm run build:renderer" first. Serving the API only.`);
  }

  const savedEnginesFile = path.resolve(options.enginesFile ?? defaultSavedEnginesPath());
  const app = await createBerthApp({
    allowHostShellOverWeb: options.allowHostShell,
    savedEnginesFile,
    dockerContexts: true,
    ...(options.dockerHost === undefined ? {} : { dockerHost: options.dockerHost }),
  });
  const router = createRouter(app.handlers);
  let server;
  try {
    server = await startWebServer({
      router,
      host: options.host,
      port: options.port,
      staticDir,
      allowedHosts: allowedHostsFor(options.host),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  } catch (err) {
    await app.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      console.error(`berth web: port ${options.port} on ${options.host} is in use. Pass --port <another> or --port 0 for any free port.`);
    } else if (code === 'EADDRNOTAVAIL') {
      console.error(`berth web: ${options.host} is not an address of this machine.`);
    } else {
      console.error(`berth web: could not start the server: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exitCode = 1;
    return;
  }

  // Tests parse this exact prefix.
  console.log(`Berth is running at ${server.url}?token=${server.token}`);
  // The browser trades the link's token for a cookie at once and continues at the address without it.
  console.log(describeTokenSource(options.tokenSource));
  console.log(`Engines added in Berth are saved to ${savedEnginesFile}`);
  // A link lands in the browser's history (its redirect chain included); a pasted token does not.
  console.log(`To keep the token out of the browser's history, open ${server.url} and paste the token there.`);
  if (!isLoopbackHostname(options.host)) warnExposed(options.host);
  if (options.allowHostShell) {
    console.warn('WARNING: --allow-host-shell: whoever holds the link can open a shell on this machine as this user.');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(1);
    }
    stopping = true;
    console.log(`\nberth web: ${signal} received, shutting down`);
    // Sockets first, so each client is disposed through the router before the services go away.
    void server
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`berth web: shutdown failed: ${String(err)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`berth web: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
