/**
 * The interview manager's view of the realtime connection: the shared link
 * (`socketLink` in connection.link.ts, which checks acks and events against
 * the shared schemas), narrowed to what the interview uses, so unit tests
 * drive the manager with a small fake.
 */
import type { RealtimeLink } from "../connection/connection.link.js";

export type InterviewRequest = RealtimeLink["request"];

export type InterviewLink = Pick<RealtimeLink, "connected" | "request" | "on" | "onConnection">;
