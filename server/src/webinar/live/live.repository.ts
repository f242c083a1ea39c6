/**
 * What a live session keeps in the database (PGlite or PostgreSQL): the
 * session's status, its speakers and registrations (read, and a seat taken on
 * join), attendance intervals, questions with their votes, chat and blocked
 * viewers. The tables are the webinar domain's (`webinar.schema.ts`).
 */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  inArray,
  isNull,
  lt,
  notInArray,
  sql,
} from "drizzle-orm";
import type { WebinarChatMessage, WebinarQuestion, WebinarStatus } from "@crossfair/shared";
import { users } from "../../auth/auth.schema.js";
import type { Database } from "../../plugins/db.js";
import { standStaff } from "../../stand/stand.schema.js";
import {
  webinarAttendance,
  webinarBlocks,
  webinarChatMessages,
  webinarQuestions,
  webinarQuestionVotes,
  webinarRegistrations,
  webinarSpeakers,
  webinars,
} from "../webinar.schema.js";
import type { questionChange } from "./live.rules.js";
import { CHAT_HISTORY, type SessionTimes } from "./live.rules.js";

export interface LiveSession extends SessionTimes {
  id: string;
  standId: string;
  capacity: number;
}

type QuestionChange = ReturnType<typeof questionChange>;

const questionColumns = {
  id: webinarQuestions.id,
  userId: webinarQuestions.userId,
  displayName: users.displayName,
  text: webinarQuestions.text,
  askedAt: webinarQuestions.askedAt,
  votes: webinarQuestions.votes,
  status: webinarQuestions.status,
  pinned: webinarQuestions.pinned,
  hidden: webinarQuestions.hidden,
};
const chatColumns = {
  id: webinarChatMessages.id,
  userId: webinarChatMessages.userId,
  displayName: users.displayName,
  text: webinarChatMessages.text,
  sentAt: webinarChatMessages.sentAt,
  hidden: webinarChatMessages.hidden,
};
const toQuestion = ({ askedAt, ...row }: { askedAt: Date } & Omit<WebinarQuestion, "askedAt">) => ({
  ...row,
  askedAt: askedAt.getTime(),
});
const toMessage = ({ sentAt, ...row }: { sentAt: Date } & Omit<WebinarChatMessage, "sentAt">) => ({
  ...row,
  sentAt: sentAt.getTime(),
});

export class LiveRepository {
  constructor(private readonly db: Database) {}

  async session(webinarId: string): Promise<LiveSession | null> {
    const [row] = await this.db
      .select({
        id: webinars.id,
        standId: webinars.standId,
        status: webinars.status,
        startsAt: webinars.startsAt,
        minutes: webinars.minutes,
        capacity: webinars.capacity,
      })
      .from(webinars)
      .where(eq(webinars.id, webinarId));
    if (!row) return null;
    const startsAt = row.startsAt.getTime();
    return { ...row, startsAt, endsAt: startsAt + row.minutes * 60_000 };
  }

