/** HTTP route of a stand's screening questions as its admin edits them (the queue's routes read them). */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { STAND_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const screeningRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, screening } = options;
  // Who is asking comes before whether the body is valid.
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };

  contractRoute(
    app,
    STAND_API.saveScreeningQuestions,
    { preValidation: signedIn },
    async (request) => {
      await guard.stand(request, request.params.standId, { roles: ["stand_admin"] });
      return screening.replace(request.params.standId, request.body.questions);
    },
  );
};
