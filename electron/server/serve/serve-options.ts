import { isLoopbackHostname } from '../web/host-names.js';
import { decideWebStartup, type TokenFileReader, type WebOptions, type WebStartup } from '../web/web-options.js';

export const serveUsage = `Usage: berth serve [options]

Serves Berth's web UI and API from this machine, for a robot or server without a display.
Open the printed link from a laptop's browser.

  --host <address>       Interface to listen on (default 127.0.0.1: only this machine, reach it
                         through an SSH tunnel: ssh -L 7420:127.0.0.1:7420 robot). Any other
                         address exposes Docker, which is root on this machine, to that network,
                         and then a token must be given (below): a random one would end up in logs.
  --port <number>        Port (default 7420, or BERTH_WEB_PORT); 0 picks any free port.
  --token-file <path>    Read the token the browser must present from this file (first line).
                         BERTH_TOKEN in the environment works too. --token <secret> also
                         works but shows the secret to every user in the process list.
  --docker-host <url>    Docker endpoint (default DOCKER_HOST, then /var/run/docker.sock).
  --engines-file <path>  Where engines added in Berth are saved.
  --allow-host-shell     Let the web page open a shell on this machine (off by default).
  --help                 Show this help.`;

/**
 * `berth serve`: the web server's options, with one rule more. Listening beyond loopback needs a
 * token chosen by the operator (--token-file or BERTH_TOKEN): on a headless robot the start-up
 * output goes to a log, and a generated token printed there would be readable by whoever reads logs.
 */
export function decideServeStartup(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  read?: TokenFileReader,
): WebStartup {
  const startup = decideWebStartup(argv, env, read);
  if (startup.kind === 'exit') {
    if (startup.code === 0) return { ...startup, text: serveUsage };
    return {
      ...startup,
      text: startup.text.replace(/^berth web:/, 'berth serve:').replace(/\n\nUsage: npm run web[\s\S]*$/, `\n\n${serveUsage}`),
    };
  }
  const problem = exposureProblem(startup.options);
  if (problem) return { kind: 'exit', code: 2, stream: 'stderr', text: `berth serve: ${problem}` };
  return startup;
}

/** Why these options may not be served, or undefined. */
export function exposureProblem(options: WebOptions): string | undefined {
  if (isLoopbackHostname(options.host) || options.tokenSource.kind !== 'generated') return undefined;
  return [
    `refusing to listen on ${options.host} without a token you chose.`,
    'Anyone on that network who has the token controls Docker here, which is root on this machine.',
    'Put a secret in a file (16+ letters, digits or . _ ~ -) and pass --token-file <path>, or set BERTH_TOKEN;',
    'or keep the default --host 127.0.0.1 and reach it through an SSH tunnel.',
  ].join('\n');
}
