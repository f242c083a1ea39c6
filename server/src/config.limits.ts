/**
 * The config's limits part: sign-in attempts, and what one socket (and one
 * user) may send and watch. Spread into the one schema in `config.ts`.
 */
import { z } from "zod";

export const LIMIT_SETTINGS = {
  SIGN_IN_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(10)
    .describe("Sign-in and sign-up attempts allowed per minute from one address."),
  SIGN_IN_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(20)
    .describe(
      "Sign-in attempts allowed per quarter hour for one account, from any address (guessing spread over many addresses); the same limit holds sign-ups, reset and verification mails to one address.",
    ),
  // Socket limits (plugins/socket-limits.ts). Per process: a user's sockets on two processes
  // get a bucket on each. The defaults leave room for a reconnect's burst and a busy recruiter.
  SOCKET_EVENT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(20)
    .describe(
      "Queue, hall, staff and group-session (not media) events one socket may send in a burst; more get `rate_limited`.",
    ),
  SOCKET_EVENTS_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(5)
    .describe("Refill of that burst: such events per second one socket may keep up."),
  USER_EVENT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(40)
    .describe("The same burst shared by all of one user's sockets on one server process."),
  USER_EVENTS_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(10)
    .describe("Refill of the user's burst, in events per second (per server process)."),
  SOCKET_WATCH_STANDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(20)
    .describe("Stands one socket may watch at once (`queue:watch`; its own queues are free)."),
  SOCKET_WATCH_HALLS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(3)
    .describe("Fair halls one socket may watch at once (`hall:watch`)."),
};
