/** HTTP routes of a stand's staff: the list, removing a member, and one's own interview languages. */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { STAND_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { StandRoutesOptions } from "./stand.services.js";

export const staffRoutes: FastifyPluginAsyncZod<StandRoutesOptions> = async (app, options) => {
  const { guard, staff } = options;
  const standAdmin = { roles: ["stand_admin" as const] };
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };

  contractRoute(app, STAND_API.staff, {}, async (request) => {
    await guard.stand(request, request.params.standId, standAdmin);
    return { staff: await staff.list(request.params.standId) };
  });

  contractRoute(app, STAND_API.myStaffLanguages, { preValidation: signedIn }, async (request) => {
    // Only members have interview languages; a fair admin not on the staff has none.
    const { user } = await guard.stand(request, request.params.standId, { staffOnly: true });
    return staff.setLanguages(request.params.standId, user.id, request.body.languages);
  });

  contractRoute(app, STAND_API.removeStaff, {}, async (request, reply) => {
    await guard.stand(request, request.params.standId, standAdmin);
    await staff.remove(request.params.standId, request.params.userId);
    return reply.status(204).send();
  });
};
