/**
 * "You are being called": a recruiter called a candidate from the queue while
 * no page of theirs is connected, in any process (the Socket.io adapter asks
 * them all). A short mail in their language names the stand and says until
 * when the call rings; a candidate with a page open is told there, not mailed.
 */
import type { DomainEvent } from "../events/domain-events.js";
import type { BookingMailDirectory } from "./booking-mail.directory.js";
import { formatMoment } from "./mail.format.js";
import type { MailService } from "./mail.service.js";

export interface CalledMailDeps {
  directory: Pick<BookingMailDirectory, "recipient" | "stand">;
  mail: MailService;
  /** Whether the person has a connected socket in any process. */
  connected(userId: string): Promise<boolean>;
  clock: () => number;
}

export class CalledMail {
  constructor(private readonly deps: CalledMailDeps) {}

  async called(event: DomainEvent<"queue.called">): Promise<boolean> {
    if (event.deadline <= this.deps.clock()) return false;
    if (await this.deps.connected(event.candidateId)) return false;
    const to = await this.deps.directory.recipient(event.candidateId);
    if (!to) return false;
    const stand = await this.deps.directory.stand(event.standId, to.uiLanguage);
    if (!stand) return false;
    await this.deps.mail.send("calledAway", to, {
      link: this.deps.mail.link(`/stands/${event.standId}`),
      standName: stand.standName,
      until: formatMoment(to.uiLanguage, stand.timeZone, new Date(event.deadline)),
    });
    return true;
  }
}
