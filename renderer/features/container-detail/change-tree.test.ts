import { describe, expect, it } from 'vitest';
import { changeTree } from './change-tree.js';

describe('changeTree', () => {
  it('nests docker diff paths with their kinds', () => {
    const tree = changeTree([
      { path: '/tmp', kind: 'changed' },
      { path: '/tmp/b.txt', kind: 'added' },
      { path: '/tmp/a.txt', kind: 'deleted' },
      { path: '/hello', kind: 'added' },
    ]);
    expect(tree.map((n) => [n.path, n.kind])).toEqual([
      ['/hello', 'added'],
      ['/tmp', 'changed'],
    ]);
    expect(tree[1]?.children.map((n) => [n.name, n.kind])).toEqual([
      ['a.txt', 'deleted'],
      ['b.txt', 'added'],
    ]);
  });
});
