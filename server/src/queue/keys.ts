/**
 * Every Redis key of the live queues, defined once. The same templates are
 * compiled into TypeScript functions and into a Lua prelude that every queue
 * script starts with, so a key name never exists in two spellings.
 *
 * Scripts build per-candidate key names while they scan a queue, so they do
 * not declare them in KEYS; Crossfair therefore needs a single Redis (or a
 * replicated primary), not Redis Cluster.
 */

/** Each key: its parts, where `$1`, `$2` are the arguments in order. */
const templates = {
  /** ZSET candidateId → ticket: the order of a stand's queue. */
  standQueue: ["stand", "$1", "queue"],
  /** HASH candidateId → JSON entry {t,s,l,n,d,r,i}. */
  standEntries: ["stand", "$1", "entries"],
  /** STRING "0" when the stand is closed; absent or "1" means open. */
  standOpen: ["stand", "$1", "open"],
  /** HASH recruiterId → JSON {p: paused, l: languages, seen: epoch ms}. */
  standRecruiters: ["stand", "$1", "recruiters"],
  /** LIST of recent interview durations (ms), newest first. */
  standDurations: ["stand", "$1", "durations"],
  /** SET of the stands whose queue a candidate is in. */
  candidateStands: ["candidate", "$1", "stands"],
  /** STRING JSON {st: standId, s: "called" | "interviewing"} while busy. */
  candidateBusy: ["candidate", "$1", "busy"],
  /** ZSET candidateId → last time seen connected (epoch ms), for candidates in some queue. */
  presence: ["presence"],
  /** ZSET candidateId → last time seen connected (epoch ms), queued or not (live dashboard). */
  connected: ["connected"],
  /** ZSET "standId|candidateId" → deadline of an open call (epoch ms). */
  callDeadlines: ["calls"],
  /** STRING counter handing out tickets. */
  ticketCounter: ["ticket"],
} as const;

type KeyName = keyof typeof templates;
type Arity<Parts extends readonly string[]> = Parts extends readonly [infer Head, ...infer Rest]
  ? Head extends `$${string}`
    ? [string, ...Arity<Rest extends readonly string[] ? Rest : []>]
    : Arity<Rest extends readonly string[] ? Rest : []>
  : [];

export type QueueKeys = {
  [Name in KeyName]: (...args: Arity<(typeof templates)[Name]>) => string;
};

export function queueKeys(prefix: string): QueueKeys {
  const entries = Object.entries(templates).map(([name, parts]) => [
    name,
    (...args: string[]) =>
      [
        prefix,
        ...parts.map((part) => (part.startsWith("$") ? args[Number(part.slice(1)) - 1] : part)),
      ].join(":"),
  ]);
  return Object.fromEntries(entries) as QueueKeys;
}

/** Lua functions `K.<name>(prefix, ...)` built from the same templates. */
export function luaKeyPrelude(): string {
  const functions = Object.entries(templates).map(([name, parts]) => {
    const params = parts.filter((part) => part.startsWith("$")).map((part) => `a${part.slice(1)}`);
    const body = [
      "p",
      ...parts.map((part) => (part.startsWith("$") ? `a${part.slice(1)}` : `'${part}'`)),
    ].join(" .. ':' .. ");
    return `K.${name} = function(${["p", ...params].join(", ")}) return ${body} end`;
  });
  return ["local K = {}", ...functions].join("\n");
}
