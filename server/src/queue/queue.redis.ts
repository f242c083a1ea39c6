/**
 * Redis-backed queue store, shared by every server process, on one Redis or a
 * Redis/Valkey Cluster. Every change is one Lua script (lua/*.lua) over keys it
 * declares, all under the fair's hash tag (keys.ts), so it is atomic and stays
 * in one slot; the script also appends the change's records to the fair's
 * outbox stream and returns the stand's delta, which `onDeltas` listeners get.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { RedisClient } from "../plugins/redis.js";
import { FAIR_KEYS, STAND_KEYS, luaKeyPrelude, queueKeys, type QueueKeys } from "./keys.js";
import { RedisQueueOutbox } from "./queue.redis-outbox.js";
import {
  asArray,
  parseStandRead,
  toDelta,
  toEntry,
  type RawDelta,
  type RawEntry,
  type RawStandRead,
} from "./queue.redis-codec.js";
import {
  CALL_SCAN_LIMIT,
  MAX_LANGUAGE_SKIPS,
  type AbsentCandidate,
  type AnswerInput,
  type AnswerOutcome,
  type BookedCallOutcome,
  type CallBookedInput,
  type CallNextInput,
  type CallOutcome,
  type CandidateSnapshot,
  type ExpiredCall,
  type FinishInput,
  type JoinInput,
  type JoinOutcome,
  type LeaveInput,
  type QueueEntry,
  type QueueStore,
  type RecruiterPresence,
  type StandCounts,
  type StandDelta,
  type StandHead,
  type StandRef,
  type StandSnapshot,
  type StandView,
} from "./queue.store.js";

const STAND_SCRIPTS = [
  "join",
  "leave",
  "snooze",
  "call-next",
  "call-booked",
  "answer-call",
  "expire-call",
  "finish-interview",
  "set-stand-open",
  "stand-read",
] as const;
const FAIR_SCRIPTS = ["absent-candidates"] as const;
type StandScript = (typeof STAND_SCRIPTS)[number];
type FairScript = (typeof FAIR_SCRIPTS)[number];

const readLua = (name: string) =>
  readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), "utf8");
const commandName = (name: string) => `crossfair_${name.replaceAll("-", "_")}`;

/** Most members one presence ZADD carries, so no single command blocks Redis for long. */
const PRESENCE_CHUNK = 500;
/** Most absent candidates one sweep step handles per fair. */
const ABSENT_BATCH = 500;

type Answer = {
  s: string;
  e?: RawEntry | false;
  c?: string;
  r?: string;
  /** The booking of a booked call (false for a walk-in's). */
  b?: string | false;
  x?: unknown;
  delta: RawDelta | false;
};

export class RedisQueueStore implements QueueStore {
  readonly kind = "redis" as const;
  readonly outbox: RedisQueueOutbox;
  readonly #keys: QueueKeys;
  readonly #deltaListeners: ((deltas: StandDelta[]) => void)[] = [];
  /** While a sweep runs several scripts, their deltas are held and told in one call. */
  #heldDeltas: StandDelta[] | null = null;
  #closed = false;

  constructor(
    private readonly redis: RedisClient,
    prefix = "crossfair:q",
  ) {
    this.#keys = queueKeys(prefix);
    this.outbox = new RedisQueueOutbox(redis, this.#keys);
    const standPrelude = `${luaKeyPrelude(true)}\n${readLua("lib")}`;
    for (const name of STAND_SCRIPTS) {
      if (commandName(name) in redis) continue;
      redis.defineCommand(commandName(name), {
        numberOfKeys: FAIR_KEYS.length + STAND_KEYS.length,
        lua: `${standPrelude}\n${readLua(name)}`,
      });
    }
    if (!(commandName("candidate-read") in redis)) {
      // Its keys depend on the candidate's stands: no fixed count, the call passes it.
      redis.defineCommand(commandName("candidate-read"), { lua: readLua("candidate-read") });
    }
    for (const name of FAIR_SCRIPTS) {
      if (commandName(name) in redis) continue;
      redis.defineCommand(commandName(name), {
        numberOfKeys: FAIR_KEYS.length,
        lua: `${luaKeyPrelude(false)}\n${readLua(name)}`,
      });
    }
  }

  onDeltas(listener: (deltas: StandDelta[]) => void): void {
    this.#deltaListeners.push(listener);
  }

  #command<T>(name: string, keys: string[], args: (string | number)[]): Promise<T> {
    const command = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[
      commandName(name)
    ];
    if (!command) throw new Error(`queue script ${name} is not defined`);
    return command.call(this.redis, ...keys, ...args);
  }

