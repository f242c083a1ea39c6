/**
 * A stand's line for the in-process store: candidates ordered by ticket, the
 * counterpart of a Redis sorted set scored by ticket. Ranks are found by
 * binary search, so a position costs O(log n) whatever the queue's length.
 */
export class TicketLine {
  /** Ascending; tickets are unique within a fair, so within a stand. */
  readonly #tickets: number[] = [];
  readonly #candidates = new Map<number, string>();

  get size(): number {
    return this.#tickets.length;
  }

  /** How many tickets in the line are lower than `ticket` (ZCOUNT -inf (ticket). */
  rank(ticket: number): number {
    let low = 0;
    let high = this.#tickets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#tickets[middle]! < ticket) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  has(ticket: number): boolean {
    return this.#candidates.has(ticket);
  }

  add(ticket: number, candidateId: string): void {
    if (this.#candidates.has(ticket)) return;
    this.#tickets.splice(this.rank(ticket), 0, ticket);
    this.#candidates.set(ticket, candidateId);
  }

  /** True when the ticket was in the line. */
  delete(ticket: number): boolean {
    if (!this.#candidates.delete(ticket)) return false;
    this.#tickets.splice(this.rank(ticket), 1);
    return true;
  }

  /** The first `limit` candidates in ticket order (all of them without a limit). */
  head(limit = Infinity): string[] {
    return this.#tickets.slice(0, limit).map((ticket) => this.#candidates.get(ticket)!);
  }
}
