/**
 * A bounded first-in-first-out buffer: pushing past capacity overwrites the oldest item, so a
 * steady stream costs O(1) per item and never copies the buffer.
 */
export class Ring<T> {
  private readonly items: Array<T | undefined>;
  private head = 0;
  private size = 0;
  /** Items overwritten (or dropped by `clear`) since the ring was made. */
  evicted = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Ring capacity must be a positive integer, not ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size < this.capacity) {
      this.items[(this.head + this.size) % this.capacity] = item;
      this.size += 1;
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.evicted += 1;
  }

  /** The item `index` places after the oldest; undefined outside 0..length-1. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.items[(this.head + index) % this.capacity];
  }

  /** A copy, oldest first. */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.items[(this.head + i) % this.capacity] as T;
    return out;
  }
}
