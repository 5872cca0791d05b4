/** `1 volume`, `3 volumes`; `many` for words whose plural is not `one` + `s` (`2 paths changed`). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
