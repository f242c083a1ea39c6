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
  /** Serves the development mailbox to fair admins (after auth started). */
  serveMailbox(auth: { guard: Guard }): Promise<void>;
  close(): Promise<void>;
}

export function startMailModule({ config, log, http }: Platform): MailModule {
  const mailbox = config.SMTP_URL ? null : new DevMailbox(log);
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
      await http.register(mailboxRoutes, { guard, mailbox });
    },
    close: () => mailer.close(),
  };
}
