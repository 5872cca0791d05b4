import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { JsonLineSplitter, parseEngineEventLine } from '../event-line-parser.js';

/** The engine keeps about this many past events; a timeline asks for no more. */
export const maxRecentEvents = 1000;

/**
 * The `since`/`until` of "the last `seconds` until now", in Unix seconds with milliseconds ("s.mmm", which the
 * engine reads as such). `nowMs` is whole milliseconds, but the engine stamps events in nanoseconds: an event of
 * this very millisecond (a container removed just before the call) is later than `nowMs`, so `until` is the end
 * of the current millisecond, not its start.
 */
export function recentEventsWindow(nowMs: number, seconds: number): { since: number; until: number } {
  return { since: Math.floor(nowMs / 1000 - seconds), until: (Math.floor(nowMs) + 1) / 1000 };
}

/**
 * What the engine did in the last `seconds` (`docker events --since Ns --until 0s`): the engine
 * answers from its own buffer and ends the stream, so a timeline opened late still shows what
 * just happened. The newest `maxRecentEvents` are kept.
 */
export async function recentEvents(connection: EngineConnection, seconds: number): Promise<EngineEvent[]> {
  const stream = await connection.use((docker) => docker.getEvents(recentEventsWindow(Date.now(), seconds)));
  const events: EngineEvent[] = [];
  const splitter = new JsonLineSplitter();
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) {
        const parsed = parseEngineEventLine(line);
        if (!parsed) continue;
        events.push(parsed.event);
        if (events.length > maxRecentEvents) events.shift();
      }
    });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  return events;
}
