/** The 12-character ID `docker` prints: hex only, without the `sha256:` prefix. */
export function shortId(id: string): string {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return hex.slice(0, 12);
}
