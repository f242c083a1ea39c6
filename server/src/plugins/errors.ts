/**
 * One error shape for every HTTP failure: `{ error: { code, message, field? } }`.
 * Services throw AppError; validation, parsing and unknown routes are mapped
 * here, and anything unexpected becomes a logged 500 that never leaks details.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ErrorCode, type ApiError } from "@crossfair/shared";
import { wantsClientPage } from "./static-client.js";

const statusOfCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_body: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  invalid_credentials: 401,
  account_suspended: 403,
  email_unverified: 403,
  own_account: 409,
  invalid_token: 400,
  rate_limited: 429,
  conflict: 409,
  stand_closed: 409,
  queue_cap_reached: 409,
  not_in_queue: 404,
  not_called: 409,
  recruiter_busy: 409,
  watch_limit: 429,
  screening_incomplete: 400,
  original_language: 409,
  invalid_transition: 409,
  registration_closed: 409,
  registration_required: 403,
  vacancy_closed: 409,
  not_applicant: 409,
  already_invited: 409,
  outside_opening_hours: 400,
  slot_overlap: 409,
  booking_limit: 409,
  slot_taken: 409,
  cancel_cutoff_passed: 409,
  slot_in_past: 409,
  not_stand_staff: 400,
  slot_withdrawn: 409,
  slot_due: 409,
  webinar_full: 409,
  webinar_ended: 410,
  webinar_not_live: 409,
  asking_blocked: 403,
  not_speaker: 403,
  stage_full: 409,
  unavailable: 503,
  internal: 500,
};

/** An expected failure with a typed code; thrown by services, answered as-is. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  get statusCode(): number {
    return statusOfCode[this.code];
  }
}

export function errorBody(code: ErrorCode, message: string, field?: string): ApiError {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

function send(reply: FastifyReply, code: ErrorCode, message: string, field?: string) {
  return reply.status(statusOfCode[code]).send(errorBody(code, message, field));
}

/** Fastify's own client-error codes, mapped onto ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.malformedBody,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.malformedBody,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.payloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.unsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.malformedBody,
};

export interface ErrorHandlingOptions {
  /** Answers browser navigations to unknown paths with the client's index.html. */
  clientPageFallback: boolean;
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, error.code, error.message, error.field);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const path = first?.instancePath.replace(/^\//, "").replaceAll("/", ".") ?? "";
      const field = [error.validationContext, path].filter(Boolean).join(".") || undefined;
      return send(reply, ErrorCode.validationFailed, first?.message ?? "invalid request", field);
    }

    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return send(reply, mapped, error.message);
    if (error.statusCode === 429) return send(reply, ErrorCode.rateLimited, error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, ErrorCode.malformedBody, error.message);
    }

    const transient = transientFailure(error);
    if (transient) {
      request.log.warn({ err: error }, transient.log);
      return send(reply, ErrorCode.unavailable, transient.message);
    }
    request.log.error({ err: error }, "unhandled error");
    return send(reply, ErrorCode.internal, "internal error");
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.clientPageFallback && wantsClientPage(request)) return reply.sendFile("index.html");
    return send(
      reply,
      ErrorCode.notFound,
      `no route for ${request.method} ${request.url.split("?")[0]}`,
    );
  });
}

/**
 * Whether an error only says the server is too busy right now: no pooled
 * database connection came free in time. Callers answer `unavailable` (try
 * again), not `internal`, and nothing was changed.
 */
export function isOverloaded(error: unknown): boolean {
  return causes(error).some(
    ({ message }) =>
      typeof message === "string" && message.includes("timeout exceeded when trying to connect"),
  );
}

/** The error and the causes it wraps (drizzle wraps node-postgres' error), outermost first. */
function causes(error: unknown): { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  let current: unknown = error;
  while (current && chain.length < 4) {
    chain.push(current as { code?: unknown; message?: unknown });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * Whether an error says Redis could not be reached: ioredis gave up on the
 * command after its retries, or the connection closed under it. The command
 * may or may not have run (a reply lost with the connection), so callers
 * answer `unavailable` and the client reads its state again.
 */
export function isStoreUnreachable(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return (
    name === "MaxRetriesPerRequestError" ||
    name === "ClusterAllFailedError" ||
    message === "Connection is closed."
  );
}

/** PostgreSQL's codes for a server shutting down, starting up or cut off (class 57P, 08). */
const DATABASE_GONE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);
/** Node's codes for a connection refused or cut. */
const NETWORK_GONE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/**
 * Whether an error says PostgreSQL could not be reached: it restarts, refuses
 * connections, or cut the connection under the query (through drizzle's
 * wrapping). A write may or may not have committed; callers answer
 * `unavailable`, and the client asks again.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  return causes(error).some(
    ({ code, message }) =>
      (typeof code === "string" &&
        (DATABASE_GONE_CODES.has(code) || NETWORK_GONE_CODES.has(code))) ||
      (typeof message === "string" && message.startsWith("Connection terminated")),
  );
}

/** An error that says "try again" rather than "bug": what to answer and log, or null. */
export function transientFailure(error: unknown): { message: string; log: string } | null {
  if (isOverloaded(error)) {
    return { message: "the server is busy, try again in a moment", log: "database pool exhausted" };
  }
  if (isDatabaseUnreachable(error)) {
    return {
      message: "the database cannot be reached right now, try again in a moment",
      log: "database unreachable",
    };
  }
  if (isStoreUnreachable(error)) {
    return {
      message: "the live queue cannot be reached right now, try again in a moment",
      log: "queue store unreachable",
    };
  }
  return null;
}
