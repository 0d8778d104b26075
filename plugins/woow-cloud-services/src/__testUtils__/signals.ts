import type { JsonObject } from '@backstage/types';
import type { SignalApi } from '@backstage/plugin-signals-react';

/**
 * What the signals plugin's client does for a page, without a WebSocket:
 * messages by channel to the current subscribers; `push` is the backend.
 */
export class InMemorySignals implements SignalApi {
  private readonly subscribers = new Map<
    string,
    Set<(message: JsonObject) => void>
  >();

  subscribe<T extends JsonObject>(channel: string, onMessage: (m: T) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    const listener = onMessage as (message: JsonObject) => void;
    set.add(listener);
    this.subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(listener) };
  }

  push(channel: string, message: JsonObject) {
    this.subscribers.get(channel)?.forEach(listener => listener(message));
  }
}
