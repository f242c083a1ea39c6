/**
 * Group sessions at stands, the scheduling half: a stand's admin (or a fair
 * admin) schedules, changes and cancels a session; candidates register and
 * withdraw; everyone lists them. The live half (attendance, questions, the
 * stage) is `live/`, which moves a session to `live` and `ended`.
 *
 * Registration holds the session's row (`for update`) while it counts the
 * places, so registrations racing for the last places cannot overbook; a
 * repeated registration answers the same and is told once. The clock is injected.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import {
  ErrorCode,
  type SessionUser,
  type StandStaffRole,
  type Webinar,
  type WebinarBody,
} from "@crossfair/shared";
import type { Clock } from "../availability/availability.rules.js";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standStaff } from "../stand/stand.schema.js";
import { checkWebinarBody, endOf, isOver, requireScheduled } from "./webinar.rules.js";
import { webinarRegistrations, webinarSpeakers, webinars } from "./webinar.schema.js";
import { standForWebinars, webinarView, webinarViews } from "./webinar.views.js";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Who schedules: a stand admin of the stand, or a fair admin (`standRole` null). */
export interface WebinarActor {
  userId: string;
  standRole: StandStaffRole | null;
}

export interface WebinarDeps {
  db: Database;
  events: Pick<DomainEvents, "emit">;
  now: Clock;
}

export class WebinarService {
  constructor(private readonly deps: WebinarDeps) {}

  async schedule(actor: WebinarActor, standId: string, body: WebinarBody): Promise<Webinar> {
    const { db, now } = this.deps;
    const stand = await standForWebinars(db, standId);
    checkWebinarBody(body, stand, now());
    const webinarId = await db.transaction(async (tx) => {
      await requireStaff(tx, standId, body.speakerIds);
      const [{ id }] = (await tx
        .insert(webinars)
        .values({ ...columnsOf(body), fairId: stand.fairId, standId, createdBy: actor.userId })
        .returning({ id: webinars.id })) as [{ id: string }];
      await setSpeakers(tx, id, body.speakerIds);
      return id;
    });
    const webinar = await webinarView(db, webinarId, null);
    await this.deps.events.emit("webinar.scheduled", {
      webinarId,
      standId,
      fairId: stand.fairId,
      startsAt: webinar.startsAt,
    });
    return webinar;
  }

