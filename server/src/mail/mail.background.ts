/**
 * Mail work done behind the answer: a subscriber hands it over and returns,
 * so the booking, invitation or call that told the event never waits for a
 * database read or an SMTP server. Failures are logged, never thrown; closing
 * waits for the work on its way.
 */
import type { Logger } from "pino";

export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(what: string, work: () => Promise<unknown>): void {
    const running = Promise.resolve()
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => this.log.error({ err: error, mail: what }, "a mail could not be made"),
      );
    this.#pending.add(running);
    void running.finally(() => this.#pending.delete(running));
  }

  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
