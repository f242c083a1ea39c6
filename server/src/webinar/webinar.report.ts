/**
 * The organiser's figures per group session, counted from the domain's rows
 * (attendance intervals and questions are written by the live half):
 *
 * - registered: registrations on record (a cancelled session keeps them);
 * - attended: distinct viewers with an attendance row (speakers left out);
 * - registeredAttended: those of them who had registered;
 * - peakViewers: the most viewers in the session at one moment, each viewer's
 *   intervals merged first (two tabs are one viewer); an interval still open
 *   counts until the session ended, or until now while it has not;
 * - meanMinutesAttended: the viewers' merged minutes, over `attended`;
 * - questionsAsked / questionsAnswered: questions on record (hidden ones too),
 *   and those marked answered.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import { pickLocalized, type Language, type WebinarFigures } from "@crossfair/shared";
import { fairBySlug } from "../fair/fair.lookup.js";
import type { Database } from "../plugins/db.js";
import { stands } from "../stand/stand.schema.js";
import { titlesOf } from "./webinar.rules.js";
import {
  webinarAttendance,
  webinarQuestions,
  webinarRegistrations,
  webinarSpeakers,
  webinars,
} from "./webinar.schema.js";

type Reader = Pick<Database, "select">;

export interface Interval {
  start: number;
  end: number;
}

/** One viewer's intervals as disjoint ones, in order (touching ones joined). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The most intervals covering one moment (half-open: a leave at t before a join at t). */
export function peakOverlap(intervals: readonly Interval[]): number {
  const edges = intervals.flatMap((i) => [
    { at: i.start, step: 1 },
    { at: i.end, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let current = 0;
  let peak = 0;
  for (const edge of edges) {
    current += edge.step;
    peak = Math.max(peak, current);
  }
  return peak;
}

const MINUTE_MS = 60_000;

export async function webinarReport(
  db: Reader,
  slug: string,
  now: Date,
): Promise<{ webinars: WebinarFigures[] }> {
  const fair = await fairBySlug(db, slug);
  const rows = await db
    .select({ webinar: webinars, standName: stands.organisationName })
    .from(webinars)
    .innerJoin(stands, eq(stands.id, webinars.standId))
    .where(eq(webinars.fairId, fair.id))
    .orderBy(asc(webinars.startsAt), asc(webinars.id));
  if (rows.length === 0) return { webinars: [] };
  const ids = rows.map((row) => row.webinar.id);
  const [registrations, speakers, attendance, questions] = await Promise.all([
    db
      .select({
        webinarId: webinarRegistrations.webinarId,
        userId: webinarRegistrations.candidateId,
      })
      .from(webinarRegistrations)
      .where(inArray(webinarRegistrations.webinarId, ids)),
    db
      .select({ webinarId: webinarSpeakers.webinarId, userId: webinarSpeakers.userId })
      .from(webinarSpeakers)
      .where(inArray(webinarSpeakers.webinarId, ids)),
    db
      .select({
        webinarId: webinarAttendance.webinarId,
        userId: webinarAttendance.userId,
        joinedAt: webinarAttendance.joinedAt,
        leftAt: webinarAttendance.leftAt,
      })
      .from(webinarAttendance)
      .where(inArray(webinarAttendance.webinarId, ids)),
    db
      .select({
        webinarId: webinarQuestions.webinarId,
        asked: sql<number>`count(*)::int`,
        answered: sql<number>`(count(*) filter (where ${webinarQuestions.status} = 'answered'))::int`,
      })
      .from(webinarQuestions)
      .where(inArray(webinarQuestions.webinarId, ids))
      .groupBy(webinarQuestions.webinarId),
  ]);
  const language = fair.languages[0] as Language;
  return {
    webinars: rows.map(({ webinar, standName }) => {
      const registered = new Set(
        registrations.filter((r) => r.webinarId === webinar.id).map((r) => r.userId),
      );
      const speaking = new Set(
        speakers.filter((s) => s.webinarId === webinar.id).map((s) => s.userId),
      );
      const openUntil = (webinar.endedAt ?? now).getTime();
      const perViewer = new Map<string, Interval[]>();
      for (const row of attendance) {
        if (row.webinarId !== webinar.id || speaking.has(row.userId)) continue;
        const end = row.leftAt ? row.leftAt.getTime() : Math.max(openUntil, row.joinedAt.getTime());
        const list = perViewer.get(row.userId) ?? [];
        list.push({ start: row.joinedAt.getTime(), end });
        perViewer.set(row.userId, list);
      }
      const merged = [...perViewer.values()].map(mergeIntervals);
      const totalMs = merged.flat().reduce((sum, i) => sum + (i.end - i.start), 0);
      const attended = perViewer.size;
      const counted = questions.find((q) => q.webinarId === webinar.id);
      return {
        webinarId: webinar.id,
        standId: webinar.standId,
        standName,
        title: pickLocalized(titlesOf(webinar.copy), language).value,
        spokenLanguage: webinar.spokenLanguage,
        startsAt: webinar.startsAt.toISOString(),
        status: webinar.status,
        registered: registered.size,
        attended,
        registeredAttended: [...perViewer.keys()].filter((id) => registered.has(id)).length,
        peakViewers: peakOverlap(merged.flat()),
        meanMinutesAttended:
          attended === 0 ? 0 : Math.round((totalMs / MINUTE_MS / attended) * 10) / 10,
        questionsAsked: counted?.asked ?? 0,
        questionsAnswered: counted?.answered ?? 0,
      };
    }),
  };
}
