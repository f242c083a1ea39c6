/**
 * Sending email, and where it goes: an SMTP server through nodemailer when
 * SMTP_URL is set, or else the development mailbox kept in this process (the
 * demo needs no mail server; fair admins read it on the admin pages).
 *
 * Why nodemailer: it is the standard, well-kept mailer of the Node.js world
 * (SMTP with STARTTLS and implicit TLS, pooled connections, correct MIME with
 * text and HTML alternatives and attachments), with no runtime dependencies of
 * its own; writing MIME and SMTP by hand is where mail goes subtly wrong.
 *
 * Sending never fails the request that caused it: a mail is handed over in the
 * background and a failure is logged (without the address or the content, only
 * the kind, the masked recipient and the SMTP code). That also keeps answers
 * that must not tell whether an account exists ("forgot password") as fast
 * with a mail as without.
 */
import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Language } from "@crossfair/shared";
import type { MailKind, RenderedMail } from "./mail.templates.js";

/**
 * An iCalendar object a mail carries (booking confirmations and cancellations): sent as a
 * `text/calendar` alternative, which calendar clients act on, and as an `.ics` attachment.
 */
export interface CalendarInvite {
  method: "REQUEST" | "CANCEL";
  filename: string;
  content: string;
}

/** A mail ready to go: its recipient, their language and what the template made. */
export interface OutgoingMail extends RenderedMail {
  kind: MailKind;
  to: string;
  language: Language;
  calendar?: CalendarInvite;
  /**
   * The id the sender already told someone (sign-up's development notice). Only the
   * development mailbox keeps ids; such a message may be read by whoever holds its id.
   */
  messageId?: string;
}

/** A mail as the development mailbox keeps it. */
export interface StoredMail extends OutgoingMail {
  id: string;
  sentAt: Date;
  /** Its id was handed to the sender, who may read it (`DevMailbox.shownToSender`). */
  shownToSender: boolean;
}

/** Where mail is delivered: an SMTP server, or the development mailbox. */
export interface MailTransport {
  deliver(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** "candidate@crossfair.test" → "c***@***.test": enough to tell mails apart in a log, no more. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at + 1) : "";
  const tld = domain.includes(".") ? domain.slice(domain.lastIndexOf(".")) : "";
  return `${local.slice(0, 1)}***@***${tld}`;
}

/**
 * The last mails sent on the embedded default, newest first; nothing leaves the process.
 * Each process keeps its own: with several processes and no SMTP_URL, a fair admin sees the
 * mail of the process that answers them (a demo runs one process).
 */
export class DevMailbox implements MailTransport {
  readonly #mails: StoredMail[] = [];

  constructor(
    private readonly log: Logger,
    private readonly capacity = 200,
  ) {}

  async deliver(mail: OutgoingMail): Promise<void> {
    this.#mails.unshift({
      ...mail,
      id: mail.messageId ?? randomUUID(),
      sentAt: new Date(),
      shownToSender: mail.messageId !== undefined,
    });
    this.#mails.length = Math.min(this.#mails.length, this.capacity);
    this.log.info(
      { mail: mail.kind, to: maskAddress(mail.to) },
      "mail kept in the development mailbox (no SMTP_URL)",
    );
  }

  /** Newest first. */
  list(): readonly StoredMail[] {
    return this.#mails;
  }

  /** The message with this id, if its sender was given the id; null for any other. */
  shownToSender(id: string): StoredMail | null {
    return this.#mails.find((mail) => mail.id === id && mail.shownToSender) ?? null;
  }

  async close(): Promise<void> {}
}

/** Delivery to an SMTP server; one pooled connection set for the process. */
export class SmtpTransport implements MailTransport {
  readonly #transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly replyTo: string | undefined,
  ) {
    // `pool` reuses connections across mails; the URL carries host, port, TLS and credentials.
    const url = new URL(smtpUrl);
    url.searchParams.set("pool", "true");
    this.#transporter = nodemailer.createTransport(url.toString());
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    await this.#transporter.sendMail({
      from: this.from,
      ...(this.replyTo ? { replyTo: this.replyTo } : {}),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { "Content-Language": mail.language },
      ...(mail.calendar ? { icalEvent: mail.calendar } : {}),
    });
  }

  async close(): Promise<void> {
    this.#transporter.close();
  }
}

/** What the domains call: hands a mail to the transport in the background. */
export class Mailer {
  readonly #pending = new Set<Promise<void>>();

  constructor(
    private readonly transport: MailTransport,
    private readonly log: Logger,
  ) {}

  /** Starts delivering; resolves once delivered or failed (failures are logged, never thrown). */
  send(mail: OutgoingMail): Promise<void> {
    const delivery = this.transport.deliver(mail).catch((error: unknown) => {
      const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
      // Not the error itself: an SMTP server's message may quote the recipient's address.
      this.log.error(
        { mail: mail.kind, to: maskAddress(mail.to), code, responseCode },
        "a mail could not be sent",
      );
    });
    this.#pending.add(delivery);
    void delivery.finally(() => this.#pending.delete(delivery));
    return delivery;
  }

  /** Waits for the mails on their way, then closes the transport. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
    await this.transport.close();
  }
}
