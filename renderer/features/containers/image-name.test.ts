import { describe, expect, it } from 'vitest';
import { imageName } from './image-name.js';

describe('imageName', () => {
  it('shortens a bare image ID and leaves references alone', () => {
    expect(imageName(`sha256:d67a7e7d7fd2${'0'.repeat(52)}`)).toBe('d67a7e7d7fd2');
    expect(imageName('berth-fixture/busybox:latest')).toBe('berth-fixture/busybox:latest');
  });
});
