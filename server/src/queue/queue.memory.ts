/**
 * In-process queue store for the embedded default (one server process). It
 * keeps the same per-fair layout as the Redis scripts (keys.ts) and the same
 * semantics, held to the contract suite; each method runs to completion
 * without awaiting, so each is atomic on the single JavaScript thread, and
 * its outbox entry and deltas are written in that same step.
 */
import { MemoryOutbox } from "./queue.memory-outbox.js";
import {
  byScoreThenMember,
  candidateOf,
  copyEntry as copy,
  MAX_DURATIONS,
  member,
  newChange,
  newFair,
  newStand,
  noShow,
  outboxEvent as event,
  removeEntry,
  standCounts as countsOf,
  standEntries as entriesOf,
  standOf,
  standView as viewOf,
  transition,
  type Change,
  type Fair,
  type Stand,
} from "./queue.memory-state.js";
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

export class MemoryQueueStore implements QueueStore {
  readonly kind = "memory" as const;
  readonly outbox = new MemoryOutbox();
  #closed = false;
  readonly #fairs = new Map<string, Fair>();
  /** candidateId → last time seen connected, queued or not (across fairs). */
  readonly #connected = new Map<string, number>();
  readonly #listeners: ((deltas: StandDelta[]) => void)[] = [];

  async ping(): Promise<void> {
    if (this.#closed) throw new Error("queue store is closed");
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  onDeltas(listener: (deltas: StandDelta[]) => void): void {
    this.#listeners.push(listener);
  }

  #fair(fairId: string): Fair {
    let fair = this.#fairs.get(fairId);
    if (!fair) this.#fairs.set(fairId, (fair = newFair()));
    return fair;
  }

  /** For reads: an unknown fair or stand reads as empty, without being created. */
  #peek(fairId: string, standId?: string): { fair: Fair; stand: Stand } {
    const fair = this.#fairs.get(fairId) ?? newFair();
    return { fair, stand: (standId && fair.stands.get(standId)) || newStand() };
  }