  /** Whether the user speaks in the session, and whether they staff its stand. */
  async standing(webinarId: string, standId: string, userId: string) {
    const [speaker] = await this.db
      .select({ userId: webinarSpeakers.userId })
      .from(webinarSpeakers)
      .where(and(eq(webinarSpeakers.webinarId, webinarId), eq(webinarSpeakers.userId, userId)));
    const [staff] = await this.db
      .select({ userId: standStaff.userId })
      .from(standStaff)
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)));
    return { isSpeaker: speaker !== undefined, isStandStaff: staff !== undefined };
  }

  async speakers(webinarId: string): Promise<{ userId: string; displayName: string }[]> {
    return this.db
      .select({ userId: webinarSpeakers.userId, displayName: users.displayName })
      .from(webinarSpeakers)
      .innerJoin(users, eq(users.id, webinarSpeakers.userId))
      .where(eq(webinarSpeakers.webinarId, webinarId))
      .orderBy(asc(webinarSpeakers.position));
  }

  async isRegistered(webinarId: string, candidateId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: webinarRegistrations.candidateId })
      .from(webinarRegistrations)
      .where(
        and(
          eq(webinarRegistrations.webinarId, webinarId),
          eq(webinarRegistrations.candidateId, candidateId),
        ),
      );
    return row !== undefined;
  }

  /**
   * A seat for the candidate: kept if registered, else taken while the
   * session has room. The session's row is locked meanwhile, so two joins
   * for the last seat cannot both take it. `check` throws when there is none.
   */
  async takeSeat(
    webinarId: string,
    candidateId: string,
    check: (registered: boolean, registeredCount: number, capacity: number) => void,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [session] = await tx
        .select({ capacity: webinars.capacity })
        .from(webinars)
        .where(eq(webinars.id, webinarId))
        .for("update");
      if (!session) return;
      const registrations = and(eq(webinarRegistrations.webinarId, webinarId));
      const [mine] = await tx
        .select({ id: webinarRegistrations.candidateId })
        .from(webinarRegistrations)
        .where(and(registrations, eq(webinarRegistrations.candidateId, candidateId)));
      if (mine) return;
      const [taken] = await tx
        .select({ n: count() })
        .from(webinarRegistrations)
        .where(registrations);
      check(false, taken?.n ?? 0, session.capacity);
      await tx
        .insert(webinarRegistrations)
        .values({ webinarId, candidateId })
        .onConflictDoNothing();
    });
  }

  /** Moves the status when it is still one of `from`; answers whether it moved. */
  async moveStatus(
    webinarId: string,
    from: WebinarStatus[],
    to: "live" | "ended",
    at: Date,
  ): Promise<boolean> {
    const moved = await this.db
      .update(webinars)
      .set(to === "live" ? { status: to, wentLiveAt: at } : { status: to, endedAt: at })
      .where(and(eq(webinars.id, webinarId), inArray(webinars.status, from)))
      .returning({ id: webinars.id });
    return moved.length > 0;
  }

  /** Sessions still scheduled or live whose time to end by themselves has come. */
  async overdue(before: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: webinars.id })
      .from(webinars)
      .where(
        and(
          inArray(webinars.status, ["scheduled", "live"]),
          lt(sql`${webinars.startsAt} + make_interval(mins => ${webinars.minutes})`, before),
        ),
      )
      .limit(100);
    return rows.map((row) => row.id);
  }

  // ---- attendance ----

  async openAttendance(row: {
    webinarId: string;
    userId: string;
    socketId: string;
    processId: string;
    at: Date;
  }): Promise<void> {
    const { at, ...rest } = row;
    await this.db.insert(webinarAttendance).values({ ...rest, joinedAt: at });
  }

  async closeAttendance(webinarId: string, socketId: string, at: Date): Promise<void> {
    await this.db
      .update(webinarAttendance)
      .set({ leftAt: at })
      .where(
        and(
          eq(webinarAttendance.webinarId, webinarId),
          eq(webinarAttendance.socketId, socketId),
          isNull(webinarAttendance.leftAt),
        ),
      );
  }

  async closeAllAttendance(webinarId: string, at: Date): Promise<void> {
    await this.db
      .update(webinarAttendance)
      .set({ leftAt: at })
      .where(and(eq(webinarAttendance.webinarId, webinarId), isNull(webinarAttendance.leftAt)));
  }

  /** Closes the open rows of processes no longer alive; answers the sessions they were in. */
  async closeAttendanceOutside(alive: string[], at: Date): Promise<string[]> {
    const rows = await this.db
      .update(webinarAttendance)
      .set({ leftAt: at })
      .where(and(isNull(webinarAttendance.leftAt), notInArray(webinarAttendance.processId, alive)))
      .returning({ webinarId: webinarAttendance.webinarId });
    return [...new Set(rows.map((row) => row.webinarId))];
  }

  /** This process stops: the rows of its sockets close now rather than on another's sweep. */
  async closeAttendanceOf(processId: string, at: Date): Promise<void> {
    await this.db
      .update(webinarAttendance)
      .set({ leftAt: at })
      .where(and(isNull(webinarAttendance.leftAt), eq(webinarAttendance.processId, processId)));
  }

  /** Whether the person is still in the session through another socket (another tab). */
  async isPresent(webinarId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: webinarAttendance.id })
      .from(webinarAttendance)
      .where(
        and(
          eq(webinarAttendance.webinarId, webinarId),
          eq(webinarAttendance.userId, userId),
          isNull(webinarAttendance.leftAt),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** Viewers in the session now: people with an open row (two tabs count once). */
  async viewerCount(webinarId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: countDistinct(webinarAttendance.userId) })
      .from(webinarAttendance)
      .where(and(eq(webinarAttendance.webinarId, webinarId), isNull(webinarAttendance.leftAt)));
    return row?.n ?? 0;
  }

  // ---- questions ----

  async questions(webinarId: string, withHidden: boolean): Promise<WebinarQuestion[]> {
    const rows = await this.db
      .select(questionColumns)
      .from(webinarQuestions)
      .innerJoin(users, eq(users.id, webinarQuestions.userId))
      .where(
        and(
          eq(webinarQuestions.webinarId, webinarId),
          withHidden ? undefined : eq(webinarQuestions.hidden, false),
        ),
      );
    return rows.map(toQuestion);
  }

  async question(webinarId: string, questionId: string): Promise<WebinarQuestion | null> {
    const [row] = await this.db
      .select(questionColumns)
      .from(webinarQuestions)
      .innerJoin(users, eq(users.id, webinarQuestions.userId))
      .where(and(eq(webinarQuestions.webinarId, webinarId), eq(webinarQuestions.id, questionId)));
    return row ? toQuestion(row) : null;
  }

  async myVotes(webinarId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: webinarQuestionVotes.questionId })
      .from(webinarQuestionVotes)
      .innerJoin(webinarQuestions, eq(webinarQuestions.id, webinarQuestionVotes.questionId))
      .where(
        and(eq(webinarQuestions.webinarId, webinarId), eq(webinarQuestionVotes.userId, userId)),
      );
    return rows.map((row) => row.id);
  }

  async ask(webinarId: string, userId: string, text: string, at: Date): Promise<string> {
    const [row] = await this.db
      .insert(webinarQuestions)
      .values({ webinarId, userId, text, askedAt: at })
      .returning({ id: webinarQuestions.id });
    return row!.id;
  }

  /** A user's vote on or off; a second vote (or unvote) the same way changes nothing. */
  async vote(questionId: string, userId: string, voted: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      const changed = voted
        ? await tx
            .insert(webinarQuestionVotes)
            .values({ questionId, userId })
            .onConflictDoNothing()
            .returning({ id: webinarQuestionVotes.questionId })
        : await tx
            .delete(webinarQuestionVotes)
            .where(
              and(
                eq(webinarQuestionVotes.questionId, questionId),
                eq(webinarQuestionVotes.userId, userId),
              ),
            )
            .returning({ id: webinarQuestionVotes.questionId });
      if (changed.length === 0) return;
      await tx
        .update(webinarQuestions)
        .set({ votes: sql`${webinarQuestions.votes} + ${voted ? 1 : -1}` })
        .where(eq(webinarQuestions.id, questionId));
    });
  }

  async changeQuestion(questionId: string, change: QuestionChange): Promise<void> {
    await this.db.update(webinarQuestions).set(change).where(eq(webinarQuestions.id, questionId));
  }

  // ---- chat ----

  async chat(webinarId: string, withHidden: boolean): Promise<WebinarChatMessage[]> {
    const rows = await this.db
      .select(chatColumns)
      .from(webinarChatMessages)
      .innerJoin(users, eq(users.id, webinarChatMessages.userId))
      .where(
        and(
          eq(webinarChatMessages.webinarId, webinarId),
          withHidden ? undefined : eq(webinarChatMessages.hidden, false),
        ),
      )
      .orderBy(desc(webinarChatMessages.sentAt), desc(webinarChatMessages.id))
      .limit(CHAT_HISTORY);
    return rows.map(toMessage).reverse();
  }

  async message(webinarId: string, messageId: string): Promise<WebinarChatMessage | null> {
    const [row] = await this.db
      .select(chatColumns)
      .from(webinarChatMessages)
      .innerJoin(users, eq(users.id, webinarChatMessages.userId))
      .where(
        and(eq(webinarChatMessages.webinarId, webinarId), eq(webinarChatMessages.id, messageId)),
      );
    return row ? toMessage(row) : null;
  }

  async say(webinarId: string, userId: string, text: string, at: Date): Promise<string> {
    const [row] = await this.db
      .insert(webinarChatMessages)
      .values({ webinarId, userId, text, sentAt: at })
      .returning({ id: webinarChatMessages.id });
    return row!.id;
  }

  async hideMessage(messageId: string, hidden: boolean): Promise<void> {
    await this.db
      .update(webinarChatMessages)
      .set({ hidden })
      .where(eq(webinarChatMessages.id, messageId));
  }

  // ---- blocks ----

  async isBlocked(webinarId: string, userId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: webinarBlocks.userId })
      .from(webinarBlocks)
      .where(and(eq(webinarBlocks.webinarId, webinarId), eq(webinarBlocks.userId, userId)));
    return row !== undefined;
  }

  async setBlocked(webinarId: string, userId: string, blocked: boolean, by: string) {
    if (blocked) {
      await this.db
        .insert(webinarBlocks)
        .values({ webinarId, userId, blockedBy: by })
        .onConflictDoNothing();
      return;
    }
    await this.db
      .delete(webinarBlocks)
      .where(and(eq(webinarBlocks.webinarId, webinarId), eq(webinarBlocks.userId, userId)));
  }

  async displayName(userId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, userId));
    return row?.name ?? null;
  }
}
