/** In-process queue store for the embedded default (one server process). */
import type { QueueStore } from "./queue.store.js";

export class MemoryQueueStore implements QueueStore {
  readonly kind = "memory" as const;
  #closed = false;

  async ping(): Promise<void> {
    if (this.#closed) throw new Error("queue store is closed");
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
