/** The acknowledgement every client-to-server socket event answers with. */
import { z } from "zod";
import { errorCodeSchema, type ErrorCode } from "../errors.js";

export type AckOk<Result> = { ok: true } & Result;
export type AckError = { ok: false; code: ErrorCode; message?: string; field?: string };
export type Ack<Result> = AckOk<Result> | AckError;

export const ackErrorSchema = z.object({
  ok: z.literal(false),
  code: errorCodeSchema,
  message: z.string().optional(),
  field: z.string().optional(),
});

/**
 * The result of an event that answers nothing but success. `z.object({})`
 * would infer `Record<string, never>`, which `{ ok: true }` cannot satisfy.
 */
export const noResult = z.custom<Record<never, never>>(
  (value) => typeof value === "object" && value !== null,
);
