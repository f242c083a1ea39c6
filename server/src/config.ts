/**
 * The server's whole configuration, parsed once from the environment at start.
 * Every variable is described in this schema, with its media part
 * (`config.media.ts`) and its limits (`config.limits.ts`) spread in; the
 * README's settings table is generated from it
 * (`pnpm --filter @crossfair/server config:table`).
 */
import path from "node:path";
import { z } from "zod";
import { booleanFromEnv } from "./config.fields.js";
import { LIMIT_SETTINGS } from "./config.limits.js";
import { checkTurn, MEDIA_SETTINGS } from "./config.media.js";

const postgresUrl = z
  .url()
  .refine(
    (value) => /^postgres(ql)?:\/\//.test(value),
    "must start with postgres:// or postgresql://",
  );

/**
 * REDIS_URL: one URL, or (with REDIS_CLUSTER) comma-separated seed nodes.
 * Null when some part is not a redis:// or rediss:// URL.
 */
export function redisSeedUrls(value: string): URL[] | null {
  const urls = value.split(",").map((part) => {
    try {
      return new URL(part.trim());
    } catch {
      return null;
    }
  });
  return urls.every((url) => url !== null && /^rediss?:$/.test(url.protocol))
    ? (urls as URL[])
    : null;
}

const redisUrl = z
  .string()
  .refine(
    (value) => redisSeedUrls(value) !== null,
    "must start with redis:// or rediss:// (several comma-separated URLs only with REDIS_CLUSTER)",
  );

export const configSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development")
    .describe("Run mode; `production` marks session cookies Secure."),
  HOST: z
    .string()
    .min(1)
    .default("127.0.0.1")
    .describe("Interface the HTTP server listens on; use 0.0.0.0 in containers."),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(3000)
    .describe("HTTP port of the app (API, sockets and the built client)."),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level."),
  DATABASE_URL: postgresUrl
    .optional()
    .describe("PostgreSQL connection URL. Absent: embedded PGlite under DATA_DIR."),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(20)
    .describe("Connections each server process keeps to PostgreSQL."),
  DATA_DIR: z
    .string()
    .min(1)
    .default("./data")
    .describe("Directory for the embedded database and uploaded files."),
  REDIS_URL: redisUrl
    .optional()
    .describe("Redis URL for live queues and multi-process sockets. Absent: in-process store."),
  REDIS_CLUSTER: booleanFromEnv
    .default(false)
    .describe(
      "REDIS_URL is a Redis or Valkey Cluster: comma-separated seed nodes (`redis://h1:6379,redis://h2:6379`); the first one's credentials and TLS apply to all.",
    ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,40}$/, "letters, digits, ':', '_' or '-'")
    .default("crossfair")
    .describe("Prefix of every Redis key and channel, so several deployments can share a Redis."),
  SEED_DEMO: booleanFromEnv
    .optional()
    .describe(
      "Seed the demo fair (with its public demo passwords) into an empty database. Default: on for the embedded database, except in production, where only SEED_DEMO=true seeds.",
    ),
  API_DOCS: booleanFromEnv
    .optional()
    .describe(
      "Serve the API's OpenAPI document and its browsable page at /docs. Default: on, except in production, where only API_DOCS=true serves them.",
    ),
  READINESS_DETAILS: booleanFromEnv
    .optional()
    .describe(
      "Say in /readyz why a dependency is not ready (its error text). Default: on, except in production, where /readyz only says which check failed.",
    ),
  ...MEDIA_SETTINGS,
  CLIENT_DIST: z
    .string()
    .min(1)
    .default("../client/dist")
    .describe("Built client served at / when the directory exists."),
  QUEUE_CALL_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(600)
    .default(30)
    .describe("Time a called candidate has to accept before it counts as a no-show."),
  QUEUE_RECONNECT_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600)
    .default(90)
    .describe("How long a disconnected candidate keeps their places in queues."),
  QUEUE_HEARTBEAT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(10)
    .describe("Presence heartbeat; a candidate unseen for 2.5 beats is offline and not called."),
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F:./,\s]+$/, "comma-separated IP addresses or CIDR ranges")
    .optional()
    .describe(
      "Addresses (or CIDR ranges) of the reverse proxy in front, e.g. 127.0.0.1: only its X-Forwarded-For is believed, so rate limits see each client's address.",
    ),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe("Bearer token for GET /metrics (Prometheus); without it the endpoint answers 404."),
  QUEUE_STAND_PUSH_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(10_000)
    .default(1_000)
    .describe(
      "Least time between two pushes of one stand's line to its watchers; changes in between ride in the next push.",
    ),
  ...LIMIT_SETTINGS,
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(12)
    .describe("Lifetime of a sign-in session."),
  CV_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024)
    .describe("Largest CV (PDF) a candidate may upload, in bytes."),
  PUBLIC_URL: z
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
    .optional()
    .describe(
      "Address people open the app at, e.g. `https://fair.example.org`; links in emails start with it. Absent: `http://localhost:<PORT>`.",
    ),
  SMTP_URL: z
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), "must start with smtp:// or smtps://")
    .optional()
    .describe(
      "SMTP server that sends the emails, e.g. `smtps://user:pass@smtp.example.org:465`. Absent: emails stay in an in-process development mailbox that fair admins read (not in production, where they reach nobody) and one line is logged.",
    ),
  MAIL_FROM: z
    .string()
    .min(3)
    .max(254)
    .default("Crossfair <no-reply@crossfair.invalid>")
    .describe("Sender of every email, as `Name <address>` or a bare address."),
  MAIL_REPLY_TO: z
    .string()
    .min(3)
    .max(254)
    .optional()
    .describe("Where replies to an email go (the organiser's help desk). Absent: no Reply-To."),
});

