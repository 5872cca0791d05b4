import { describe, expect, it } from 'vitest';
import { streams } from '../../shared/contract.js';
import { streamShortcuts } from './stream-shortcuts.js';

describe('streamShortcuts', () => {
  const candidates: unknown[] = [
    { kind: 'data', data: new Uint8Array([1, 2, 3]) },
    { kind: 'data', data: new Uint8Array(0) },
    { kind: 'data', data: new Uint8Array([1]), extra: 1 },
    { kind: 'data', data: 'abc' },
    { kind: 'data', data: [1, 2] },
    { kind: 'data' },
    { data: new Uint8Array([1]) },
    { kind: 'exit', exitCode: 0, reason: 'done' },
    null,
    'data',
    new Uint8Array([1]),
  ];

  it('accepts a terminal message only where the contract accepts it unchanged', () => {
    const shortcut = streamShortcuts['terminal.output']!;
    const schema = streams['terminal.output'].message;
    const accepted = candidates.filter((c) => shortcut(c));
    expect(accepted).toEqual([candidates[0], candidates[1]]);
    for (const c of accepted) expect(schema.parse(c)).toEqual(c);
  });
});
