/**
 * What to show for anything a call threw: the message of an Error (a `BerthError` carries the
 * server's or engine's own words), else the thrown value as text.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
