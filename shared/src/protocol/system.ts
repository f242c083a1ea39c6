/** Connection-level events: the server's greeting and a round-trip ping. */
import { z } from "zod";

export const systemHelloSchema = z.object({
  protocolVersion: z.number().int(),
  serverId: z.string(),
});
export type SystemHello = z.infer<typeof systemHelloSchema>;

export const systemPingSchema = z.object({ sentAt: z.number().finite() });
export const systemPingResultSchema = z.object({ sentAt: z.number(), serverTime: z.number() });

export const systemClientEvents = {
  "system:ping": { payload: systemPingSchema, result: systemPingResultSchema },
} as const;

export const systemServerEvents = {
  "system:hello": systemHelloSchema,
} as const;
