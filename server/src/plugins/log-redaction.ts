/**
 * What the logs may carry: errors without the values of their queries, and
 * requests without their secrets. A failed query's error (drizzle's
 * `DrizzleQueryError`, and the driver's error as its cause) names every bound
 * parameter in its message and fields: emails, password hashes, notes,
 * screening answers. PostgreSQL's `detail` repeats the offending value
 * ("Key (email)=(…) already exists"). Request URLs carry invitation tokens.
 * These serializers keep what an operator needs (the error's name, code,
 * constraint, table, the SQL without values, the stack's frames, the route)
 * and drop the rest. pino applies them to every `err`, `req` and `res`.
 */
import type { LoggerOptions } from "pino";

/**
 * Fields of an error kept as they are (strings and numbers only); all others
 * (a query's `params`, PostgreSQL's `detail`, `where` and `hint`) are dropped.
 */
const KEPT_FIELDS = [
  "code",
  "severity",
  "constraint",
  "table",
  "column",
  "schema",
  "routine",
  "statusCode",
];
const MAX_CAUSES = 4;

/** "Failed query: …\nparams: a,b" loses its params line; a PostgreSQL detail loses its values. */
function redactMessage(message: string): string {
  return message
    .replace(/\nparams:[^\n]*/g, "\nparams: [redacted]")
    .replace(/\)=\([^)]*\)/g, ")=([redacted])");
}

/** The stack's frames without the message at its top (which the message field already has). */
function redactStack(stack: string | undefined, message: string): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return [redactMessage(message), ...frames].join("\n");
}

export interface RedactedError {
  type: string;
  message: string;
  stack?: string;
  query?: string;
  cause?: RedactedError;
  [field: string]: unknown;
}

export function redactError(error: unknown, depth = 0): RedactedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: "[a thrown value that is not an Error]" };
  }
  const message = redactMessage(error.message);
  const redacted: RedactedError = {
    type: error.constructor?.name ?? error.name,
    message,
    stack: redactStack(error.stack, error.message),
  };
  const fields = error as unknown as Record<string, unknown>;
  // drizzle keeps the SQL (placeholders only) apart from its params.
  if (typeof fields.query === "string") redacted.query = fields.query;
  for (const field of KEPT_FIELDS) {
    const value = fields[field];
    if (typeof value === "string" || typeof value === "number") redacted[field] = value;
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    redacted.cause = redactError(error.cause, depth + 1);
  }
  return redacted;
}

/** Path segments that are secrets: invitation tokens (`/api/invitations/<token>…`). */
const SECRET_PATHS = [/^(\/api\/invitations\/)[^/?#]+/];
/** Query parameters whose values are secrets. */
const SECRET_QUERY = /([?&](?:token|code|key|secret|password|signature)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  let redacted = url;
  for (const pattern of SECRET_PATHS) redacted = redacted.replace(pattern, "$1[redacted]");
  return redacted.replace(SECRET_QUERY, "$1[redacted]");
}

/** The request as Fastify logs it, with no headers at all and the URL's secrets blanked. */
interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

function redactRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** pino's serializers for the app's logger; Fastify's request logs use them too. */
export const logSerializers = {
  err: redactError,
  error: redactError,
  req: redactRequest,
};

/** Keys pino blanks wherever they appear at these paths, a second line of defence. */
const logRedactPaths = [
  "req.headers.cookie",
  "req.headers.authorization",
  "passwordHash",
  "*.passwordHash",
  "password",
  "*.password",
  "token",
  "*.token",
];

/** pino's options for every logger of the app (the main thread's and the outbox thread's). */
export function redactedLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: logSerializers,
    redact: { paths: logRedactPaths, censor: "[redacted]" },
  };
}
