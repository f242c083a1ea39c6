/**
 * `GET /api/admin/mailbox`: the development mailbox, for fair admins, when there is one; and
 * `GET /api/dev-mailbox/:messageId`: one message whose id its sender was given (the demo's
 * sign-up notice). Neither is served in production or with SMTP.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorCode, MAILBOX_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { DevMailbox } from "./mailer.js";

export const mailboxRoutes: FastifyPluginAsyncZod<{
  guard: Guard;
  mailbox: DevMailbox | null;
  publicUrl: string;
}> = async (app, { guard, mailbox, publicUrl }) => {
  contractRoute(app, MAILBOX_API.mailbox, {}, async (request, reply) => {
    await guard.fairAdmin(request);
    // With SMTP the mails are in their recipients' mailboxes, and nowhere here.
    if (!mailbox) throw new AppError(ErrorCode.notFound, "mail goes to the SMTP server");
    const messages = mailbox.list().map((mail) => ({
      id: mail.id,
      sentAt: mail.sentAt.toISOString(),
      kind: mail.kind,
      to: mail.to,
      language: mail.language,
      subject: mail.subject,
      text: mail.text,
    }));
    return reply.header("cache-control", "no-store").send({ messages });
  });

  contractRoute(app, MAILBOX_API.sentMessage, {}, async (request, reply) => {
    // Only a message whose id was handed out; every other id, like any id with SMTP, is unknown.
    const mail = mailbox?.shownToSender(request.params.messageId);
    if (!mail) throw new AppError(ErrorCode.notFound, "no such message");
    return reply.header("cache-control", "no-store").send({
      id: mail.id,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      links: clientPathsIn(mail.text, publicUrl),
    });
  });
};

/** The client pages a mail links to, as route paths: `https://…/#/verify-email/x` → `/verify-email/x`. */
function clientPathsIn(text: string, publicUrl: string): string[] {
  const prefix = `${publicUrl}/#`;
  const paths = text
    .split(/\s+/)
    .filter((word) => word.startsWith(prefix))
    .map((word) => word.slice(prefix.length));
  return [...new Set(paths)];
}
