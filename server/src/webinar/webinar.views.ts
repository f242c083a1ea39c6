/**
 * What the webinar domain reads: a stand with its fair's calendar, and
 * sessions in the shape every page sees (`Webinar`): the stand's name, the
 * speakers in their order, how many registered, and whether the reader did.
 */
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { ErrorCode, type Language, type OpeningHours, type Webinar } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { fairs } from "../fair/fair.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { stands } from "../stand/stand.schema.js";
import { endOf } from "./webinar.rules.js";
import { webinarRegistrations, webinarSpeakers, webinars } from "./webinar.schema.js";

type Reader = Pick<Database, "select">;

export interface StandForWebinars {
  standId: string;
  standName: string;
  approved: boolean;
  fairId: string;
  languages: Language[];
  timeZone: string;
  openingHours: OpeningHours[];
}

/** The stand and its fair's languages, time zone and hours; `not_found` for no stand. */
export async function standForWebinars(db: Reader, standId: string): Promise<StandForWebinars> {
  const [row] = await db
    .select({
      standId: stands.id,
      standName: stands.organisationName,
      approvalStatus: stands.approvalStatus,
      fairId: fairs.id,
      languages: fairs.languages,
      timeZone: fairs.timeZone,
      openingHours: fairs.openingHours,
    })
    .from(stands)
    .innerJoin(fairs, eq(fairs.id, stands.fairId))
    .where(eq(stands.id, standId))
    .limit(1);
  if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
  const { approvalStatus, ...rest } = row;
  return { ...rest, approved: approvalStatus === "approved" };
}

const registeredCount = sql<number>`(select count(*)::int from ${webinarRegistrations}
  where ${webinarRegistrations.webinarId} = ${webinars.id})`;

/** Which sessions to read: these ids, a stand's, a fair's, or those a candidate registered for. */
export type WebinarSelection =
  | { ids: readonly string[] }
  | { standId: string }
  | { fairId: string; approvedStandsOnly: true }
  | { registeredBy: string };

function whereOf(selection: WebinarSelection): SQL | undefined {
  if ("ids" in selection) return inArray(webinars.id, [...selection.ids]);
  const notCancelled = ne(webinars.status, "cancelled");
  if ("standId" in selection) return and(eq(webinars.standId, selection.standId), notCancelled);
  if ("fairId" in selection) {
    return and(
      eq(webinars.fairId, selection.fairId),
      eq(stands.approvalStatus, "approved"),
      notCancelled,
    );
  }
  return and(
    notCancelled,
    sql`exists (select 1 from ${webinarRegistrations}
      where ${webinarRegistrations.webinarId} = ${webinars.id}
      and ${webinarRegistrations.candidateId} = ${selection.registeredBy})`,
  );
}

/** The selected sessions, soonest first, as `viewerId` (null: signed out) sees them. */
export async function webinarViews(
  db: Reader,
  selection: WebinarSelection,
  viewerId: string | null,
): Promise<Webinar[]> {
  if ("ids" in selection && selection.ids.length === 0) return [];
  const rows = await db
    .select({ webinar: webinars, standName: stands.organisationName, registeredCount })
    .from(webinars)
    .innerJoin(stands, eq(stands.id, webinars.standId))
    .where(whereOf(selection))
    .orderBy(asc(webinars.startsAt), asc(webinars.id));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.webinar.id);
  const [speakers, mine] = await Promise.all([
    db
      .select({
        webinarId: webinarSpeakers.webinarId,
        userId: webinarSpeakers.userId,
        displayName: users.displayName,
      })
      .from(webinarSpeakers)
      .innerJoin(users, eq(users.id, webinarSpeakers.userId))
      .where(inArray(webinarSpeakers.webinarId, ids))
      .orderBy(asc(webinarSpeakers.position)),
    viewerId
      ? db
          .select({ webinarId: webinarRegistrations.webinarId })
          .from(webinarRegistrations)
          .where(
            and(
              inArray(webinarRegistrations.webinarId, ids),
              eq(webinarRegistrations.candidateId, viewerId),
            ),
          )
      : Promise.resolve([]),
  ]);
  const registered = new Set(mine.map((row) => row.webinarId));
  return rows.map(({ webinar, standName, registeredCount }) => ({
    id: webinar.id,
    fairId: webinar.fairId,
    standId: webinar.standId,
    standName,
    copy: webinar.copy,
    spokenLanguage: webinar.spokenLanguage,
    startsAt: webinar.startsAt.toISOString(),
    endsAt: endOf(webinar.startsAt, webinar.minutes).toISOString(),
    minutes: webinar.minutes,
    capacity: webinar.capacity,
    registeredCount,
    status: webinar.status,
    speakers: speakers
      .filter((speaker) => speaker.webinarId === webinar.id)
      .map(({ userId, displayName }) => ({ userId, displayName })),
    registered: registered.has(webinar.id),
  }));
}

/** One session as `viewerId` sees it; `not_found` when there is none. */
export async function webinarView(
  db: Reader,
  webinarId: string,
  viewerId: string | null,
): Promise<Webinar> {
  const [webinar] = await webinarViews(db, { ids: [webinarId] }, viewerId);
  if (!webinar) throw new AppError(ErrorCode.notFound, "no such session");
  return webinar;
}
