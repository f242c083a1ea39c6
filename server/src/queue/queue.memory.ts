/**
 * In-process queue store for the embedded default (one server process). It
 * mirrors the Redis scripts step by step; each method runs to completion
 * without awaiting, so each is atomic on the single JavaScript thread.
 */
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

interface StandQueue {
  open: boolean;
  /** candidateId → entry; kept sorted by ticket when read. */
  entries: Map<string, QueueEntry>;
  recruiters: Map<string, RecruiterPresence>;
  durations: number[];
}

type Busy = { standId: string; state: "called" | "interviewing" };

const copy = (entry: QueueEntry): QueueEntry => ({ ...entry, languages: [...entry.languages] });

export class MemoryQueueStore implements QueueStore {
  readonly kind = "memory" as const;
  #closed = false;
  #ticket = 0;
  readonly #stands = new Map<string, StandQueue>();
  readonly #candidateStands = new Map<string, Set<string>>();
  readonly #busy = new Map<string, Busy>();
  readonly #presence = new Map<string, number>();
  /** candidateId → last time seen connected, queued or not. */
  readonly #connected = new Map<string, number>();
  /** "standId|candidateId" → deadline. */
  readonly #calls = new Map<string, number>();

  async ping(): Promise<void> {
    if (this.#closed) throw new Error("queue store is closed");
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #stand(standId: string): StandQueue {
    let stand = this.#stands.get(standId);
    if (!stand) {
      stand = { open: true, entries: new Map(), recruiters: new Map(), durations: [] };
      this.#stands.set(standId, stand);
    }
    return stand;
  }

  #ordered(stand: StandQueue): QueueEntry[] {
    return [...stand.entries.values()].sort((a, b) => a.ticket - b.ticket);
  }

  #remove(standId: string, candidateId: string): void {
    this.#stand(standId).entries.delete(candidateId);
    const stands = this.#candidateStands.get(candidateId);
    stands?.delete(standId);
    this.#calls.delete(`${standId}|${candidateId}`);
    if (this.#busy.get(candidateId)?.standId === standId) this.#busy.delete(candidateId);
    if (!stands || stands.size === 0) {
      this.#candidateStands.delete(candidateId);
      this.#presence.delete(candidateId);
    }
  }

