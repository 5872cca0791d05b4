import { describe, expect, it } from 'vitest';
import { defaultToolboxImage, rememberToolboxImage, rememberedToolboxImage } from './toolbox-image.js';

describe('the debug shell’s toolbox image', () => {
  it('offers the last choice, else a busybox image the engine has, else busybox', () => {
    expect(defaultToolboxImage(['ros:humble', 'busybox:latest', 'berth-fixture/busybox:latest'], null)).toBe('busybox:latest');
    expect(defaultToolboxImage(['ros:humble', 'berth-fixture/busybox:latest'], null)).toBe('berth-fixture/busybox:latest');
    expect(defaultToolboxImage(['ros:humble', 'notbusybox:1'], null)).toBe('busybox');
    expect(defaultToolboxImage(['busybox:latest'], 'alpine:3.20')).toBe('alpine:3.20');
  });

  it('remembers the choice, and survives storage that refuses', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    rememberToolboxImage(storage, 'alpine:3.20');
    expect(rememberedToolboxImage(storage)).toBe('alpine:3.20');
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('denied');
      },
    };
    expect(rememberedToolboxImage(broken)).toBeNull();
    expect(() => rememberToolboxImage(broken, 'x')).not.toThrow();
  });
});
