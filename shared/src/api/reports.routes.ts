/** Declarations of the fair admins' figures: the report (JSON), the live snapshot and the operations panel. The CSVs are outside. */
import { defineRoute } from "./contract.js";
import { fairSlugParamsSchema } from "./fairs.js";
import { liveFairSnapshotSchema } from "./live.js";
import { operationsBoardSchema } from "./operations.js";
import { fairReportSchema } from "./reports.js";

export const REPORT_API = {
  report: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug/report",
    params: fairSlugParamsSchema,
    answer: fairReportSchema,
  }),
  live: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug/live",
    params: fairSlugParamsSchema,
    answer: liveFairSnapshotSchema,
  }),
  operations: defineRoute({
    method: "GET",
    path: "/api/admin/operations",
    answer: operationsBoardSchema,
  }),
} as const;
