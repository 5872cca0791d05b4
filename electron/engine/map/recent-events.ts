import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { JsonLineSplitter, parseEngineEventLine } from '../event-line-parser.js';

/** The engine keeps about this many past events; a timeline asks for no more. */
export const maxRecentEvents = 1000;

/**
 * What the engine did in the last `seconds` (`docker events --since Ns --until 0s`): the engine
 * answers from its own buffer and ends the stream, so a timeline opened late still shows what
 * just happened. The newest `maxRecentEvents` are kept.
 */
export async function recentEvents(connection: EngineConnection, seconds: number): Promise<EngineEvent[]> {
  // Unix seconds with milliseconds ("s.mmm", which the engine reads as such): an event of this very second is included.
  const now = Date.now() / 1000;
  const stream = await connection.use((docker) => docker.getEvents({ since: Math.floor(now - seconds), until: Number(now.toFixed(3)) }));
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
