/**
 * The config's media part: mediasoup workers and their ports, TURN, live
 * sessions across processes (interviews and group sessions), and draining on
 * shutdown. Spread into the one schema in `config.ts`, which runs `checkTurn`.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { booleanFromEnv } from "./config.fields.js";

export const MEDIA_SETTINGS = {
  MEDIA_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(availableParallelism())
    .describe("mediasoup workers to start (one per core by default; 0 disables media)."),
  MEDIA_LISTEN_IP: z
    .union([z.ipv4(), z.ipv6()])
    .default("127.0.0.1")
    .describe("Local IP the media ports bind to; use 0.0.0.0 or the host's IP to serve others."),
  MEDIA_ANNOUNCED_ADDRESS: z
    .string()
    .min(1)
    .optional()
    .describe("Public IP or host name given to browsers (behind NAT). Absent: MEDIA_LISTEN_IP."),
  MEDIA_PORT_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(40_000)
    .describe("First port of the media range; each worker takes one free port (UDP and TCP)."),
  MEDIA_PORT_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(40_099)
    .describe("Last port of the media range; open it in the firewall."),
  TURN_URLS: z
    .string()
    .regex(
      /^(turns?|stun):[^\s,]+(,(turns?|stun):[^\s,]+)*$/,
      "comma-separated turn:, turns: or stun: URLs",
    )
    .optional()
    .describe(
      "TURN servers handed to browsers, e.g. `turns:turn.example.org:443?transport=tcp`; networks that block UDP reach the media through them.",
    ),
  TURN_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe(
      "Shared secret with the TURN server (coturn `static-auth-secret`); each join gets credentials that expire.",
    ),
  TURN_RELAY_ONLY: booleanFromEnv
    .default(false)
    .describe(
      "Browsers send media through TURN only (a network policy, or to prove the relay path); needs TURN_URLS.",
    ),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(3_600)
    .describe("How long a TURN credential handed to a browser stays valid."),
  INTERVIEW_IDLE_END_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(3_600)
    .default(120)
    .describe(
      "A live interview nobody has been in for this long is ended, and its queue entry repaired.",
    ),
  SESSION_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(10_000)
    .default(1_000)
    .describe(
      "How often a process announces its live sessions' load; one unseen for three beats is dead and its sessions move.",
    ),
  WEBINAR_VIEWERS_PER_ROUTER: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_000)
    .default(150)
    .describe(
      "Receive transports one router of a group session holds; beyond it the session's stream is piped to a new router on the least loaded worker.",
    ),
  WEBINAR_KEYFRAME_REQUEST_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(1_000)
    .describe(
      "A speaker's video is asked for a key frame at most this often, however many viewers ask (mediasoup keyFrameRequestDelay).",
    ),
  WEBINAR_PIPE_LISTEN_IP: z
    .union([z.ipv4(), z.ipv6()])
    .default("127.0.0.1")
    .describe(
      "Local IP of the pipe transports that carry a group session's stream from its origin process to the others; a private network IP across hosts.",
    ),
  WEBINAR_PIPE_ANNOUNCED_ADDRESS: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Address other processes reach the pipe transports at. Absent: WEBINAR_PIPE_LISTEN_IP.",
    ),
  SHUTDOWN_DRAIN_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(30)
    .describe(
      "On SIGTERM, how long the process keeps serving its live interviews (taking no new ones) before it stops and their peers move.",
    ),
};

/** A TURN server needs credentials: the shared secret they are derived from. */
export function checkTurn(
  config: {
    TURN_URLS?: string | undefined;
    TURN_SECRET?: string | undefined;
    TURN_RELAY_ONLY: boolean;
  },
  context: z.RefinementCtx,
): void {
  if (config.TURN_RELAY_ONLY && !config.TURN_URLS) {
    context.addIssue({
      code: "custom",
      path: ["TURN_RELAY_ONLY"],
      message: "relaying needs a TURN server: set TURN_URLS",
    });
  }
  const needsSecret = (config.TURN_URLS ?? "").split(",").some((url) => url.startsWith("turn"));
  if (needsSecret && !config.TURN_SECRET) {
    context.addIssue({
      code: "custom",
      path: ["TURN_SECRET"],
      message: "TURN_URLS names a TURN server: set its shared secret (coturn static-auth-secret)",
    });
  }
}
