/**
 * The mail domain as one module: the mailer every domain sends through (SMTP
 * when SMTP_URL is set, the in-process development mailbox otherwise), the
 * links mails carry (from PUBLIC_URL), and the fair admins' view of the
 * development mailbox. It starts before the domains that send mail; the
 * mailbox route needs the guard, so it is served once auth has started.
 */
import type { Guard } from "../auth/guard.js";
import type { Platform } from "../platform.js";
import type { MailService } from "./mail.service.js";
import { renderMail, type MailParams } from "./mail.templates.js";
import { DevMailbox, Mailer, SmtpTransport, type MailTransport } from "./mailer.js";
import { mailboxRoutes } from "./mail.routes.js";

export interface MailModule extends MailService {
  /** The development mailbox; null when mail goes to an SMTP server. */
  readonly mailbox: DevMailbox | null;
  /** Serves the development mailbox to fair admins (after auth started), except in production. */
  serveMailbox(auth: { guard: Guard }): Promise<void>;
  close(): Promise<void>;
}

export function startMailModule({ config, log, http }: Platform): MailModule {
  const mailbox = config.SMTP_URL ? null : new DevMailbox(log);
  // The mailbox holds reset links: whoever reads it can take over accounts. A development
  // convenience, so in production it is not served (and mail goes nowhere without SMTP).
  const served = config.NODE_ENV === "production" ? null : mailbox;
  if (mailbox && config.NODE_ENV === "production") {
    log.warn("SMTP_URL is not set: emails (password resets, verifications) reach nobody");
  }
  const transport: MailTransport =
    mailbox ?? new SmtpTransport(config.SMTP_URL!, config.MAIL_FROM, config.MAIL_REPLY_TO);
  const mailer = new Mailer(transport, log);
  return {
    mailbox,
    send(kind, to, params) {
      const rendered = renderMail(kind, to.uiLanguage, {
        ...params,
        name: to.displayName,
      } as MailParams[typeof kind]);
      return mailer.send({ ...rendered, kind, to: to.email, language: to.uiLanguage });
    },
    link: (clientPath) => `${config.publicUrl}/#${clientPath}`,
    async serveMailbox({ guard }) {
      await http.register(mailboxRoutes, { guard, mailbox: served });
    },
    close: () => mailer.close(),
  };
}
