import type { EngineEvent } from '../../shared/engine-types.js';

interface RawEngineEvent {
  Type?: unknown;
  Action?: unknown;
  status?: unknown;
  id?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> };
  timeNano?: unknown;
  time?: unknown;
}

/** Splits the engine's newline-delimited JSON event stream into lines, across chunk boundaries. */
export class JsonLineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): string[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    return lines.filter((line) => line.trim().length > 0);
  }
}

/** Turns one event line of /events into Berth's event shape; undefined for lines it cannot read. */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  return parseEngineEventLine(line)?.event;
}

/** One event line with the actor's attributes (string values only), which the live model reads (rename, network connect). */
export function parseEngineEventLine(line: string): { event: EngineEvent; attributes: Readonly<Record<string, string>> } | undefined {
  let raw: RawEngineEvent;
  try {
    raw = JSON.parse(line) as RawEngineEvent;
  } catch {
    return undefined;
  }
  const type = typeof raw.Type === 'string' ? raw.Type : undefined;
  const action = typeof raw.Action === 'string' ? raw.Action : typeof raw.status === 'string' ? raw.status : undefined;
  const id = typeof raw.Actor?.ID === 'string' ? raw.Actor.ID : typeof raw.id === 'string' ? raw.id : '';
  if (!type || !action) return undefined;
  const nameAttr = raw.Actor?.Attributes?.name;
  const timeNano = typeof raw.timeNano === 'number' ? raw.timeNano : typeof raw.time === 'number' ? raw.time * 1e9 : Date.now() * 1e6;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw.Actor?.Attributes ?? {})) if (typeof value === 'string') attributes[key] = value;
  const event: EngineEvent = { type, action, id, ...(typeof nameAttr === 'string' ? { name: nameAttr } : {}), timeNano };
  return { event: { ...event, ...eventDetails(attributes) }, attributes };
}

/** The attributes a timeline shows, as typed optional fields (an exit code that is not an integer is left out). */
function eventDetails(attributes: Readonly<Record<string, string>>): Partial<EngineEvent> {
  const details: Partial<EngineEvent> = {};
  const exitCode = attributes.exitCode;
  if (exitCode !== undefined && /^-?\d+$/.test(exitCode)) details.exitCode = Number(exitCode);
  for (const key of ['image', 'signal', 'container', 'imageID', 'imageRef'] as const) {
    const value = attributes[key];
    if (value) details[key === 'imageID' ? 'imageId' : key] = value;
  }
  return details;
}

/**
 * Reads a newline-delimited JSON stream from the engine (stats, pull/push progress, build output):
 * each parsed line goes to `onValue`; a line that is not JSON goes to `onOther`, or is skipped.
 */
export function onJsonLines(
  stream: NodeJS.ReadableStream,
  onValue: (value: unknown) => void,
  onOther: (line: string) => void = () => undefined,
): void {
  const splitter = new JsonLineSplitter();
  stream.on('data', (chunk: Buffer) => {
    for (const line of splitter.push(chunk)) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        onOther(line);
        continue;
      }
      onValue(value);
    }
  });
}
