/**
 * `GET /api/admin/people` and `POST /api/admin/people/:userId/suspension`:
 * the fair admin finds accounts and suspends or reinstates them.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { PEOPLE_API } from "@crossfair/shared";
import { contractRoute } from "../plugins/contract-route.js";
import type { Guard } from "./guard.js";
import type { PeopleService } from "./people.service.js";

export const peopleRoutes: FastifyPluginAsyncZod<{
  guard: Guard;
  people: PeopleService;
}> = async (app, { guard, people }) => {
  contractRoute(app, PEOPLE_API.people, {}, async (request, reply) => {
    await guard.fairAdmin(request);
    return reply.header("cache-control", "no-store").send(await people.find(request.query));
  });

  contractRoute(app, PEOPLE_API.suspension, {}, async (request) => {
    const admin = await guard.fairAdmin(request);
    return { person: await people.setSuspension(admin, request.params.userId, request.body) };
  });
};
