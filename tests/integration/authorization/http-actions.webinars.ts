/**
 * The matrix rows of group sessions: scheduling is the home stand admin's
 * (and a fair admin's), listing is anyone's, registering a candidate's, the
 * figures a fair admin's. Each cell that changes a session gets a fresh one,
 * scheduled by the home stand's admin on a day the demo fair is opened ahead.
 */
import { openDemoFairAhead } from "../../support/slots.js";
import { scheduleWebinar, webinarBody } from "../../support/webinar-schedule.js";
import { ALL, CANDIDATES, FAIR_ADMIN, HOME_ADMIN, call, type Fixtures } from "./actors.js";
import { asCandidateThrowaway, type HttpAction } from "./cell-requests.js";

const openedAhead = new WeakMap<Fixtures, Promise<string[]>>();

async function body(fx: Fixtures) {
  if (!openedAhead.has(fx)) openedAhead.set(fx, openDemoFairAhead(fx.app, fx.cookies.fairAdmin!));
  const [date] = await openedAhead.get(fx)!;
  return webinarBody(date!, "11:00", [fx.userIds.homeStandAdmin]);
}

/** A fresh session at the home stand. */
async function freshWebinar(fx: Fixtures): Promise<string> {
  const webinar = await scheduleWebinar(
    fx.app,
    fx.cookies.homeStandAdmin!,
    fx.homeStandId,
    await body(fx),
  );
  return webinar.id;
}

export const HTTP_ACTIONS_OF_WEBINARS: HttpAction[] = [
  {
    route: "POST /api/stands/{standId}/webinars",
    allowed: HOME_ADMIN,
    request: async (fx) => ({
      url: `/api/stands/${fx.homeStandId}/webinars`,
      payload: await body(fx),
    }),
  },
  {
    route: "PUT /api/webinars/{webinarId}",
    allowed: HOME_ADMIN,
    request: async (fx) => ({
      url: `/api/webinars/${await freshWebinar(fx)}`,
      payload: { ...(await body(fx)), capacity: 50 },
    }),
  },
  {
    route: "DELETE /api/webinars/{webinarId}",
    allowed: HOME_ADMIN,
    request: async (fx) => ({ url: `/api/webinars/${await freshWebinar(fx)}` }),
  },
  {
    route: "GET /api/webinars/{webinarId}",
    allowed: ALL,
    request: async (fx) => ({ url: `/api/webinars/${await freshWebinar(fx)}` }),
  },
  {
    route: "GET /api/stands/{standId}/webinars",
    allowed: ALL,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/webinars` }),
  },
  {
    route: "GET /api/fairs/{slug}/webinars",
    allowed: ALL,
    request: (fx) => ({ url: `/api/fairs/${fx.fairSlug}/webinars` }),
  },
  {
    route: "POST /api/webinars/{webinarId}/registration",
    allowed: CANDIDATES,
    request: async (fx, actor) => ({
      url: `/api/webinars/${await freshWebinar(fx)}/registration`,
      ...(await asCandidateThrowaway(fx, actor)),
    }),
  },
  {
    // The candidate withdraws what they registered for (nothing is fine too).
    route: "DELETE /api/webinars/{webinarId}/registration",
    allowed: CANDIDATES,
    request: async (fx, actor) => {
      const webinarId = await freshWebinar(fx);
      if (CANDIDATES.includes(actor as never)) {
        await call(fx.app, {
          method: "POST",
          url: `/api/webinars/${webinarId}/registration`,
          cookie: fx.cookies[actor],
        });
      }
      return { url: `/api/webinars/${webinarId}/registration` };
    },
  },
  {
    route: "GET /api/me/webinars",
    allowed: CANDIDATES,
    request: () => ({ url: "/api/me/webinars" }),
  },
  {
    route: "GET /api/admin/fairs/{slug}/webinars/report",
    allowed: FAIR_ADMIN,
    request: (fx) => ({ url: `/api/admin/fairs/${fx.fairSlug}/webinars/report` }),
  },
];
