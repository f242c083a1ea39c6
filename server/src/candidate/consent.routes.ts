/**
 * HTTP routes of a candidate's consents: which stands may see their profile
 * and CV, giving one and revoking one. Candidates only.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { CANDIDATE_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { ConsentService } from "./consent.service.js";

export interface ConsentRoutesOptions {
  consents: ConsentService;
  guard: Guard;
}

export const consentRoutes: FastifyPluginAsyncZod<ConsentRoutesOptions> = async (
  app,
  { consents, guard },
) => {
  contractRoute(app, CANDIDATE_API.consents, {}, async (request) => {
    const user = await guard.role(request, "candidate");
    return { consents: await consents.list(user.id) };
  });

  contractRoute(
    app,
    CANDIDATE_API.giveConsent,
    {
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await guard.role(request, "candidate");
      },
    },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      const { consent, created } = await consents.give(user.id, request.body.standId);
      return reply.status(created ? 201 : 200).send({ consent });
    },
  );

  contractRoute(app, CANDIDATE_API.revokeConsent, {}, async (request, reply) => {
    const user = await guard.role(request, "candidate");
    await consents.revoke(user.id, request.params.standId);
    return reply.status(204).send();
  });
};