  /** Replaces a scheduled session's details; registrants are told when its time moved. */
  async update(webinarId: string, body: WebinarBody): Promise<Webinar> {
    const { db, now } = this.deps;
    const current = await this.#row(webinarId);
    const stand = await standForWebinars(db, current.standId);
    checkWebinarBody(body, stand, now());
    const changed = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(webinars)
        .where(eq(webinars.id, webinarId))
        .for("update");
      if (!row) throw new AppError(ErrorCode.notFound, "no such session");
      requireScheduled(row.status);
      await requireStaff(tx, row.standId, body.speakerIds);
      const registered = await registrationsOf(tx, webinarId);
      if (body.capacity < registered) {
        throw new AppError(
          ErrorCode.validationFailed,
          `${registered} candidates registered already`,
          "capacity",
        );
      }
      const moved =
        row.startsAt.getTime() !== Date.parse(body.startsAt) || row.minutes !== body.minutes;
      const [updated] = await tx
        .update(webinars)
        .set({ ...columnsOf(body), revision: moved ? row.revision + 1 : row.revision })
        .where(eq(webinars.id, webinarId))
        .returning();
      await tx.delete(webinarSpeakers).where(eq(webinarSpeakers.webinarId, webinarId));
      await setSpeakers(tx, webinarId, body.speakerIds);
      return moved ? { previous: row, updated: updated! } : null;
    });
    if (changed) {
      await this.deps.events.emit("webinar.changed", {
        webinarId,
        startsAt: changed.updated.startsAt.toISOString(),
        previousStartsAt: changed.previous.startsAt.toISOString(),
        revision: changed.updated.revision,
      });
    }
    return webinarView(db, webinarId, null);
  }

  /** Cancels a scheduled session; its registrants are told (`webinar.cancelled`). */
  async cancel(webinarId: string): Promise<void> {
    const { db } = this.deps;
    const { row, candidateIds } = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(webinars)
        .where(eq(webinars.id, webinarId))
        .for("update");
      if (!row) throw new AppError(ErrorCode.notFound, "no such session");
      requireScheduled(row.status);
      const [cancelled] = await tx
        .update(webinars)
        .set({ status: "cancelled", revision: row.revision + 1 })
        .where(eq(webinars.id, webinarId))
        .returning();
      const registrants = await tx
        .select({ candidateId: webinarRegistrations.candidateId })
        .from(webinarRegistrations)
        .where(eq(webinarRegistrations.webinarId, webinarId));
      return { row: cancelled!, candidateIds: registrants.map((entry) => entry.candidateId) };
    });
    await this.deps.events.emit("webinar.cancelled", {
      webinarId,
      startsAt: row.startsAt.toISOString(),
      revision: row.revision,
      candidateIds,
    });
  }

  /**
   * Registers a candidate: again is fine (answered the same, told once);
   * `webinar_ended` for a session over or cancelled, `webinar_full` at capacity.
   */
  async register(candidate: SessionUser, webinarId: string): Promise<Webinar> {
    const { db, now } = this.deps;
    const added = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(webinars)
        .where(eq(webinars.id, webinarId))
        .for("update");
      if (!row) throw new AppError(ErrorCode.notFound, "no such session");
      const [already] = await tx
        .select({ at: webinarRegistrations.registeredAt })
        .from(webinarRegistrations)
        .where(
          and(
            eq(webinarRegistrations.webinarId, webinarId),
            eq(webinarRegistrations.candidateId, candidate.id),
          ),
        );
      if (isOver(row.status, endOf(row.startsAt, row.minutes), now())) {
        throw new AppError(ErrorCode.webinarEnded, `the session is ${row.status}`);
      }
      if (already) return false;
      const registered = await registrationsOf(tx, webinarId);
      if (registered >= row.capacity) throw new AppError(ErrorCode.webinarFull, "no places left");
      await tx
        .insert(webinarRegistrations)
        .values({ webinarId, candidateId: candidate.id, registeredAt: now() });
      return true;
    });
    if (added) {
      await this.deps.events.emit("webinar.registered", { webinarId, candidateId: candidate.id });
    }
    return webinarView(db, webinarId, candidate.id);
  }

  /** Withdraws a registration (none is fine); `not_found` for no session. */
  async unregister(candidateId: string, webinarId: string): Promise<void> {
    await this.#row(webinarId);
    await this.deps.db
      .delete(webinarRegistrations)
      .where(
        and(
          eq(webinarRegistrations.webinarId, webinarId),
          eq(webinarRegistrations.candidateId, candidateId),
        ),
      );
  }

  /** The stand a session is at (for the routes' role check); `not_found` for no session. */
  async standOf(webinarId: string): Promise<string> {
    return (await this.#row(webinarId)).standId;
  }

  get(webinarId: string, viewerId: string | null): Promise<Webinar> {
    return webinarView(this.deps.db, webinarId, viewerId);
  }

  /** A stand's sessions; an unapproved stand's only for its staff and fair admins. */
  async ofStand(standId: string, viewerId: string | null, staff: boolean): Promise<Webinar[]> {
    const stand = await standForWebinars(this.deps.db, standId);
    if (!stand.approved && !staff) throw new AppError(ErrorCode.notFound, "no such stand");
    return webinarViews(this.deps.db, { standId }, viewerId);
  }

  ofFair(fairId: string, viewerId: string | null): Promise<Webinar[]> {
    return webinarViews(this.deps.db, { fairId, approvedStandsOnly: true }, viewerId);
  }

  mine(candidateId: string): Promise<Webinar[]> {
    return webinarViews(this.deps.db, { registeredBy: candidateId }, candidateId);
  }

  async #row(webinarId: string) {
    const [row] = await this.deps.db.select().from(webinars).where(eq(webinars.id, webinarId));
    if (!row) throw new AppError(ErrorCode.notFound, "no such session");
    return row;
  }
}

function columnsOf(body: WebinarBody) {
  return {
    copy: body.copy,
    spokenLanguage: body.spokenLanguage,
    startsAt: new Date(body.startsAt),
    minutes: body.minutes,
    capacity: body.capacity,
  };
}

/** `not_stand_staff` unless every speaker is on the stand's staff. */
async function requireStaff(tx: Tx, standId: string, userIds: string[]): Promise<void> {
  const rows = await tx
    .select({ userId: standStaff.userId })
    .from(standStaff)
    .where(and(eq(standStaff.standId, standId), inArray(standStaff.userId, userIds)));
  if (rows.length !== new Set(userIds).size) {
    throw new AppError(
      ErrorCode.notStandStaff,
      "a speaker is not on the stand's staff",
      "speakerIds",
    );
  }
}

async function registrationsOf(tx: Tx, webinarId: string): Promise<number> {
  const [row] = await tx
    .select({ registered: count() })
    .from(webinarRegistrations)
    .where(eq(webinarRegistrations.webinarId, webinarId));
  return row?.registered ?? 0;
}

async function setSpeakers(tx: Tx, webinarId: string, userIds: string[]): Promise<void> {
  await tx
    .insert(webinarSpeakers)
    .values(userIds.map((userId, position) => ({ webinarId, userId, position })));
}
