/**
 * HTTP routes of applications: candidates apply, follow and withdraw theirs;
 * stand staff (or a fair admin) list a stand's applications, one candidate's
 * applications during an interview, and move them along the pipeline.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { APPLICATION_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { ApplicationService } from "./application.service.js";

export interface ApplicationRoutesOptions {
  applications: ApplicationService;
  guard: Guard;
}

export const applicationRoutes: FastifyPluginAsyncZod<ApplicationRoutesOptions> = async (
  app,
  { applications, guard },
) => {
  // ---- candidates --------------------------------------------------------------

  contractRoute(
    app,
    APPLICATION_API.apply,
    {
      // Who is asking comes before whether the body is valid.
      preValidation: async (request) => {
        await guard.role(request, "candidate");
      },
    },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      const application = await applications.apply(
        user.id,
        request.params.vacancyId,
        request.body.message,
      );
      return reply.status(201).send(application);
    },
  );

  contractRoute(app, APPLICATION_API.mine, {}, async (request) => {
    const user = await guard.role(request, "candidate");
    return { applications: await applications.mine(user.id) };
  });

  contractRoute(app, APPLICATION_API.withdraw, {}, async (request) => {
    const user = await guard.role(request, "candidate");
    return applications.withdraw(user.id, request.params.id);
  });

  // ---- stand staff ---------------------------------------------------------------

  contractRoute(app, APPLICATION_API.forStand, {}, async (request) => {
    await guard.stand(request, request.params.standId);
    return applications.forStand(request.params.standId, request.query);
  });

  contractRoute(app, APPLICATION_API.ofCandidateAtStand, {}, async (request) => {
    const { standId, candidateId } = request.params;
    await guard.stand(request, standId);
    return { applications: await applications.ofCandidateAtStand(standId, candidateId) };
  });

  contractRoute(
    app,
    APPLICATION_API.move,
    {
      preValidation: async (request) => {
        await guard.user(request);
      },
    },
    async (request) => {
      const standId = await applications.standOf(request.params.id);
      const { user } = await guard.stand(request, standId);
      return applications.moveByStaff(request.params.id, user.id, request.body.status);
    },
  );
};
