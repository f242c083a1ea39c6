/** Declarations of liveness and readiness (503 with the same shape when a dependency fails). */
import { defineRoute } from "./contract.js";
import { healthSchema, readinessSchema } from "./health.js";

export const HEALTH_API = {
  liveness: defineRoute({ method: "GET", path: "/healthz", answer: healthSchema }),
  readiness: defineRoute({
    method: "GET",
    path: "/readyz",
    answer: readinessSchema,
    also: { 503: readinessSchema },
  }),
} as const;
