/**
 * Redis-backed queue store, shared by every server process. Every change that
 * touches more than one key is one Lua script (lua/*.lua), so it is atomic
 * across processes; key names come from keys.ts.
 */
import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import type { Language } from "@crossfair/shared";
import { luaKeyPrelude, queueKeys, type QueueKeys } from "./keys.js";
import type {
  AbsentCandidate,
  AnswerOutcome,
  CallNextInput,
  CallOutcome,
  CandidateSnapshot,
  ExpiredCall,
  JoinInput,
  JoinOutcome,
  QueueEntry,
  QueueStore,
  RecruiterPresence,
  StandSnapshot,
} from "./queue.store.js";

const SCRIPTS = [
  "join",
  "leave",
  "snooze",
  "call-next",
  "answer-call",
  "attach-interview",
  "requeue",
  "finish-interview",
  "expire-calls",
  "expire-absent",
  "set-stand-open",
  "stand-snapshot",
  "candidate-snapshot",
] as const;
type ScriptName = (typeof SCRIPTS)[number];

const readLua = (name: string) =>
  readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), "utf8");
const scriptSource = (() => {
  const prelude = `${luaKeyPrelude()}\n${readLua("lib")}`;
  return Object.fromEntries(
    SCRIPTS.map((name) => [name, `${prelude}\n${readLua(name)}`]),
  ) as Record<ScriptName, string>;
})();

const commandName = (name: ScriptName) => `crossfair_${name.replaceAll("-", "_")}`;

/** The compact JSON an entry is stored as (see keys.ts). */
interface RawEntry {
  t: number;
  s: QueueEntry["state"];
  l: string;
  n: number;
  j: number;
  d?: number;
  r?: string;
  i?: string;
}

function toEntry(candidateId: string, raw: RawEntry): QueueEntry {
  const entry: QueueEntry = {
    candidateId,
    ticket: raw.t,
    state: raw.s,
    languages: raw.l ? (raw.l.split(",") as Language[]) : [],
    noShows: raw.n ?? 0,
    joinedAt: raw.j,
  };
  if (raw.d !== undefined) entry.callDeadline = raw.d;
  if (raw.r !== undefined) entry.recruiterId = raw.r;
  if (raw.i !== undefined) entry.interviewId = raw.i;
  return entry;
}

const parseEntry = (candidateId: string, json: string) =>
  toEntry(candidateId, JSON.parse(json) as RawEntry);