  #noShow(standId: string, entry: QueueEntry): "returned" | "removed" {
    this.#calls.delete(`${standId}|${entry.candidateId}`);
    entry.noShows += 1;
    if (entry.noShows >= 2) {
      this.#remove(standId, entry.candidateId);
      return "removed";
    }
    entry.state = "waiting";
    delete entry.callDeadline;
    delete entry.recruiterId;
    this.#busy.delete(entry.candidateId);
    return "returned";
  }

  async join(input: JoinInput): Promise<JoinOutcome> {
    const stand = this.#stand(input.standId);
    const existing = stand.entries.get(input.candidateId);
    if (existing) return { status: "already", entry: copy(existing) };
    if (!stand.open) return { status: "stand_closed" };
    const stands = this.#candidateStands.get(input.candidateId) ?? new Set<string>();
    if (stands.size >= input.cap) return { status: "cap_reached" };
    this.#ticket += 1;
    const entry: QueueEntry = {
      candidateId: input.candidateId,
      ticket: this.#ticket,
      state: "waiting",
      languages: [...input.languages],
      noShows: 0,
      joinedAt: input.now,
    };
    stand.entries.set(input.candidateId, entry);
    stands.add(input.standId);
    this.#candidateStands.set(input.candidateId, stands);
    this.#presence.set(input.candidateId, input.now);
    return { status: "joined", entry: copy(entry) };
  }

  async leave(standId: string, candidateId: string): Promise<{ calledBy: string } | null> {
    const entry = this.#stand(standId).entries.get(candidateId);
    if (!entry) return null;
    const calledBy = entry.state === "called" ? (entry.recruiterId ?? "") : "";
    this.#remove(standId, candidateId);
    return { calledBy };
  }

  async setSnoozed(standId: string, candidateId: string, snoozed: boolean) {
    const entry = this.#stand(standId).entries.get(candidateId);
    if (!entry) return { status: "not_in_queue" as const };
    if (entry.state !== "waiting" && entry.state !== "snoozed") {
      return { status: "busy" as const, entry: copy(entry) };
    }
    entry.state = snoozed ? "snoozed" : "waiting";
    return { status: "ok" as const, entry: copy(entry) };
  }

  async callNext(input: CallNextInput): Promise<CallOutcome> {
    const stand = this.#stand(input.standId);
    if (!stand.open) return { status: "stand_closed" };
    let firstEligible: QueueEntry | undefined;
    let firstMatch: QueueEntry | undefined;
    for (const entry of this.#ordered(stand)) {
      if (entry.state !== "waiting" || this.#busy.has(entry.candidateId)) continue;
      if ((this.#presence.get(entry.candidateId) ?? 0) < input.onlineSince) continue;
      firstEligible ??= entry;
      if (input.languages.length === 0) break;
      if (entry.languages.some((language) => input.languages.includes(language))) {
        firstMatch = entry;
        break;
      }
    }
    const chosen = firstMatch ?? firstEligible;
    if (!chosen) return { status: "empty" };
    chosen.state = "called";
    chosen.callDeadline = input.deadline;
    chosen.recruiterId = input.recruiterId;
    this.#busy.set(chosen.candidateId, { standId: input.standId, state: "called" });
    this.#calls.set(`${input.standId}|${chosen.candidateId}`, input.deadline);
    return { status: "called", candidateId: chosen.candidateId, entry: copy(chosen) };
  }

  async answerCall(
    standId: string,
    candidateId: string,
    accept: boolean,
    now: number,
  ): Promise<AnswerOutcome> {
    const entry = this.#stand(standId).entries.get(candidateId);
    if (!entry || entry.state !== "called") return { status: "not_called" };
    const recruiterId = entry.recruiterId ?? "";
    if (accept && now <= (entry.callDeadline ?? 0)) {
      this.#calls.delete(`${standId}|${candidateId}`);
      entry.state = "interviewing";
      this.#busy.set(candidateId, { standId, state: "interviewing" });
      return { status: "accepted", entry: copy(entry), recruiterId };
    }
    const outcome = this.#noShow(standId, entry);
    if (outcome === "removed") {
      return { status: accept ? "expired_removed" : "removed", recruiterId };
    }
    return { status: accept ? "expired_returned" : "returned", entry: copy(entry), recruiterId };
  }

  async attachInterview(standId: string, candidateId: string, interviewId: string) {
    const entry = this.#stand(standId).entries.get(candidateId);
    if (!entry || entry.state !== "interviewing") return false;
    entry.interviewId = interviewId;
    return true;
  }

  async requeue(standId: string, candidateId: string) {
    const entry = this.#stand(standId).entries.get(candidateId);
    if (!entry) return false;
    entry.state = "waiting";
    delete entry.callDeadline;
    delete entry.recruiterId;
    delete entry.interviewId;
    this.#calls.delete(`${standId}|${candidateId}`);
    if (this.#busy.get(candidateId)?.standId === standId) this.#busy.delete(candidateId);
    return true;
  }

  async finishInterview(standId: string, candidateId: string, durationMs: number) {
    const stand = this.#stand(standId);
    const entry = stand.entries.get(candidateId);
    if (!entry || entry.state !== "interviewing") return false;
    this.#remove(standId, candidateId);
    if (durationMs > 0) {
      stand.durations.unshift(Math.round(durationMs));
      stand.durations.length = Math.min(stand.durations.length, 20);
    }
    return true;
  }

  async setStandOpen(standId: string, open: boolean): Promise<string[]> {
    const stand = this.#stand(standId);
    stand.open = open;
    if (open) return [];
    const removed: string[] = [];
    for (const entry of this.#ordered(stand)) {
      if (entry.state === "interviewing") continue;
      this.#remove(standId, entry.candidateId);
      removed.push(entry.candidateId);
    }
    return removed;
  }

  async upsertRecruiter(standId: string, recruiter: RecruiterPresence): Promise<void> {
    this.#stand(standId).recruiters.set(recruiter.recruiterId, {
      ...recruiter,
      languages: [...recruiter.languages],
    });
  }

  async removeRecruiter(standId: string, recruiterId: string): Promise<void> {
    this.#stand(standId).recruiters.delete(recruiterId);
  }

  async touchCandidates(candidateIds: readonly string[], now: number): Promise<void> {
    for (const candidateId of candidateIds) {
      if (this.#presence.has(candidateId)) this.#presence.set(candidateId, now);
    }
  }

  async markConnected(candidateIds: readonly string[], now: number): Promise<void> {
    for (const candidateId of candidateIds) this.#connected.set(candidateId, now);
  }

  async markDisconnected(candidateId: string): Promise<void> {
    this.#connected.delete(candidateId);
  }

  async countConnected(since: number): Promise<number> {
    for (const [candidateId, seen] of [...this.#connected]) {
      if (seen < since) this.#connected.delete(candidateId);
    }
    return this.#connected.size;
  }

  async expireCalls(now: number): Promise<ExpiredCall[]> {
    const expired: ExpiredCall[] = [];
    for (const [member, deadline] of [...this.#calls]) {
      if (deadline > now) continue;
      const [standId = "", candidateId = ""] = member.split("|");
      const entry = this.#stand(standId).entries.get(candidateId);
      if (!entry || entry.state !== "called") {
        this.#calls.delete(member);
        continue;
      }
      const recruiterId = entry.recruiterId ?? "";
      expired.push({ standId, candidateId, recruiterId, outcome: this.#noShow(standId, entry) });
    }
    return expired;
  }

  async expireAbsent(cutoff: number): Promise<AbsentCandidate[]> {
    const absent: AbsentCandidate[] = [];
    for (const [candidateId, seen] of [...this.#presence]) {
      if (seen >= cutoff) continue;
      if (this.#busy.get(candidateId)?.state === "interviewing") {
        this.#presence.set(candidateId, cutoff);
        continue;
      }
      const standIds = [...(this.#candidateStands.get(candidateId) ?? [])];
      for (const standId of standIds) this.#remove(standId, candidateId);
      this.#presence.delete(candidateId);
      absent.push({ candidateId, standIds });
    }
    return absent;
  }

  async standSnapshot(standId: string): Promise<StandSnapshot> {
    const stand = this.#stand(standId);
    return {
      open: stand.open,
      entries: this.#ordered(stand).map((entry) => {
        const busy = this.#busy.get(entry.candidateId);
        return {
          ...copy(entry),
          frozen: busy !== undefined && busy.standId !== standId,
          lastSeen: this.#presence.get(entry.candidateId) ?? 0,
        };
      }),
      recruiters: [...stand.recruiters.values()].map((recruiter) => ({
        ...recruiter,
        languages: [...recruiter.languages],
      })),
      recentDurationsMs: [...stand.durations],
    };
  }

  async candidateSnapshot(candidateId: string): Promise<CandidateSnapshot> {
    const entries = [...(this.#candidateStands.get(candidateId) ?? [])]
      .map((standId) => {
        const entry = this.#stand(standId).entries.get(candidateId);
        return entry ? { ...copy(entry), standId } : undefined;
      })
      .filter((entry): entry is QueueEntry & { standId: string } => entry !== undefined)
      .sort((a, b) => a.ticket - b.ticket);
    const busy = this.#busy.get(candidateId);
    return { entries, busy: busy ? { ...busy } : null };
  }
}
