import { describe, expect, it } from 'vitest';
import { image } from '../../test-support/fixtures.js';
import { imageRows, splitReference, totalSize } from './image-rows.js';

const id = `sha256:ea7643678629${'0'.repeat(52)}`;

describe('imageRows', () => {
  it('gives one row per repo:tag, with the short ID', () => {
    const rows = imageRows([image({ id, repoTags: ['busybox:latest', 'busybox:1.36'] })]);
    expect(rows.map((r) => r.label)).toEqual(['busybox:1.36', 'busybox:latest']);
    expect(rows[0]).toMatchObject({ repository: 'busybox', tag: '1.36', shortId: 'ea7643678629', dangling: false });
  });

  it('shows a dangling image as <none> <none>, named with its short ID', () => {
    const [row] = imageRows([image({ id, repoTags: [] })]);
    expect(row).toMatchObject({ repository: '<none>', tag: '<none>', dangling: true, label: '<none>:<none> ea7643678629' });
    const [legacy] = imageRows([image({ id, repoTags: ['<none>:<none>'], repoDigests: ['<none>@<none>'] })]);
    expect(legacy?.label).toBe('<none>:<none> ea7643678629');
  });

  it('shows an untagged image pulled by digest under its repository', () => {
    const [row] = imageRows([image({ id, repoTags: [], repoDigests: ['nginx@sha256:1234'] })]);
    expect(row).toMatchObject({ repository: 'nginx', tag: '<none>', dangling: false });
  });

  it('sorts newest first', () => {
    const rows = imageRows([image({ repoTags: ['old:1'], created: 1 }), image({ repoTags: ['new:1'], created: 2 })]);
    expect(rows.map((r) => r.repository)).toEqual(['new', 'old']);
  });
});

describe('splitReference', () => {
  it('splits at the tag, not at a registry port', () => {
    expect(splitReference('localhost:5000/team/app:1.2')).toEqual({ repository: 'localhost:5000/team/app', tag: '1.2' });
    expect(splitReference('localhost:5000/team/app')).toEqual({ repository: 'localhost:5000/team/app', tag: '<none>' });
  });
});

describe('totalSize', () => {
  it('counts an image with several tags once', () => {
    expect(totalSize(imageRows([image({ repoTags: ['a:1', 'a:2'], size: 100 }), image({ id: 'sha256:other', size: 5 })]))).toBe(105);
  });
});
