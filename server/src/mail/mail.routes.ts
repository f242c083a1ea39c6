/** `GET /api/admin/mailbox`: the development mailbox, for fair admins, when there is one. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorCode, MAILBOX_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { DevMailbox } from "./mailer.js";

export const mailboxRoutes: FastifyPluginAsyncZod<{
  guard: Guard;
  mailbox: DevMailbox | null;
}> = async (app, { guard, mailbox }) => {
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
};