/** REDIS_URL and REDIS_CLUSTER must agree; a cluster has only database 0. */
function checkRedisCluster(
  config: { REDIS_URL?: string | undefined; REDIS_CLUSTER: boolean },
  context: z.RefinementCtx,
): void {
  const urls = config.REDIS_URL === undefined ? [] : (redisSeedUrls(config.REDIS_URL) ?? []);
  const problem = (variable: string, message: string) =>
    context.addIssue({ code: "custom", path: [variable], message });
  if (config.REDIS_CLUSTER && urls.length === 0) {
    problem("REDIS_CLUSTER", "needs REDIS_URL (the cluster's seed nodes)");
  }
  if (!config.REDIS_CLUSTER && urls.length > 1) {
    problem("REDIS_URL", "several URLs are seed nodes of a cluster: set REDIS_CLUSTER=true");
  }
  if (config.REDIS_CLUSTER && urls.some((url) => !["", "/", "/0"].includes(url.pathname))) {
    problem("REDIS_URL", "a cluster has only database 0: drop the /<db> from the URLs");
  }
}

/** The schema with the checks across variables (they run once every variable parsed). */
const checkedConfigSchema = configSchema.superRefine((config, context) => {
  checkRedisCluster(config, context);
  checkTurn(config, context);
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, "SEED_DEMO" | "API_DOCS" | "READINESS_DETAILS"> & {
    SEED_DEMO: boolean;
    API_DOCS: boolean;
    READINESS_DETAILS: boolean;
    /** Absolute form of DATA_DIR. */
    dataDir: string;
    /** Absolute form of CLIENT_DIST. */
    clientDist: string;
    /** PUBLIC_URL without a trailing slash, or the local address; links in emails start with it. */
    publicUrl: string;
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const result = checkedConfigSchema.safeParse(relevant);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const secret = ["DATABASE_URL", "REDIS_URL", "SMTP_URL"].includes(name);
      const shown = secret ? "" : ` (got "${env[name]}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  // What helps a developer and tells an attacker too is off in production unless asked for.
  const production = parsed.NODE_ENV === "production";
  return Object.freeze({
    ...parsed,
    SEED_DEMO: parsed.SEED_DEMO ?? (parsed.DATABASE_URL === undefined && !production),
    API_DOCS: parsed.API_DOCS ?? !production,
    READINESS_DETAILS: parsed.READINESS_DETAILS ?? !production,
    dataDir: path.resolve(parsed.DATA_DIR),
    clientDist: path.resolve(parsed.CLIENT_DIST),
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ""),
  });
}

/** Hides the password of a connection URL (or of each in a comma-separated list) for logs. */
export function redactUrl(url: string): string {
  if (url.includes(",")) return url.split(",").map(redactUrl).join(",");
  try {
    const parsed = new URL(url.trim());
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable url>";
  }
}

/** The README settings table, generated from the schema. */
export function configTableMarkdown(): string {
  const rows = Object.entries(configSchema.shape).map(([name, schema]) => {
    const field = schema as z.ZodType & { description?: string };
    const parsedDefault = field.safeParse(undefined);
    const fallback =
      name === "MEDIA_WORKERS"
        ? "number of cores"
        : parsedDefault.success && parsedDefault.data !== undefined
          ? `\`${String(parsedDefault.data)}\``
          : "—";
    return `| \`${name}\` | ${fallback} | ${field.description ?? ""} |`;
  });
  return ["| Variable | Default | Meaning |", "| --- | --- | --- |", ...rows].join("\n");
}
