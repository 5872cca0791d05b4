import { liveKeyOf, type LiveListMessage } from '../../../../shared/live-contract.js';
import type { StreamSink } from '../../stream-sink.js';

/**
 * What a client of a watch stream holds, built only from the messages it receives (a test's view
 * of a window): snapshot replaces, patch upserts and removes, stale marks it not live.
 */
export class LiveMirror<T extends { id: string } | { name: string; id?: undefined }> {
  readonly items = new Map<string, T>();
  readonly messages: Array<LiveListMessage<T>> = [];
  live = false;
  staleReason: string | undefined;
  ended = false;

  readonly sink: StreamSink<LiveListMessage<T>> = {
    send: (message) => {
      this.receive(message);
      return true;
    },
    end: () => {
      this.ended = true;
    },
  };

  /** How many snapshots arrived. */
  get snapshots(): number {
    return this.messages.filter((m) => m.t === 'snapshot').length;
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this.items.values()) if (predicate(item)) return item;
    return undefined;
  }

  private receive(message: LiveListMessage<T>): void {
    this.messages.push(message);
    switch (message.t) {
      case 'snapshot':
        this.items.clear();
        for (const item of message.items) this.items.set(liveKeyOf(item), item);
        this.live = true;
        this.staleReason = undefined;
        return;
      case 'patch':
        for (const key of message.remove) this.items.delete(key);
        for (const item of message.upsert) this.items.set(liveKeyOf(item), item);
        return;
      case 'stale':
        this.live = false;
        this.staleReason = message.reason;
    }
  }
}
