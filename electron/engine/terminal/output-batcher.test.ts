import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from './output-batcher.js';

describe('OutputBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first chunk after a quiet spell at once, then joins what follows within the delay, bytes intact', () => {
    vi.useFakeTimers();
    const batches: Uint8Array[] = [];
    const batcher = new OutputBatcher((b) => batches.push(b), 5, 1024);
    batcher.push(new Uint8Array([0x24])); // an echoed "$"
    expect(batches.map((b) => [...b])).toEqual([[0x24]]);
    batcher.push(new Uint8Array([0xe2, 0x82])); // first two bytes of "€"
    batcher.push(new Uint8Array([0xac, 0x41]));
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(5);
    expect(batches).toHaveLength(2);
    expect(new TextDecoder().decode(batches[1])).toBe('€A');
    vi.advanceTimersByTime(20); // quiet again: the next chunk goes out at once
    batcher.push(new Uint8Array([0x42]));
    expect(batches).toHaveLength(3);
  });

  it('flushes at once when a batch reaches its size limit', () => {
    vi.useFakeTimers();
    const batches: Uint8Array[] = [];
    const batcher = new OutputBatcher((b) => batches.push(b), 5, 4);
    batcher.push(new Uint8Array([0]));
    batcher.push(new Uint8Array([1, 2]));
    batcher.push(new Uint8Array([3, 4, 5]));
    expect(batches.map((b) => [...b])).toEqual([[0], [1, 2, 3, 4, 5]]);
  });

  it('keeps batching while a stream flows: neither a full batch nor a window that gathered output lets the next chunk go alone', () => {
    vi.useFakeTimers();
    const sizes: number[] = [];
    const batcher = new OutputBatcher((b) => sizes.push(b.byteLength), 5, 4);
    batcher.push(new Uint8Array(1)); // leading edge
    batcher.push(new Uint8Array(4)); // fills a batch
    batcher.push(new Uint8Array(1)); // still the stream: held, not sent alone
    expect(sizes).toEqual([1, 4]);
    batcher.push(new Uint8Array(1));
    vi.advanceTimersByTime(5); // the window ends with output in it, and the next one opens
    expect(sizes).toEqual([1, 4, 2]);
    batcher.push(new Uint8Array(1)); // inside the new window: held
    expect(sizes).toEqual([1, 4, 2]);
    vi.advanceTimersByTime(5);
    expect(sizes).toEqual([1, 4, 2, 1]);
    vi.advanceTimersByTime(5); // a window with nothing in it: the stream is quiet again
    batcher.push(new Uint8Array(3));
    expect(sizes).toEqual([1, 4, 2, 1, 3]);
  });

  it('drops pending output when disposed', () => {
    vi.useFakeTimers();
    const flushed = vi.fn();
    const batcher = new OutputBatcher(flushed, 5, 1024);
    batcher.push(new Uint8Array([0]));
    flushed.mockClear();
    batcher.push(new Uint8Array([1]));
    batcher.dispose();
    vi.advanceTimersByTime(10);
    expect(flushed).not.toHaveBeenCalled();
  });
});
