/**
 * The whole HTTP contract: every JSON route the server has (API_CONTRACT), and
 * every other route with the reason it is not JSON (OUTSIDE_CONTRACT). An
 * integration test holds the server's route table to these two lists.
 */
import { APPLICATION_API } from "./applications.routes.js";
import { AUTH_API } from "./auth.routes.js";
import { BOOKING_INVITATION_API } from "./booking-invitations.routes.js";
import { AVAILABILITY_API } from "./availability.routes.js";
import { CANDIDATE_API } from "./candidate.routes.js";
import type { AnyRoute, OutsideRoute } from "./contract.js";
import { FAIR_API } from "./fairs.routes.js";
import { HEALTH_API } from "./health.routes.js";
import { INTERVIEW_API } from "./interviews.routes.js";
import { MAILBOX_API } from "./mailbox.routes.js";
import { PEOPLE_API } from "./people.routes.js";
import { QUEUE_API } from "./queue.routes.js";
import { RECOMMENDATION_API } from "./recommendations.routes.js";
import { REPORT_API } from "./reports.routes.js";
import { STAND_API } from "./stands.routes.js";
import { WEBINAR_API } from "./webinars.routes.js";

export const API_CONTRACT: readonly AnyRoute[] = [
  ...Object.values(HEALTH_API),
  ...Object.values(AUTH_API),
  ...Object.values(FAIR_API),
  ...Object.values(STAND_API),
  ...Object.values(QUEUE_API),
  ...Object.values(CANDIDATE_API),
  ...Object.values(APPLICATION_API),
  ...Object.values(INTERVIEW_API),
  ...Object.values(REPORT_API),
  ...Object.values(MAILBOX_API),
  ...Object.values(PEOPLE_API),
  ...Object.values(BOOKING_INVITATION_API),
  ...Object.values(AVAILABILITY_API),
  ...Object.values(WEBINAR_API),
  ...Object.values(RECOMMENDATION_API),
];

/** Routes the client links to or uploads to without the JSON helper; their paths for `fillPath`. */
export const FILE_ROUTES = {
  uploadCv: {
    method: "POST",
    path: "/api/me/cv",
    reason: "multipart upload (the client sends it with progress events)",
  },
  ownCv: { method: "GET", path: "/api/me/cv", reason: "PDF download" },
  standCv: {
    method: "GET",
    path: "/api/stands/:standId/candidates/:candidateId/cv",
    reason: "PDF download",
  },
  reportCsv: { method: "GET", path: "/api/admin/fairs/:slug/report.csv", reason: "CSV download" },
  applicationsCsv: {
    method: "GET",
    path: "/api/admin/fairs/:slug/report/applications.csv",
    reason: "CSV download",
  },
} as const satisfies Record<string, OutsideRoute>;

export const OUTSIDE_CONTRACT: readonly OutsideRoute[] = [
  { method: "GET", path: "/metrics", reason: "Prometheus text format, behind a bearer token" },
  ...Object.values(FILE_ROUTES),
  ...["/docs", "/docs/", "/docs/static/index.html", "/docs/static/swagger-initializer.js"].map(
    (path) => ({ method: "GET" as const, path, reason: "the OpenAPI browser (HTML)" }),
  ),
  { method: "GET", path: "/docs/json", reason: "the OpenAPI document itself" },
  { method: "GET", path: "/docs/yaml", reason: "the OpenAPI document itself, as YAML" },
  { method: "GET", path: "/docs/*", reason: "the OpenAPI browser's assets" },
  {
    method: "GET",
    path: "/*",
    reason: "the built client's files, when it is served",
    optional: true,
  },
];