/** cjson encodes an empty Lua table as `{}`. */
const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export class RedisQueueStore implements QueueStore {
  readonly kind = "redis" as const;
  readonly #keys: QueueKeys;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = "crossfair:q",
  ) {
    this.#keys = queueKeys(prefix);
    for (const name of SCRIPTS) {
      if (!(commandName(name) in redis)) {
        redis.defineCommand(commandName(name), { numberOfKeys: 0, lua: scriptSource[name] });
      }
    }
  }

  #run<T>(name: ScriptName, ...args: (string | number)[]): Promise<T> {
    const command = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[
      commandName(name)
    ];
    if (!command) throw new Error(`queue script ${name} is not defined`);
    return command.call(this.redis, this.prefix, ...args);
  }

  async ping(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== "PONG") throw new Error(`unexpected PING answer: ${answer}`);
  }

  async close(): Promise<void> {
    // The connection belongs to the RedisConnections that made it.
  }

  async join(input: JoinInput): Promise<JoinOutcome> {
    const [status, raw] = await this.#run<[string, string?]>(
      "join",
      input.standId,
      input.candidateId,
      input.languages.join(","),
      input.cap,
      input.now,
    );
    if (status === "joined" || status === "already") {
      return { status, entry: parseEntry(input.candidateId, raw ?? "{}") };
    }
    return { status: status === "cap_reached" ? "cap_reached" : "stand_closed" };
  }

  async leave(standId: string, candidateId: string): Promise<{ calledBy: string } | null> {
    const calledBy = await this.#run<string | null>("leave", standId, candidateId);
    return calledBy === null ? null : { calledBy };
  }

  async setSnoozed(standId: string, candidateId: string, snoozed: boolean) {
    const [status, raw] = await this.#run<[string, string?]>(
      "snooze",
      standId,
      candidateId,
      snoozed ? "1" : "0",
    );
    if (status === "not_in_queue") return { status: "not_in_queue" as const };
    return { status: status as "ok" | "busy", entry: parseEntry(candidateId, raw ?? "{}") };
  }

  async callNext(input: CallNextInput): Promise<CallOutcome> {
    const [status, candidateId, raw] = await this.#run<[string, string?, string?]>(
      "call-next",
      input.standId,
      input.recruiterId,
      input.languages.join(","),
      input.deadline,
      input.onlineSince,
    );
    if (status === "called" && candidateId && raw) {
      return { status, candidateId, entry: parseEntry(candidateId, raw) };
    }
    return { status: status === "stand_closed" ? "stand_closed" : "empty" };
  }

  async answerCall(
    standId: string,
    candidateId: string,
    accept: boolean,
    now: number,
  ): Promise<AnswerOutcome> {
    const [status, raw, recruiterId = ""] = await this.#run<[string, (string | null)?, string?]>(
      "answer-call",
      standId,
      candidateId,
      accept ? "1" : "0",
      now,
    );
    switch (status) {
      case "accepted":
      case "returned":
      case "expired_returned":
        return { status, entry: parseEntry(candidateId, raw ?? "{}"), recruiterId };
      case "removed":
      case "expired_removed":
        return { status, recruiterId };
      default:
        return { status: "not_called" };
    }
  }

  async attachInterview(standId: string, candidateId: string, interviewId: string) {
    return (await this.#run<number>("attach-interview", standId, candidateId, interviewId)) === 1;
  }

  async requeue(standId: string, candidateId: string) {
    return (await this.#run<number>("requeue", standId, candidateId)) === 1;
  }

  async finishInterview(standId: string, candidateId: string, durationMs: number) {
    return (
      (await this.#run<number>(
        "finish-interview",
        standId,
        candidateId,
        Math.round(durationMs),
      )) === 1
    );
  }

  async setStandOpen(standId: string, open: boolean): Promise<string[]> {
    return this.#run<string[]>("set-stand-open", standId, open ? "1" : "0");
  }

  async upsertRecruiter(standId: string, recruiter: RecruiterPresence): Promise<void> {
    await this.redis.hset(
      this.#keys.standRecruiters(standId),
      recruiter.recruiterId,
      JSON.stringify({ p: recruiter.paused, l: recruiter.languages, seen: recruiter.seen }),
    );
  }

  async removeRecruiter(standId: string, recruiterId: string): Promise<void> {
    await this.redis.hdel(this.#keys.standRecruiters(standId), recruiterId);
  }

  async touchCandidates(candidateIds: readonly string[], now: number): Promise<void> {
    if (candidateIds.length === 0) return;
    // XX: only candidates already in the presence set, i.e. in some queue.
    const args = candidateIds.flatMap((id) => [now, id]);
    await this.redis.zadd(this.#keys.presence(), "XX", ...args);
  }

  async markConnected(candidateIds: readonly string[], now: number): Promise<void> {
    if (candidateIds.length === 0) return;
    await this.redis.zadd(this.#keys.connected(), ...candidateIds.flatMap((id) => [now, id]));
  }

  async markDisconnected(candidateId: string): Promise<void> {
    await this.redis.zrem(this.#keys.connected(), candidateId);
  }

  async countConnected(since: number): Promise<number> {
    const key = this.#keys.connected();
    const results = await this.redis
      .multi()
      .zremrangebyscore(key, "-inf", `(${since}`)
      .zcard(key)
      .exec();
    const [error, total] = results?.[1] ?? [new Error("the transaction was aborted"), 0];
    if (error) throw error;
    return Number(total);
  }

  async expireCalls(now: number): Promise<ExpiredCall[]> {
    const flat = await this.#run<string[]>("expire-calls", now);
    const expired: ExpiredCall[] = [];
    for (let index = 0; index + 3 < flat.length; index += 4) {
      expired.push({
        standId: flat[index]!,
        candidateId: flat[index + 1]!,
        recruiterId: flat[index + 2]!,
        outcome: flat[index + 3] as "returned" | "removed",
      });
    }
    return expired;
  }

  async expireAbsent(cutoff: number): Promise<AbsentCandidate[]> {
    const flat = await this.#run<(string | number)[]>("expire-absent", cutoff);
    const absent: AbsentCandidate[] = [];
    let index = 0;
    while (index < flat.length) {
      const candidateId = String(flat[index]);
      const count = Number(flat[index + 1]);
      absent.push({ candidateId, standIds: flat.slice(index + 2, index + 2 + count).map(String) });
      index += 2 + count;
    }
    return absent;
  }

  async standSnapshot(standId: string): Promise<StandSnapshot> {
    const json = await this.#run<string>("stand-snapshot", standId);
    const raw = JSON.parse(json) as {
      open: boolean;
      entries: unknown;
      recruiters: unknown;
      durations: unknown;
    };
    return {
      open: raw.open,
      entries: asArray<RawEntry & { c: string; f: number; seen: number }>(raw.entries).map(
        (entry) => ({
          ...toEntry(entry.c, entry),
          frozen: entry.f === 1,
          lastSeen: entry.seen,
        }),
      ),
      recruiters: asArray<{ id: string; p: boolean; l: Language[]; seen: number }>(
        raw.recruiters,
      ).map((recruiter) => ({
        recruiterId: recruiter.id,
        paused: recruiter.p,
        languages: asArray<Language>(recruiter.l),
        seen: recruiter.seen,
      })),
      recentDurationsMs: asArray<string>(raw.durations).map(Number),
    };
  }

  async candidateSnapshot(candidateId: string): Promise<CandidateSnapshot> {
    const json = await this.#run<string>("candidate-snapshot", candidateId);
    const raw = JSON.parse(json) as {
      entries: unknown;
      busy: { st: string; s: "called" | "interviewing" } | false;
    };
    return {
      entries: asArray<RawEntry & { st: string }>(raw.entries)
        .map((entry) => ({ ...toEntry(candidateId, entry), standId: entry.st }))
        .sort((a, b) => a.ticket - b.ticket),
      busy: raw.busy ? { standId: raw.busy.st, state: raw.busy.s } : null,
    };
  }
}