  /** Runs a stand script; its delta goes to the listeners before the answer is returned. */
  async #stand(
    name: StandScript,
    ref: StandRef,
    now: number,
    ...args: (string | number)[]
  ): Promise<Answer> {
    await this.outbox.register(ref.fairId);
    const json = await this.#command<string>(name, this.#keys.scriptKeys(ref.fairId, ref.standId), [
      ref.standId,
      now,
      ...args,
      randomUUID(),
    ]);
    const answer = JSON.parse(json) as Answer;
    if (answer.delta) this.#emit([toDelta(ref, answer.delta)]);
    return answer;
  }

  #fair<T>(name: FairScript, fairId: string, ...args: (string | number)[]): Promise<T> {
    return this.#command<T>(name, this.#keys.scriptKeys(fairId), args);
  }

  #emit(deltas: StandDelta[]): void {
    if (this.#heldDeltas) {
      this.#heldDeltas.push(...deltas);
      return;
    }
    for (const listener of this.#deltaListeners) listener(deltas);
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error("queue store is closed");
    const answer = await this.redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected PING answer: ${answer}`);
  }

  async close(): Promise<void> {
    // The connection belongs to the RedisConnections that made it.
    this.#closed = true;
  }

  async join(input: JoinInput): Promise<JoinOutcome> {
    const answer = await this.#stand(
      "join",
      input,
      input.now,
      input.candidateId,
      input.languages.join(","),
      input.cap,
      JSON.stringify(input.answers),
    );
    if ((answer.s === "joined" || answer.s === "already") && answer.e) {
      return { status: answer.s, entry: toEntry(input.candidateId, answer.e) };
    }
    return { status: answer.s === "cap_reached" ? "cap_reached" : "stand_closed" };
  }

  async leave(input: LeaveInput): Promise<{ calledBy: string } | null> {
    const answer = await this.#stand(
      "leave",
      input,
      input.now,
      input.candidateId,
      input.reason ?? "",
      input.absentSince ?? "",
    );
    return answer.s === "left" ? { calledBy: answer.r ?? "" } : null;
  }

  async setSnoozed(ref: StandRef, candidateId: string, snoozed: boolean, now: number) {
    const answer = await this.#stand("snooze", ref, now, candidateId, snoozed ? "1" : "0");
    if (answer.s === "not_in_queue" || !answer.e) return { status: "not_in_queue" as const };
    return { status: answer.s as "ok" | "busy", entry: toEntry(candidateId, answer.e) };
  }

  async callNext(input: CallNextInput): Promise<CallOutcome> {
    const answer = await this.#stand(
      "call-next",
      input,
      input.now,
      input.recruiterId,
      input.languages.join(","),
      input.deadline,
      input.onlineSince,
      CALL_SCAN_LIMIT,
      MAX_LANGUAGE_SKIPS,
    );
    if (answer.s === "called" && answer.c && answer.e) {
      return { status: "called", candidateId: answer.c, entry: toEntry(answer.c, answer.e) };
    }
    if (answer.s === "stand_closed" || answer.s === "recruiter_busy" || answer.s === "paused") {
      return { status: answer.s };
    }
    return { status: "empty" };
  }

  async callBooked(input: CallBookedInput): Promise<BookedCallOutcome> {
    const answer = await this.#stand(
      "call-booked",
      input,
      input.now,
      input.candidateId,
      input.recruiterId,
      input.languages.join(","),
      input.deadline,
      input.bookingId,
      input.plannedEndsAt,
    );
    if ((answer.s === "called" || answer.s === "already") && answer.e) {
      return { status: answer.s, entry: toEntry(input.candidateId, answer.e) };
    }
    return { status: answer.s === "recruiter_busy" ? "recruiter_busy" : "candidate_busy" };
  }

  async answerCall(input: AnswerInput): Promise<AnswerOutcome> {
    const answer = await this.#stand(
      "answer-call",
      input,
      input.now,
      input.candidateId,
      input.accept ? "1" : "0",
      input.interviewId,
      input.plannedEndsAt,
    );
    const recruiterId = answer.r ?? "";
    const booked = answer.b ? { bookingId: answer.b } : {};
    switch (answer.s) {
      case "accepted":
      case "returned":
      case "expired_returned":
        return {
          status: answer.s,
          entry: toEntry(input.candidateId, answer.e || ({} as RawEntry)),
          recruiterId,
          ...booked,
        };
      case "removed":
      case "expired_removed":
        return { status: answer.s, recruiterId, ...booked };
      default:
        return { status: "not_called" };
    }
  }

  async finishInterview(input: FinishInput): Promise<boolean> {
    const answer = await this.#stand(
      "finish-interview",
      input,
      input.now,
      input.candidateId,
      input.interviewId,
      input.recruiterId,
      input.startedAt,
    );
    return answer.s === "finished";
  }

  async setStandOpen(
    ref: StandRef,
    open: boolean,
    byRecruiterId: string | null,
    now: number,
  ): Promise<string[]> {
    const by = byRecruiterId ?? "";
    const answer = await this.#stand("set-stand-open", ref, now, open ? "1" : "0", by);
    return asArray<string>(answer.x);
  }

  async upsertRecruiter(ref: StandRef, recruiter: RecruiterPresence): Promise<void> {
    await this.redis.hset(
      this.#keys.stand(ref.fairId, ref.standId).recruiters,
      recruiter.recruiterId,
      JSON.stringify({ p: recruiter.paused, l: recruiter.languages, seen: recruiter.seen }),
    );
  }

  async removeRecruiter(ref: StandRef, recruiterId: string): Promise<void> {
    await this.redis.hdel(this.#keys.stand(ref.fairId, ref.standId).recruiters, recruiterId);
  }

  async touchCandidates(
    fairIds: readonly string[],
    candidateIds: readonly string[],
    now: number,
  ): Promise<void> {
    // XX: only candidates already in the presence set, i.e. in some queue of the fair.
    await Promise.all(
      fairIds.map((fairId) =>
        this.#markSeen(this.#keys.fair(fairId).presence, candidateIds, now, true),
      ),
    );
  }

  markConnected(candidateIds: readonly string[], now: number): Promise<void> {
    return this.#markSeen(this.#keys.connected, candidateIds, now, false);
  }

  /** ZADD of `now` for every candidate, in chunks, so no single command blocks Redis for long. */
  async #markSeen(key: string, candidateIds: readonly string[], now: number, onlyKnown: boolean) {
    const writes: Promise<unknown>[] = [];
    for (let start = 0; start < candidateIds.length; start += PRESENCE_CHUNK) {
      const members = candidateIds.slice(start, start + PRESENCE_CHUNK).flatMap((id) => [now, id]);
      writes.push(
        onlyKnown ? this.redis.zadd(key, "XX", ...members) : this.redis.zadd(key, ...members),
      );
    }
    await Promise.all(writes);
  }

  async markDisconnected(candidateId: string): Promise<void> {
    await this.redis.zrem(this.#keys.connected, candidateId);
  }

  async countConnected(since: number): Promise<number> {
    const key = this.#keys.connected;
    await this.redis.zremrangebyscore(key, "-inf", `(${since}`);
    return this.redis.zcard(key);
  }

  async connectedAmong(candidateIds: readonly string[], since: number): Promise<Set<string>> {
    if (candidateIds.length === 0) return new Set();
    const seen = await this.redis.zmscore(this.#keys.connected, ...candidateIds);
    return new Set(candidateIds.filter((_, at) => seen[at] !== null && Number(seen[at]) >= since));
  }

  countQueuedCandidates(fairId: string): Promise<number> {
    return this.redis.hlen(this.#keys.fair(fairId).candidateStands);
  }

  async expireCalls(fairId: string, now: number): Promise<ExpiredCall[]> {
    const due = await this.redis.zrangebyscore(
      this.#keys.fair(fairId).callDeadlines,
      "-inf",
      now,
      "LIMIT",
      0,
      200,
    );
    const expired: ExpiredCall[] = [];
    this.#heldDeltas = [];
    try {
      await this.#expire(fairId, now, due, expired);
    } finally {
      const held = this.#heldDeltas;
      this.#heldDeltas = null;
      if (held.length > 0) this.#emit(held);
    }
    return expired;
  }

  async #expire(fairId: string, now: number, due: string[], expired: ExpiredCall[]) {
    for (const member of due) {
      const separator = member.indexOf("|");
      const standId = member.slice(0, separator);
      const candidateId = member.slice(separator + 1);
      const answer = await this.#stand("expire-call", { fairId, standId }, now, candidateId);
      if (answer.s === "returned" || answer.s === "removed") {
        expired.push({
          standId,
          candidateId,
          recruiterId: answer.r ?? "",
          outcome: answer.s,
          ...(answer.b ? { bookingId: answer.b } : {}),
        });
      }
    }
  }

  async absentCandidates(fairId: string, cutoff: number): Promise<AbsentCandidate[]> {
    const json = await this.#fair<string>("absent-candidates", fairId, cutoff, ABSENT_BATCH);
    return asArray<[string, string]>(JSON.parse(json)).map(([candidateId, csv]) => ({
      candidateId,
      standIds: csv ? csv.split(",") : [],
    }));
  }

  async #read(ref: StandRef, mode: string, arg: string | number = ""): Promise<RawStandRead> {
    const json = await this.#command<string>(
      "stand-read",
      this.#keys.scriptKeys(ref.fairId, ref.standId),
      [ref.standId, 0, mode, arg, ""],
    );
    return JSON.parse(json) as RawStandRead;
  }

  async standCounts(ref: StandRef): Promise<StandCounts> {
    const { open, version, queueLength, waiting, called, interviewing } = parseStandRead(
      await this.#read(ref, "counts"),
    );
    return { open, version, queueLength, waiting, called, interviewing };
  }

  async standView(ref: StandRef, candidateId?: string): Promise<StandView> {
    return parseStandRead(await this.#read(ref, "view", candidateId ?? ""), candidateId);
  }

  async standHead(ref: StandRef, limit: number): Promise<StandHead> {
    if (limit < 1) return { ...(await this.standView(ref)), entries: [] };
    return { ...parseStandRead(await this.#read(ref, "head", limit)), mine: null };
  }

  async standSnapshot(ref: StandRef): Promise<StandSnapshot> {
    return parseStandRead(await this.#read(ref, "all"));
  }

  /**
   * The candidate's stands, then their entries there, in one script that reads
   * the list of stands again: if it changed in between, read again with the new
   * one. A candidate in no queue costs one round trip, anyone else two.
   */
  async candidateSnapshot(fairId: string, candidateId: string): Promise<CandidateSnapshot> {
    const fairKeys = this.#keys.fair(fairId);
    let csv = "";
    for (let attempt = 0; ; attempt += 1) {
      const standIds = csv ? csv.split(",") : [];
      const keys = [
        fairKeys.candidateStands,
        fairKeys.busy,
        ...standIds.map((standId) => this.#keys.stand(fairId, standId).entries),
      ];
      const json = await this.#command<string>(
        "candidate-read",
        [String(keys.length), ...keys],
        [candidateId, csv],
      );
      const read = JSON.parse(json) as { stands: string; busy?: string; entries?: string[] };
      if (read.entries === undefined) {
        if (attempt < 4) {
          csv = read.stands;
          continue;
        }
        throw new Error(`the stands of candidate ${candidateId} keep changing`);
      }
      const busy = read.busy
        ? (JSON.parse(read.busy) as { st: string; s: "called" | "interviewing" })
        : null;
      const entries: (QueueEntry & { standId: string })[] = [];
      standIds.forEach((standId, index) => {
        const raw = read.entries?.[index];
        if (raw) entries.push({ ...toEntry(candidateId, JSON.parse(raw) as RawEntry), standId });
      });
      entries.sort((a, b) => a.ticket - b.ticket);
      return { entries, busy: busy ? { standId: busy.st, state: busy.s } : null };
    }
  }
}
