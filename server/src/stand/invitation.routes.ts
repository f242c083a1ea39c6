/**
 * HTTP routes of invitation links: a stand's admins create, list and revoke
 * them; anyone may look one up; accepting adds the signed-in account to the
 * staff, or creates the account first (rate-limited like sign-up).
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorCode, STAND_API, signUpBodySchema } from "@crossfair/shared";
import { attemptsPerMinute, setSessionCookie } from "../auth/auth.routes.js";
import { contractRoute } from "../plugins/contract-route.js";
import { AppError } from "../plugins/errors.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const invitationRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, invitations } = options;
  const standAdmin = { roles: ["stand_admin" as const] };
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };

  contractRoute(
    app,
    STAND_API.createInvitation,
    { preValidation: signedIn },
    async (request, reply) => {
      const { user } = await guard.stand(request, request.params.standId, standAdmin);
      const created = await invitations.create(request.params.standId, request.body.role, user.id);
      return reply.status(201).send(created);
    },
  );

  contractRoute(app, STAND_API.invitations, {}, async (request) => {
    await guard.stand(request, request.params.standId, standAdmin);
    return { invitations: await invitations.listOpen(request.params.standId) };
  });

  contractRoute(app, STAND_API.revokeInvitation, {}, async (request, reply) => {
    await guard.stand(request, request.params.standId, standAdmin);
    await invitations.revoke(request.params.standId, request.params.id);
    return reply.status(204).send();
  });

  contractRoute(app, STAND_API.previewInvitation, {}, async (request) =>
    invitations.preview(request.params.token),
  );

  contractRoute(
    app,
    STAND_API.acceptInvitation,
    {
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
