/**
 * HTTP routes of invitation links: a stand's admins create, list and revoke
 * them; anyone may look one up; accepting adds the signed-in account to the
 * staff, or creates the account first (rate-limited like sign-up).
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  ErrorCode,
  acceptInvitationBodySchema,
  acceptedInvitationSchema,
  createInvitationBodySchema,
  createdInvitationSchema,
  invitationAccountSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationTokenParamsSchema,
  signUpBodySchema,
  standIdParamsSchema,
  standInvitationsSchema,
} from "@crossfair/shared";
import { attemptsPerMinute, setSessionCookie } from "../auth/auth.routes.js";
import { AppError } from "../plugins/errors.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const invitationRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, invitations } = options;
  const standAdmin = { roles: ["stand_admin" as const] };
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };

  app.post(
    "/api/stands/:standId/invitations",
    {
      schema: {
        params: standIdParamsSchema,
        body: createInvitationBodySchema,
        response: { 201: createdInvitationSchema },
      },
      preValidation: signedIn,
    },
    async (request, reply) => {
      const { user } = await guard.stand(request, request.params.standId, standAdmin);
      const created = await invitations.create(request.params.standId, request.body.role, user.id);
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/stands/:standId/invitations",
    { schema: { params: standIdParamsSchema, response: { 200: standInvitationsSchema } } },
    async (request) => {
      await guard.stand(request, request.params.standId, standAdmin);
      return { invitations: await invitations.listOpen(request.params.standId) };
    },
  );

  app.delete(
    "/api/stands/:standId/invitations/:id",
    { schema: { params: invitationParamsSchema } },
    async (request, reply) => {
      await guard.stand(request, request.params.standId, standAdmin);
      await invitations.revoke(request.params.standId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/invitations/:token",
    { schema: { params: invitationTokenParamsSchema, response: { 200: invitationPreviewSchema } } },
    async (request) => invitations.preview(request.params.token),
  );

  app.post(
    "/api/invitations/:token/accept",
    {
      schema: {
        params: invitationTokenParamsSchema,
        body: acceptInvitationBodySchema,
        response: { 200: acceptedInvitationSchema, 201: invitationAccountSchema },
      },
      config: attemptsPerMinute(options.accountsPerMinute),
    },
    async (request, reply) => {
      const { token } = request.params;
      const { languages, ...account } = request.body;
      const user = await guard.optionalUser(request);
      if (user) return invitations.acceptAsUser(token, user, languages);

      // Anonymous: the account fields are required, and checked as sign-up checks them.
      const parsed = signUpBodySchema.safeParse(account);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          ErrorCode.validationFailed,
          issue?.message ?? "an account is needed to accept",
          issue ? ["body", ...issue.path].join(".") : undefined,
        );
      }
      const accepted = await invitations.acceptWithAccount(token, parsed.data, languages);
      setSessionCookie(reply, accepted.token, options.session);
      return reply.status(201).send({
        user: accepted.user,
        standId: accepted.standId,
        role: accepted.role,
      });
    },
  );
};
