/**
 * The queue's durable storage in PostgreSQL/PGlite: what it needs to know
 * about stands (fair, cap, screening questions, staff), the consents and
 * screening answers given when joining, the profiles staff may see, and the
 * append-only queue event log that reports read.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { cached, refreshedCache } from "./queue.refreshed-cache.js";
import type { Language, LocalizedText, SharedProfile } from "@crossfair/shared";
import { conversationLanguages, pickLocalized } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { candidateProfiles } from "../candidate/candidate.schema.js";
import { recordConsent } from "../candidate/consents.js";
import { consentedProfiles } from "../candidate/shared-profile.js";
import { fairRegistrations, fairs } from "../fair/fair.schema.js";
import { standStaff, stands } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { queueEvents, screeningAnswers } from "./queue.schema.js";
import { screeningQuestions } from "../stand/stand.schema.js";

export type { QueueEventType } from "./queue.schema.js";

export interface StandInfo {
  standId: string;
  fairId: string;
  fairLive: boolean;
  /** Whether the fair admits only candidates whose registration was approved. */
  registrationNeedsApproval: boolean;
  approved: boolean;
  queueCap: number;
  /** How long a walk-in interview here is planned to last. */
  interviewMinutes: number;
  questions: { id: string; question: LocalizedText }[];
}

export interface StaffMembership {
  role: "stand_admin" | "recruiter";
  languages: Language[];
  displayName: string;
}

/**
 * Staff consoles are re-sent on every queue change (coalesced per stand), so the
 * reads behind them are cached briefly per process (lru-cache): stand facts,
 * memberships, shared profiles and screening answers. A join refreshes its own
 * entries at once; changes made elsewhere are forgotten in every process at
 * once through the domain events it follows (queue.caches.ts); the TTL (two minutes)
 * only bounds what a lost message could leave, and keeps the queue's hot path
 * off PostgreSQL at fair-time load (with 15 s, most joins missed the cache).
 */
const CACHE_TTL_MS = 120_000;

/** The live fairs change rarely (a status move forgets them at once); sweeps and heartbeats ask every second. */
const LIVE_FAIRS_TTL_MS = 5_000;

interface RawAnswer {
  questionId: string;
  question: LocalizedText;
  answer: string;
}

