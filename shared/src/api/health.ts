/** Liveness and readiness answers. */
import { z } from "zod";

export const healthSchema = z.object({ status: z.literal("ok"), uptimeSeconds: z.number() });

export const readinessCheckSchema = z.object({ ok: z.boolean(), detail: z.string().optional() });
export const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: readinessCheckSchema,
    queueStore: readinessCheckSchema,
    media: readinessCheckSchema,
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
