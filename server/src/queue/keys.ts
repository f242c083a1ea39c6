/**
 * Every Redis key of the live queues, defined once. Everything of one fair
 * carries the fair's hash tag, `{fairId}`, so each script's keys sit in one
 * cluster slot: the store runs unchanged on one Redis and on Redis or Valkey
 * Cluster. Scripts never build key names; each declares its keys in KEYS, in
 * the order of `FAIR_KEYS` and then `STAND_KEYS` (lua/lib.lua names them).
 */

/** Keys of one fair, shared by its stands. */
export const FAIR_KEYS = [
  /** HASH candidateId → "standId,standId": the stands whose queue a candidate is in. */
  "candidateStands",
  /** HASH candidateId → JSON {st: standId, s: "called" | "interviewing", b: 1 for a booked call} while busy. */
  "busy",
  /** ZSET candidateId → last time seen connected (epoch ms), for candidates in some queue. */
  "presence",
  /** ZSET "standId|candidateId" → deadline of an open call (epoch ms). */
  "callDeadlines",
  /** HASH recruiterId → "standId|candidateId" while the recruiter has an open call or interview. */
  "recruiterBusy",
  /** STRING counter handing out tickets. */
  "ticketCounter",
  /** STREAM of outbox entries (field `r`: JSON records, `a`: epoch ms); group `drain`. */
  "outbox",
  /** HASH operation id → the stand script's answer, so a resent command is not run twice. */
  "replies",
  /** ZSET operation id → time of the change (epoch ms), to forget answers after a minute. */
  "replyTimes",
] as const;

/** Keys of one stand. */
export const STAND_KEYS = [
  /** ZSET candidateId → ticket: every entry, in the order of joining. */
  "queue",
  /** ZSET candidateId → ticket: the entries in state `waiting` (positions are ranks here). */
  "waiting",
  /** HASH candidateId → JSON entry {t,s,l,n,j,k,d,r,i,b,o,p}. */
  "entries",
  /** HASH open ("0" when closed), v (version), called, interviewing (counts). */
  "meta",
  /** HASH recruiterId → JSON {p: paused, l: languages, seen: epoch ms}. */
  "recruiters",
  /** LIST of recent interview durations (ms), newest first. */
  "durations",
] as const;

export type FairKeyName = (typeof FAIR_KEYS)[number];
export type StandKeyName = (typeof STAND_KEYS)[number];

export interface QueueKeys {
  fair(fairId: string): Record<FairKeyName, string>;
  stand(fairId: string, standId: string): Record<StandKeyName, string>;
  /** FAIR_KEYS then STAND_KEYS (or FAIR_KEYS alone), as a script's KEYS. */
  scriptKeys(fairId: string, standId?: string): string[];
  /** SET of the fair ids whose outbox may hold entries (no hash tag: plain commands only). */
  outboxFairs: string;
  /** ZSET candidateId → last seen, queued or not, for the live dashboard (plain commands only). */
  connected: string;
}

const tag = (fairId: string) => `{${fairId}}`;

export function queueKeys(prefix: string): QueueKeys {
  const fair = (fairId: string) =>
    Object.fromEntries(
      FAIR_KEYS.map((name) => [name, `${prefix}:${tag(fairId)}:${name}`]),
    ) as Record<FairKeyName, string>;
  const stand = (fairId: string, standId: string) =>
    Object.fromEntries(
      STAND_KEYS.map((name) => [name, `${prefix}:${tag(fairId)}:stand:${standId}:${name}`]),
    ) as Record<StandKeyName, string>;
  return {
    fair,
    stand,
    scriptKeys(fairId, standId) {
      const fairKeys = Object.values(fair(fairId));
      return standId === undefined
        ? fairKeys
        : [...fairKeys, ...Object.values(stand(fairId, standId))];
    },
    outboxFairs: `${prefix}:outbox-fairs`,
    connected: `${prefix}:connected`,
  };
}

/** Lua locals naming the declared keys, e.g. `local K_busy = KEYS[2]`, for lib.lua's prelude. */
export function luaKeyPrelude(withStand: boolean): string {
  const names = withStand ? [...FAIR_KEYS, ...STAND_KEYS] : [...FAIR_KEYS];
  return names.map((name, index) => `local K_${name} = KEYS[${index + 1}]`).join("\n");
}