export class QueueRepository {
  // "none" marks a known absence, since lru-cache does not store undefined.
  readonly #standInfo: LRUCache<string, StandInfo | "none">;
  readonly #memberships: LRUCache<string, StaffMembership | "none">;
  readonly #profiles = new LRUCache<string, SharedProfile | "none">({
    max: 100_000,
    ttl: CACHE_TTL_MS,
  });
  readonly #languages: LRUCache<string, Language[]>;
  readonly #answers = new LRUCache<string, RawAnswer[]>({ max: 100_000, ttl: CACHE_TTL_MS });
  #liveFairs: { ids: string[]; at: number } | null = null;
  #liveFairsRead: Promise<string[]> | null = null;
  /** A stand never moves to another fair, so its fair is kept for good once read. */
  readonly #fairOfStand = new LRUCache<string, string>({ max: 200_000 });

  constructor(
    private readonly db: Database,
    /** How long a cached fact counts as fresh (tests shorten it). */
    ttlMs = CACHE_TTL_MS,
  ) {
    this.#standInfo = refreshedCache(5_000, ttlMs, (standId) => this.#loadStandInfo(standId));
    this.#memberships = refreshedCache(20_000, ttlMs, (key) => this.#loadMembership(key));
    this.#languages = refreshedCache(100_000, ttlMs, (id) => this.#loadLanguages(id));
  }

  /** Stand facts rarely change during a fair; cached briefly to keep joins cheap. */
  async standInfo(standId: string): Promise<StandInfo | null> {
    const info = await cached(this.#standInfo, standId);
    return info === "none" ? null : info;
  }

  async #loadStandInfo(standId: string): Promise<StandInfo | "none"> {
    const [row] = await this.db
      .select({
        standId: stands.id,
        fairId: stands.fairId,
        approval: stands.approvalStatus,
        interviewMinutes: stands.interviewMinutes,
        fairStatus: fairs.status,
        queueCap: fairs.queueCapPerCandidate,
        registrationNeedsApproval: fairs.registrationNeedsApproval,
      })
      .from(stands)
      .innerJoin(fairs, eq(fairs.id, stands.fairId))
      .where(eq(stands.id, standId))
      .limit(1);
    const info: StandInfo | null = row
      ? {
          standId: row.standId,
          fairId: row.fairId,
          fairLive: row.fairStatus === "live",
          registrationNeedsApproval: row.registrationNeedsApproval,
          approved: row.approval === "approved",
          queueCap: row.queueCap,
          interviewMinutes: row.interviewMinutes,
          questions: await this.db
            .select({ id: screeningQuestions.id, question: screeningQuestions.question })
            .from(screeningQuestions)
            .where(
              and(eq(screeningQuestions.standId, standId), isNull(screeningQuestions.removedAt)),
            )
            .orderBy(asc(screeningQuestions.position)),
        }
      : null;
    return info ?? "none";
  }

  /**
   * Forgets a stand's cached facts, after its approval, details or screening
   * questions change; with the answers, which carry the questions' wording.
   */
  forgetStand(standId: string): void {
    this.#standInfo.delete(standId);
    const prefix = `${standId}|`;
    for (const key of [...this.#answers.keys()]) {
      if (key.startsWith(prefix)) this.#answers.delete(key);
    }
  }

  /**
   * Forgets a cached staff membership (also a cached "none"), after someone
   * joins, leaves or edits their languages, so the console sees it at once.
   */
  forgetStaffMembership(standId: string, userId: string): void {
    this.#memberships.delete(`${standId}|${userId}`);
  }

  /** The stand's fair (null for an unknown stand); read once per stand and process. */
  async fairOfStand(standId: string): Promise<string | null> {
    const known = this.#fairOfStand.get(standId);
    if (known) return known;
    const info = await this.standInfo(standId);
    if (info) this.#fairOfStand.set(standId, info.fairId);
    return info?.fairId ?? null;
  }

  /**
   * The fairs whose queues are live, which sweeps and heartbeats visit (the
   * queue store keeps each fair's queues apart). Cached briefly.
   */
  async liveFairIds(): Promise<string[]> {
    const now = Date.now();
    if (this.#liveFairs && now - this.#liveFairs.at < LIVE_FAIRS_TTL_MS) return this.#liveFairs.ids;
    // One read at a time for every caller; a failed read keeps the last known list.
    this.#liveFairsRead ??= this.db
      .select({ id: fairs.id })
      .from(fairs)
      .where(eq(fairs.status, "live"))
      .then((rows) => {
        this.#liveFairs = { ids: rows.map((row) => row.id), at: Date.now() };
        return this.#liveFairs.ids;
      })
      .catch((error: unknown) => {
        if (this.#liveFairs) return this.#liveFairs.ids;
        throw error;
      })
      .finally(() => {
        this.#liveFairsRead = null;
      });
    return this.#liveFairsRead;
  }

  /** Forgets the cached facts of a fair's stands, after the fair's status or settings change. */
  forgetFair(fairId: string): void {
    this.#liveFairs = null;
    for (const [standId, info] of this.#standInfo.entries()) {
      if (info !== "none" && info.fairId === fairId) this.#standInfo.delete(standId);
    }
  }

  /** The ids of a fair's approved stands (the hall's), or null when there is no such fair. */
  async approvedStandsOf(fairId: string): Promise<string[] | null> {
    const [fair] = await this.db
      .select({ id: fairs.id })
      .from(fairs)
      .where(eq(fairs.id, fairId))
      .limit(1);
    if (!fair) return null;
    const rows = await this.db
      .select({ id: stands.id })
      .from(stands)
      .where(and(eq(stands.fairId, fairId), eq(stands.approvalStatus, "approved")))
      .orderBy(asc(stands.organisationName));
    return rows.map((row) => row.id);
  }

  /** The stands a user staffs, for their console picker (read fresh, never cached). */
  async standsOf(userId: string) {
    return this.db
      .select({
        standId: stands.id,
        organisationName: stands.organisationName,
        role: standStaff.role,
      })
      .from(standStaff)
      .innerJoin(stands, eq(stands.id, standStaff.standId))
      .where(eq(standStaff.userId, userId))
      .orderBy(asc(stands.organisationName));
  }

  async staffMembership(standId: string, userId: string): Promise<StaffMembership | null> {
    const membership = await cached(this.#memberships, `${standId}|${userId}`);
    return membership === "none" ? null : membership;
  }

  async #loadMembership(key: string): Promise<StaffMembership | "none"> {
    const [standId = "", userId = ""] = key.split("|");
    const [row] = await this.db
      .select({
        role: standStaff.role,
        languages: standStaff.languages,
        displayName: users.displayName,
      })
      .from(standStaff)
      .innerJoin(users, eq(users.id, standStaff.userId))
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
      .limit(1);
    return row ?? "none";
  }

  /**
   * The languages a candidate can hold an interview in (B1 or above), for
   * language-preferring calls: an A1 in common with the recruiter does not
   * count. Asked on every join, so cached (a profile edit reaches new joins
   * within the TTL).
   */
  async candidateLanguages(candidateId: string): Promise<Language[]> {
    return cached(this.#languages, candidateId);
  }

  async #loadLanguages(candidateId: string): Promise<Language[]> {
    const [row] = await this.db
      .select({ languages: candidateProfiles.languages })
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, candidateId))
      .limit(1);
    return row ? conversationLanguages(row.languages) : [];
  }

  /**
   * Reads the languages of every candidate registered for a live fair at once
   * (the queue's upkeep repeats it within the cache's lifetime), so joins at
   * the peak find them in memory instead of asking PostgreSQL one by one.
   */
  async warmLanguages(fairId: string): Promise<void> {
    const rows = await this.db
      .select({ candidateId: candidateProfiles.userId, languages: candidateProfiles.languages })
      .from(candidateProfiles)
      .innerJoin(fairRegistrations, eq(fairRegistrations.candidateId, candidateProfiles.userId))
      .where(eq(fairRegistrations.fairId, fairId));
    for (const row of rows) {
      this.#languages.set(row.candidateId, conversationLanguages(row.languages));
    }
  }

  /** Records consent (unless one is already active) and the screening answers. */
  async recordJoin(
    standId: string,
    candidateId: string,
    answers: { questionId: string; answer: string }[],
  ): Promise<void> {
    // Two independent single statements, no transaction: a join holds no pooled connection
    // across event-loop turns (at fair-time load that starved the pool). A consent written
    // before a failed answers insert is still the candidate's own consent.
    await Promise.all([
      recordConsent(this.db, standId, candidateId),
      answers.length > 0
        ? this.db
            .insert(screeningAnswers)
            .values(answers.map((answer) => ({ ...answer, candidateId })))
        : undefined,
    ]);
    this.#profiles.delete(`${standId}|${candidateId}`);
    this.#answers.delete(`${standId}|${candidateId}`);
  }

  /**
   * Forgets a cached shared profile (also a cached "none"), after the
   * candidate gives or revokes consent for the stand: a revoked profile must
   * leave the staff console at once, not when the cache entry expires.
   */
  forgetProfile(standId: string, candidateId: string): void {
    this.#profiles.delete(`${standId}|${candidateId}`);
    this.#answers.delete(`${standId}|${candidateId}`);
  }

  /** Profiles of the given candidates who consented to share with this stand. */
  async sharedProfiles(
    standId: string,
    candidateIds: string[],
  ): Promise<Map<string, SharedProfile>> {
    const missing = candidateIds.filter((id) => !this.#profiles.has(`${standId}|${id}`));
    if (missing.length > 0) {
      const fetched = await consentedProfiles(this.db, standId, missing);
      for (const id of missing) this.#profiles.set(`${standId}|${id}`, fetched.get(id) ?? "none");
    }
    const result = new Map<string, SharedProfile>();
    for (const id of candidateIds) {
      const profile = this.#profiles.get(`${standId}|${id}`);
      if (profile && profile !== "none") result.set(id, profile);
    }
    return result;
  }

  /**
   * The latest answer per question, in the language the staff member reads;
   * answers to questions since removed still show, after the asked ones.
   */
  async screeningAnswers(
    standId: string,
    candidateIds: string[],
    language: Language,
  ): Promise<Map<string, { question: string; answer: string }[]>> {
    const missing = candidateIds.filter((id) => !this.#answers.has(`${standId}|${id}`));
    if (missing.length > 0) {
      const rows = await this.db
        .select({
          candidateId: screeningAnswers.candidateId,
          questionId: screeningAnswers.questionId,
          question: screeningQuestions.question,
          answer: screeningAnswers.answer,
        })
        .from(screeningAnswers)
        .innerJoin(screeningQuestions, eq(screeningQuestions.id, screeningAnswers.questionId))
        .where(
          and(
            eq(screeningQuestions.standId, standId),
            inArray(screeningAnswers.candidateId, missing),
          ),
        )
        .orderBy(
          asc(sql`${screeningQuestions.removedAt} is not null`),
          asc(screeningQuestions.position),
          desc(screeningAnswers.answeredAt),
        );
      const latest = new Map<string, RawAnswer[]>(missing.map((id) => [id, []]));
      for (const row of rows) {
        const list = latest.get(row.candidateId);
        if (!list || list.some((answer) => answer.questionId === row.questionId)) continue;
        list.push({ questionId: row.questionId, question: row.question, answer: row.answer });
      }
      for (const [id, list] of latest) this.#answers.set(`${standId}|${id}`, list);
    }
    const result = new Map<string, { question: string; answer: string }[]>();
    for (const id of candidateIds) {
      const list = this.#answers.get(`${standId}|${id}`) ?? [];
      if (list.length === 0) continue;
      result.set(
        id,
        list.map((entry) => ({
          question: pickLocalized(entry.question, language).value,
          answer: entry.answer,
        })),
      );
    }
    return result;
  }

  async appendEvents(rows: (typeof queueEvents.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(queueEvents).values(rows);
  }
}
