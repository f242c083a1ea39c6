/**
 * A short history of a few live figures, kept in the browser (the server only
 * ever answers "now"): the live dashboard's "waiting / interviewing over the
 * last minutes". Points older than the window fall off, a late answer older
 * than the newest point is dropped, and the length is capped so a tab left
 * open all day stays small.
 */

export interface TimePoint<Key extends string> {
  /** Epoch ms of the figures (the server's `at`). */
  at: number;
  values: Readonly<Record<Key, number>>;
}

export interface TimeSeriesOptions {
  /** How far back to keep, in ms. */
  windowMs: number;
  /** At most this many points, the newest kept. */
  maxPoints: number;
}

export class TimeSeriesBuffer<Key extends string> {
  readonly #options: TimeSeriesOptions;
  #points: TimePoint<Key>[] = [];

  constructor(options: TimeSeriesOptions) {
    if (options.windowMs <= 0 || options.maxPoints < 1) {
      throw new RangeError("a time series needs a positive window and room for a point");
    }
    this.#options = options;
  }

  /** Adds a point; returns false when it is not newer than the newest one (and was dropped). */
  push(point: TimePoint<Key>): boolean {
    const newest = this.#points.at(-1);
    if (!Number.isFinite(point.at) || (newest && point.at <= newest.at)) return false;
    this.#points.push({ at: point.at, values: { ...point.values } });
    const oldest = point.at - this.#options.windowMs;
    let drop = 0;
    while (drop < this.#points.length && (this.#points[drop]?.at ?? 0) < oldest) drop += 1;
    drop = Math.max(drop, this.#points.length - this.#options.maxPoints);
    if (drop > 0) this.#points = this.#points.slice(drop);
    return true;
  }

  /** Oldest first. */
  get points(): readonly TimePoint<Key>[] {
    return this.#points;
  }

  clear(): void {
    this.#points = [];
  }
}
