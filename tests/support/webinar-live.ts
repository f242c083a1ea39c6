/**
 * Group sessions for the live suites: one scheduled straight into the
 * database on a demo stand (the scheduling routes have their own suite), the
 * demo people by email, and a socket call that returns its ack untyped.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { App } from "@crossfair/server/app";
import { users } from "@crossfair/server/auth/auth.schema";
import { stands } from "@crossfair/server/stand/stand.schema";
import { webinarSpeakers, webinars } from "@crossfair/server/webinar/webinar.schema";
import type { WebinarStatus } from "@crossfair/shared";
import type { TestSocket } from "./socket-client.js";

export interface ScheduledWebinar {
  standName?: string;
  speakerEmails?: string[];
  /** Epoch ms; five minutes ago unless given. */
  startsAt?: number;
  minutes?: number;
  capacity?: number;
  status?: WebinarStatus;
}

export async function userIdOf(app: App, email: string): Promise<string> {
  const [row] = await app.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`no account ${email}`);
  return row.id;
}

/** A session on a demo stand (Hainaut Logistique, its stand admin speaking, unless told). */
export async function scheduleWebinar(app: App, options: ScheduledWebinar = {}): Promise<string> {
  const { db } = app.database;
  const [stand] = await db
    .select({ id: stands.id, fairId: stands.fairId })
    .from(stands)
    .where(eq(stands.organisationName, options.standName ?? "Hainaut Logistique"));
  if (!stand) throw new Error("the demo stand is missing");
  const id = randomUUID();
  await db.insert(webinars).values({
    id,
    fairId: stand.fairId,
    standId: stand.id,
    copy: { fr: { title: "Travailler en Belgique", description: "" } },
    spokenLanguage: "fr",
    startsAt: new Date(options.startsAt ?? Date.now() - 5 * 60_000),
    minutes: options.minutes ?? 60,
    capacity: options.capacity ?? 100,
    status: options.status ?? "scheduled",
  });
  const speakers = options.speakerEmails ?? ["standadmin@crossfair.test"];
  for (const [position, email] of speakers.entries()) {
    await db
      .insert(webinarSpeakers)
      .values({ webinarId: id, userId: await userIdOf(app, email), position });
  }
  return id;
}

export interface Ack {
  ok: boolean;
  code?: string;
  [key: string]: unknown;
}

/** One event with its ack, whatever the event (hostile and matrix tests send any payload). */
export async function ask(socket: TestSocket, event: string, payload: unknown): Promise<Ack> {
  const untyped = socket.timeout(10_000) as unknown as {
    emitWithAck(name: string, body: unknown): Promise<Ack>;
  };
  return untyped.emitWithAck(event, payload);
}
