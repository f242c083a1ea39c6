/**
 * HTTP routes of the webinar domain's scheduling half: a stand's admin (or a
 * fair admin) schedules, changes and cancels a stand's sessions; anyone lists
 * them (a signed-in candidate sees whether they registered); candidates
 * register and withdraw; fair admins read the figures. Who asks is checked
 * before the body is acted on.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { WEBINAR_API } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { fairBySlug } from "../fair/fair.lookup.js";
import type { Database } from "../plugins/db.js";
import { contractRoute } from "../plugins/contract-route.js";
import { webinarReport } from "./webinar.report.js";
import type { WebinarService } from "./webinar.service.js";

export interface WebinarRoutesOptions {
  guard: Guard;
  webinars: WebinarService;
  db: Database;
  now: () => Date;
}

export const webinarRoutes: FastifyPluginAsyncZod<WebinarRoutesOptions> = async (
  app,
  { guard, webinars, db, now },
) => {
  const signedIn = async (request: FastifyRequest) => {
    await guard.user(request);
  };
  const candidate = async (request: FastifyRequest) => {
    await guard.role(request, "candidate");
  };
  const standAdmin = async (request: FastifyRequest, standId: string) => {
    const { user, standRole } = await guard.stand(request, standId, { roles: ["stand_admin"] });
    return { userId: user.id, standRole };
  };
  /** The signed-in candidate's id, for `registered`; null for anyone else. */
  const viewerOf = async (request: FastifyRequest) => {
    const user = await guard.optionalUser(request);
    return user?.role === "candidate" ? user.id : null;
  };

  contractRoute(
    app,
    WEBINAR_API.scheduleWebinar,
    { preValidation: signedIn },
    async (request, reply) => {
      const { standId } = request.params;
      const actor = await standAdmin(request, standId);
      return reply.status(201).send(await webinars.schedule(actor, standId, request.body));
    },
  );

  contractRoute(app, WEBINAR_API.updateWebinar, { preValidation: signedIn }, async (request) => {
    const { webinarId } = request.params;
    await standAdmin(request, await webinars.standOf(webinarId));
    return webinars.update(webinarId, request.body);
  });

  contractRoute(
    app,
    WEBINAR_API.cancelWebinar,
    { preValidation: signedIn },
    async (request, reply) => {
      const { webinarId } = request.params;
      await standAdmin(request, await webinars.standOf(webinarId));
      await webinars.cancel(webinarId);
      return reply.status(204).send();
    },
  );

  contractRoute(app, WEBINAR_API.webinar, {}, async (request) =>
    webinars.get(request.params.webinarId, await viewerOf(request)),
  );

  contractRoute(app, WEBINAR_API.standWebinars, {}, async (request) => {
    const { standId } = request.params;
    const user = await guard.optionalUser(request);
    const staff =
      user !== null &&
      (user.role === "fair_admin" || (await guard.standRoleOf(user.id, standId)) !== null);
    return { webinars: await webinars.ofStand(standId, await viewerOf(request), staff) };
  });

  contractRoute(app, WEBINAR_API.fairWebinars, {}, async (request) => {
    const fair = await fairBySlug(db, request.params.slug);
    return { webinars: await webinars.ofFair(fair.id, await viewerOf(request)) };
  });

  contractRoute(
    app,
    WEBINAR_API.registerForWebinar,
    { preValidation: candidate },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      return reply.status(201).send(await webinars.register(user, request.params.webinarId));
    },
  );

  contractRoute(
    app,
    WEBINAR_API.unregisterFromWebinar,
    { preValidation: candidate },
    async (request, reply) => {
      const user = await guard.role(request, "candidate");
      await webinars.unregister(user.id, request.params.webinarId);
      return reply.status(204).send();
    },
  );

  contractRoute(app, WEBINAR_API.myWebinars, { preValidation: candidate }, async (request) => {
    const user = await guard.role(request, "candidate");
    return { webinars: await webinars.mine(user.id) };
  });

  contractRoute(app, WEBINAR_API.webinarReport, {}, async (request) => {
    await guard.fairAdmin(request);
    return webinarReport(db, request.params.slug, now());
  });
};
