import { request, type IncomingMessage } from 'node:http';
import type { EngineEvent } from '../../shared/engine-types.js';
import { JsonLineSplitter, parseEngineEvent } from '../../electron/engine/event-line-parser.js';

/** The engine's own socket (DOCKER_HOST=unix://… or the default), reached without Berth or the proxy. */
export const engineSocket = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

export interface EngineReply {
  status: number;
  body: Buffer;
}

/** One Engine API request straight to the socket; `body` is JSON (object) or raw bytes (a tar). */
export function engineRequest(method: string, path: string, body?: unknown, socketPath = engineSocket): Promise<EngineReply> {
  const raw = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  const type = Buffer.isBuffer(body) ? 'application/x-tar' : 'application/json';
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: raw ? { 'content-type': type, 'content-length': raw.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(raw);
  });
}

/** Like engineRequest, but a status over 299 is an error carrying the engine's message. */
export async function engineCall(method: string, path: string, body?: unknown): Promise<Buffer> {
  const reply = await engineRequest(method, path, body);
  if (reply.status > 299) throw new Error(`${method} ${path}: ${reply.status} ${reply.body.toString().slice(0, 300)}`);
  return reply.body;
}

/** The baseline of "list drawn": a plain consumer's `GET /containers/json?all=1`, read whole and parsed (ms, count). */
export async function rawContainerList(): Promise<{ ms: number; count: number }> {
  const t0 = performance.now();
  const body = await engineCall('GET', '/v1.41/containers/json?all=1');
  const count = (JSON.parse(body.toString()) as unknown[]).length;
  return { ms: performance.now() - t0, count };
}

export interface SeenEvent extends EngineEvent {
  /** performance.now() when the line arrived. */
  seenAt: number;
}

/** The engine's own event stream read by a plain consumer: when each event arrived. */
export class RawEventReader {
  readonly events: SeenEvent[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly response: IncomingMessage) {
    const splitter = new JsonLineSplitter();
    response.on('data', (chunk: Buffer) => {
      const seenAt = performance.now();
      for (const line of splitter.push(chunk)) {
        const event = parseEngineEvent(line);
        if (event) this.events.push({ ...event, seenAt });
      }
      for (const wake of this.waiters) wake();
    });
  }

  static open(): Promise<RawEventReader> {
    return new Promise((resolve, reject) => {
      const req = request({ socketPath: engineSocket, path: '/v1.41/events' }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`GET /events: ${res.statusCode}`));
        else resolve(new RawEventReader(res));
      });
      req.once('error', reject);
      req.end();
    });
  }

  /** Resolves with the first event (from index `from` on) that `match` accepts. */
  waitFor(match: (e: SeenEvent) => boolean, from = 0, timeoutMs = 30_000): Promise<SeenEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.events.slice(from).find(match);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error('The engine reported no matching event in time'));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = (): void => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  close(): void {
    this.response.destroy();
  }
}