  /** Bumps each touched stand's version once, appends the outbox entry, tells the listeners. */
  #commit(fairId: string, fair: Fair, change: Change, at: number): void {
    this.#tell(this.#apply(fairId, fair, change, at));
  }

  /** A commit whose deltas the caller tells (a sweep tells all of its changes in one call). */
  #apply(fairId: string, fair: Fair, change: Change, at: number): StandDelta[] {
    const deltas: StandDelta[] = [];
    for (const [standId, changes] of change.stands) {
      const stand = standOf(fair, standId);
      stand.version += 1;
      deltas.push({ fairId, standId, ...countsOf(stand), changes });
    }
    this.outbox.append(fairId, at, change.records);
    return deltas;
  }

  #tell(deltas: StandDelta[]): void {
    if (deltas.length === 0) return;
    for (const listener of this.#listeners) {
      try {
        listener(deltas);
      } catch (error) {
        // The change is done; a failing watcher must not undo it or starve the others.
        console.error("queue delta listener failed", error);
      }
    }
  }

  // ---- changes ----

  async join(input: JoinInput): Promise<JoinOutcome> {
    const { fairId, standId, candidateId, now } = input;
    const fair = this.#fair(fairId);
    const stand = standOf(fair, standId);
    const existing = stand.entries.get(candidateId);
    if (existing) return { status: "already", entry: copy(existing) };
    if (!stand.open) return { status: "stand_closed" };
    const stands = fair.candidateStands.get(candidateId) ?? new Set<string>();
    if (stands.size >= input.cap) return { status: "cap_reached" };
    fair.ticket += 1;
    const entry: QueueEntry = {
      candidateId,
      ticket: fair.ticket,
      state: "waiting",
      languages: [...input.languages],
      noShows: 0,
      joinedAt: now,
      skips: 0,
    };
    const change = newChange();
    transition(change, standId, stand, entry, "waiting");
    stands.add(standId);
    fair.candidateStands.set(candidateId, stands);
    fair.presence.set(candidateId, now);
    change.records.push({ kind: "consent", standId, candidateId });
    if (input.answers.length > 0) {
      const answers = input.answers.map((answer) => ({ ...answer }));
      change.records.push({ kind: "answers", standId, candidateId, answers });
    }
    change.records.push(event("join", standId, candidateId));
    this.#commit(fairId, fair, change, now);
    return { status: "joined", entry: copy(entry) };
  }

  async leave(input: LeaveInput): Promise<{ calledBy: string } | null> {
    const { fairId, standId, candidateId, reason, absentSince } = input;
    const fair = this.#fairs.get(fairId);
    const entry = fair?.stands.get(standId)?.entries.get(candidateId);
    if (!fair || !entry) return null;
    if (absentSince !== undefined) {
      if ((fair.presence.get(candidateId) ?? 0) >= absentSince) return null;
      if (fair.busy.get(candidateId)?.state === "interviewing") return null;
    }
    const calledBy = entry.state === "called" ? (entry.recruiterId ?? "") : "";
    const change = newChange();
    removeEntry(fair, change, standId, entry);
    // Typed out of the reasons today, but an erased account must leave no id behind.
    const anonymous = (reason as string | undefined) === "account_deleted";
    change.records.push(
      reason === undefined
        ? event("leave", standId, candidateId)
        : event("removed", standId, anonymous ? null : candidateId, { data: { reason } }),
    );
    this.#commit(fairId, fair, change, input.now);
    return { calledBy };
  }

  async setSnoozed(ref: StandRef, candidateId: string, snoozed: boolean, now: number) {
    const fair = this.#fairs.get(ref.fairId);
    const entry = fair?.stands.get(ref.standId)?.entries.get(candidateId);
    if (!fair || !entry) return { status: "not_in_queue" as const };
    if (entry.state !== "waiting" && entry.state !== "snoozed") {
      return { status: "busy" as const, entry: copy(entry) };
    }
    const next = snoozed ? "snoozed" : "waiting";
    if (entry.state !== next) {
      const change = newChange();
      transition(change, ref.standId, standOf(fair, ref.standId), entry, next);
      change.records.push(event(snoozed ? "snooze" : "ready", ref.standId, candidateId));
      this.#commit(ref.fairId, fair, change, now);
    }
    return { status: "ok" as const, entry: copy(entry) };
  }

  async callNext(input: CallNextInput): Promise<CallOutcome> {
    const { fairId, standId, recruiterId } = input;
    const fair = this.#fair(fairId);
    const stand = standOf(fair, standId);
    if (!stand.open) return { status: "stand_closed" };
    if (fair.recruiterBusy.has(recruiterId)) return { status: "recruiter_busy" };
    const eligible = stand.waiting
      .head(CALL_SCAN_LIMIT)
      .filter(
        (candidateId) =>
          !fair.busy.has(candidateId) && (fair.presence.get(candidateId) ?? 0) >= input.onlineSince,
      )
      .map((candidateId) => stand.entries.get(candidateId)!);
    const chosen =
      eligible.find((entry) => entry.skips >= MAX_LANGUAGE_SKIPS) ??
      eligible.find(
        (entry) =>
          input.languages.length === 0 ||
          entry.languages.some((language) => input.languages.includes(language)),
      ) ??
      eligible[0];
    if (!chosen) return { status: "empty" };
    for (const passed of eligible.slice(0, eligible.indexOf(chosen))) passed.skips += 1;
    const { candidateId } = chosen;
    const change = newChange();
    transition(change, standId, stand, chosen, "called");
    chosen.callDeadline = input.deadline;
    chosen.recruiterId = recruiterId;
    fair.busy.set(candidateId, { standId, state: "called" });
    fair.callDeadlines.set(member(standId, candidateId), input.deadline);
    fair.recruiterBusy.set(recruiterId, member(standId, candidateId));
    change.records.push(event("call", standId, candidateId, { recruiterId }));
    this.#commit(fairId, fair, change, input.now);
    return { status: "called", candidateId, entry: copy(chosen) };
  }

  async callBooked(input: CallBookedInput): Promise<BookedCallOutcome> {
    const { fairId, standId, candidateId, recruiterId, bookingId, now } = input;
    const fair = this.#fair(fairId);
    const stand = standOf(fair, standId);
    const existing = stand.entries.get(candidateId);
    if (existing?.bookingId === bookingId) return { status: "already", entry: copy(existing) };
    if (fair.recruiterBusy.has(recruiterId)) return { status: "recruiter_busy" };
    if (fair.busy.has(candidateId)) return { status: "candidate_busy" };
    const change = newChange();
    const entry = existing ?? this.#bookedPlace(fair, input);
    transition(change, standId, stand, entry, "called");
    const plannedEndsAt = input.plannedEndsAt;
    Object.assign(entry, { callDeadline: input.deadline, recruiterId, bookingId, plannedEndsAt });
    fair.busy.set(candidateId, { standId, state: "called", booked: true });
    fair.callDeadlines.set(member(standId, candidateId), input.deadline);
    fair.recruiterBusy.set(recruiterId, member(standId, candidateId));
    change.records.push(event("call", standId, candidateId, { recruiterId, data: { bookingId } }));
    this.#commit(fairId, fair, change, now);
    return { status: "called", entry: copy(entry) };
  }

  /**
   * A place made for a booking alone: a ticket below the line's (negative), never
   * in the waiting line, not counted against the cap (`transition` puts it in the stand).
   */
  #bookedPlace(fair: Fair, input: CallBookedInput): QueueEntry {
    const { candidateId, standId, now } = input;
    fair.ticket += 1;
    const entry: QueueEntry = {
      candidateId,
      // Below every walk-in's ticket, so the console's head shows it first.
      ticket: -fair.ticket,
      state: "called",
      languages: [...input.languages],
      noShows: 0,
      joinedAt: now,
      skips: 0,
      bookedOnly: true,
    };
    const stands = fair.candidateStands.get(candidateId) ?? new Set<string>();
    fair.candidateStands.set(candidateId, stands.add(standId));
    if (!fair.presence.has(candidateId)) fair.presence.set(candidateId, now);
    return entry;
  }

  async answerCall(input: AnswerInput): Promise<AnswerOutcome> {
    const { fairId, standId, candidateId, now } = input;
    const fair = this.#fairs.get(fairId);
    const entry = fair?.stands.get(standId)?.entries.get(candidateId);
    if (!fair || !entry || entry.state !== "called") return { status: "not_called" };
    const recruiterId = entry.recruiterId ?? "";
    const booked = entry.bookingId ? { bookingId: entry.bookingId } : {};
    const change = newChange();
    if (input.accept && now <= (entry.callDeadline ?? 0)) {
      fair.callDeadlines.delete(member(standId, candidateId));
      transition(change, standId, standOf(fair, standId), entry, "interviewing");
      entry.interviewId = input.interviewId;
      fair.busy.set(candidateId, { standId, state: "interviewing" });
      const { interviewId } = input;
      // A booked slot's interview is planned to end with its slot.
      const plannedEndsAt = entry.plannedEndsAt ?? input.plannedEndsAt;
      change.records.push(
        event("accept", standId, candidateId, { recruiterId }),
        { kind: "interview_start", interviewId, standId, candidateId, recruiterId, plannedEndsAt },
        event("interview_start", standId, candidateId, { recruiterId, data: { interviewId } }),
      );
      this.#commit(fairId, fair, change, now);
      return { status: "accepted", entry: copy(entry), recruiterId, ...booked };
    }
    const outcome = noShow(fair, change, standId, entry, input.accept ? "no_show" : "decline");
    this.#commit(fairId, fair, change, now);
    if (outcome === "removed") {
      return { status: input.accept ? "expired_removed" : "removed", recruiterId, ...booked };
    }
    return {
      status: input.accept ? "expired_returned" : "returned",
      entry: copy(entry),
      recruiterId,
      ...booked,
    };
  }

  async finishInterview(input: FinishInput): Promise<boolean> {
    const { fairId, standId, candidateId, interviewId, recruiterId, startedAt, now } = input;
    const fair = this.#fair(fairId);
    const stand = standOf(fair, standId);
    const entry = stand.entries.get(candidateId);
    const change = newChange();
    change.records.push({
      kind: "interview_end",
      interviewId,
      standId,
      candidateId,
      recruiterId,
      startedAt,
    });
    if (fair.recruiterBusy.get(recruiterId) === member(standId, candidateId)) {
      fair.recruiterBusy.delete(recruiterId);
    }
    // A late end of an older interview must not take the place of a newer one.
    const removed =
      entry?.state === "interviewing" &&
      (entry.interviewId === undefined || entry.interviewId === interviewId);
    if (entry && removed) {
      const durationMs = now - startedAt;
      removeEntry(fair, change, standId, entry);
      if (durationMs > 0) {
        stand.durations.unshift(durationMs);
        stand.durations.length = Math.min(stand.durations.length, MAX_DURATIONS);
      }
      change.records.push(
        event("interview_end", standId, candidateId, {
          recruiterId,
          data: { durationMs: Math.max(0, durationMs), interviewId },
        }),
      );
    }
    this.#commit(fairId, fair, change, now);
    return removed;
  }

  async setStandOpen(ref: StandRef, open: boolean, byRecruiterId: string | null, now: number) {
    const fair = this.#fair(ref.fairId);
    const stand = standOf(fair, ref.standId);
    const change = newChange();
    change.stands.set(ref.standId, []);
    stand.open = open;
    change.records.push(
      event(open ? "stand_open" : "stand_closed", ref.standId, null, {
        recruiterId: byRecruiterId ?? undefined,
      }),
    );
    const removed: string[] = [];
    for (const candidateId of open ? [] : stand.line.head()) {
      const entry = stand.entries.get(candidateId)!;
      if (entry.state === "interviewing") continue;
      removeEntry(fair, change, ref.standId, entry);
      removed.push(candidateId);
      change.records.push(
        event("removed", ref.standId, candidateId, {
          recruiterId: byRecruiterId ?? undefined,
          data: { reason: "stand_closed" },
        }),
      );
    }
    this.#commit(ref.fairId, fair, change, now);
    return removed;
  }

  async expireCalls(fairId: string, now: number): Promise<ExpiredCall[]> {
    const fair = this.#fairs.get(fairId);
    if (!fair) return [];
    const due = [...fair.callDeadlines]
      .filter(([, deadline]) => deadline <= now)
      .sort(byScoreThenMember);
    // Each expired call is a change of its own (its version, its outbox entry), as in Redis.
    const expired: ExpiredCall[] = [];
    const deltas: StandDelta[] = [];
    for (const [key] of due) {
      const [standId = "", candidateId = ""] = key.split("|");
      const entry = fair.stands.get(standId)?.entries.get(candidateId);
      if (!entry || entry.state !== "called") {
        fair.callDeadlines.delete(key);
        continue;
      }
      const { recruiterId = "", bookingId } = entry;
      const change = newChange();
      const outcome = noShow(fair, change, standId, entry, "no_show");
      deltas.push(...this.#apply(fairId, fair, change, now));
      expired.push({ standId, candidateId, recruiterId, outcome, ...(bookingId && { bookingId }) });
    }
    this.#tell(deltas);
    return expired;
  }

  // ---- presence ----

  async upsertRecruiter(ref: StandRef, recruiter: RecruiterPresence): Promise<void> {
    const stand = standOf(this.#fair(ref.fairId), ref.standId);
    stand.recruiters.set(recruiter.recruiterId, {
      ...recruiter,
      languages: [...recruiter.languages],
    });
  }

  async removeRecruiter(ref: StandRef, recruiterId: string): Promise<void> {
    this.#fairs.get(ref.fairId)?.stands.get(ref.standId)?.recruiters.delete(recruiterId);
  }

  async touchCandidates(fairIds: readonly string[], candidateIds: readonly string[], now: number) {
    for (const fairId of fairIds) {
      const presence = this.#fairs.get(fairId)?.presence;
      if (!presence) continue;
      for (const candidateId of candidateIds) {
        if (presence.has(candidateId)) presence.set(candidateId, now);
      }
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

  async connectedAmong(candidateIds: readonly string[], since: number): Promise<Set<string>> {
    return new Set(candidateIds.filter((id) => (this.#connected.get(id) ?? -Infinity) >= since));
  }

  async countQueuedCandidates(fairId: string): Promise<number> {
    return this.#fairs.get(fairId)?.candidateStands.size ?? 0;
  }

  async absentCandidates(fairId: string, cutoff: number): Promise<AbsentCandidate[]> {
    const fair = this.#fairs.get(fairId);
    if (!fair) return [];
    const absent = [...fair.presence].filter(([, seen]) => seen < cutoff).sort(byScoreThenMember);
    const result: AbsentCandidate[] = [];
    for (const [candidateId] of absent) {
      const busy = fair.busy.get(candidateId);
      if (busy?.state === "interviewing" || busy?.booked) {
        fair.presence.set(candidateId, cutoff);
        continue;
      }
      result.push({ candidateId, standIds: [...(fair.candidateStands.get(candidateId) ?? [])] });
    }
    return result;
  }

  // ---- reads ----

  async standCounts(ref: StandRef): Promise<StandCounts> {
    return countsOf(this.#peek(ref.fairId, ref.standId).stand);
  }

  async standView(ref: StandRef, candidateId?: string): Promise<StandView> {
    return viewOf(this.#peek(ref.fairId, ref.standId).stand, candidateId);
  }

  async standHead(ref: StandRef, limit: number): Promise<StandHead> {
    const { fair, stand } = this.#peek(ref.fairId, ref.standId);
    return {
      ...viewOf(stand),
      entries: entriesOf(fair, ref.standId, stand, Math.max(0, limit)),
    };
  }

  async standSnapshot(ref: StandRef): Promise<StandSnapshot> {
    const { fair, stand } = this.#peek(ref.fairId, ref.standId);
    return { ...viewOf(stand), entries: entriesOf(fair, ref.standId, stand) };
  }

  async candidateSnapshot(fairId: string, candidateId: string): Promise<CandidateSnapshot> {
    return candidateOf(this.#peek(fairId).fair, candidateId);
  }
}
