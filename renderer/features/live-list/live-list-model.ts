import type { LiveListMessage } from '../../../shared/live-contract.js';
import { sameJson } from './same-json.js';

export interface LiveListModelOptions<Item, Row> {
  /** The key the server sends removals by (`liveKeyOf`). */
  keyOf(item: Item): string;
  /** The rows one item shows as (an image has one per tag); called once per distinct item object. */
  rowsOf(item: Item): readonly Row[];
  /** The order the view lists rows in. */
  compare(a: Row, b: Row): number;
}

/**
 * What a watch stream has said so far, as the sorted rows a view draws. Items equal to the one
 * already held keep the held object, and so do their rows: a memoized row sees no change unless
 * its data changed.
 */
export class LiveListModel<Item, Row> {
  private readonly byKey = new Map<string, Item>();
  private readonly rowCache = new WeakMap<object, readonly Row[]>();
  private sorted: readonly Row[] = [];

  constructor(private readonly options: LiveListModelOptions<Item, Row>) {}

  /** Applies a snapshot or a patch; true when the rows changed (`stale` changes no row). */
  apply(message: LiveListMessage<Item>): boolean {
    let changed: boolean;
    if (message.t === 'snapshot') changed = this.replaceAll(message.items);
    else if (message.t === 'patch') changed = this.patch(message.upsert, message.remove);
    else return false;
    if (changed) this.sorted = this.buildRows();
    return changed;
  }

  /** Sorted; the same array until a message changes something. */
  get rows(): readonly Row[] {
    return this.sorted;
  }

  get size(): number {
    return this.byKey.size;
  }

  private replaceAll(items: readonly Item[]): boolean {
    const next = new Map<string, Item>();
    let changed = false;
    for (const item of items) {
      const key = this.options.keyOf(item);
      const kept = this.keep(key, item);
      if (kept !== this.byKey.get(key)) changed = true;
      next.set(key, kept);
    }
    if (next.size !== this.byKey.size) changed = true;
    else if (!changed) for (const key of this.byKey.keys()) if (!next.has(key)) changed = true;
    if (!changed) return false;
    this.byKey.clear();
    for (const [key, item] of next) this.byKey.set(key, item);
    return true;
  }

  /** Upserts first, then removals, in the order the contract states them. */
  private patch(upsert: readonly Item[], remove: readonly string[]): boolean {
    let changed = false;
    for (const item of upsert) {
      const key = this.options.keyOf(item);
      const kept = this.keep(key, item);
      if (kept === this.byKey.get(key)) continue;
      this.byKey.set(key, kept);
      changed = true;
    }
    for (const key of remove) if (this.byKey.delete(key)) changed = true;
    return changed;
  }

  /** The object held under this key when it is equal to the incoming one, else the incoming one. */
  private keep(key: string, incoming: Item): Item {
    const held = this.byKey.get(key);
    return held !== undefined && sameJson(held, incoming) ? held : incoming;
  }

  private buildRows(): Row[] {
    const rows: Row[] = [];
    for (const item of this.byKey.values()) rows.push(...this.rowsFor(item));
    return rows.sort(this.options.compare);
  }

  private rowsFor(item: Item): readonly Row[] {
    if (typeof item !== 'object' || item === null) return this.options.rowsOf(item);
    let rows = this.rowCache.get(item);
    if (!rows) {
      rows = this.options.rowsOf(item);
      this.rowCache.set(item, rows);
    }
    return rows;
  }
}
