/**
 * HTTP routes of a candidate's consents: which stands may see their profile
 * and CV, giving one and revoking one. Candidates only.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  giveConsentBodySchema,
  myConsentsSchema,
  profileConsentAnswerSchema,
} from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import type { ConsentService } from "./consent.service.js";

export interface ConsentRoutesOptions {
  consents: ConsentService;
  guard: Guard;
}

export const consentRoutes: FastifyPluginAsyncZod<ConsentRoutesOptions> = async (
  app,
  { consents, guard },
) => {
  app.get(
    "/api/me/consents",
    { schema: { response: { 200: myConsentsSchema } } },
    async (request) => {
      const user = await guard.role(request, "candidate");
      return { consents: await consents.list(user.id) };
    },
  );

  app.post(
    "/api/me/consents",
    {
      schema: {
        body: giveConsentBodySchema,
        response: { 200: profileConsentAnswerSchema, 201: profileConsentAnswerSchema },
      },
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

  app.delete(
    "/api/me/consents/:standId",
    { schema: { params: z.object({ standId: z.uuid() }) } },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      await consents.revoke(user.id, request.params.standId);
      return reply.status(204).send();
    },
  );
};
