/**
 * The invariant bookkeeping shared by all bots of the run. It keeps what the
 * clients were told (which queues each candidate is in, who called whom) and
 * flags what must never happen:
 * - a double call: a candidate called while a call or interview of theirs
 *   was still open elsewhere (or at the same stand by another recruiter);
 * - a lost entry: a queue place that was joined and never left or removed,
 *   yet is missing (on reconnect, on leave, or in Redis at the end).
 * An engagement counts as released as soon as a request that ends it is
 * *sent* (decline, leave, interview end), so requests in flight never cause
 * a false alarm; a call also lapses at its deadline.
 */

/** Who reported a call: the recruiter's ack, the candidate's event, or the candidate's restored queues. */
type CallSource = "callNext" | "called" | "restored";

interface Engagement {
  standId: string;
  /** Unknown while only a `queue:mine` snapshot showed the call. */
  recruiterId: string | undefined;
  kind: "called" | "interviewing";
  deadline: number;
  released: boolean;
  /** Which sides already reported this call (each reports it once). */
  seenBy: Set<CallSource>;
  /** The interview the call became, once the accept's ack said so. */
  interviewId?: string;
}

export interface Violation {
  candidateId: string;
  detail: string;
  at: number;
}

/** A call seen while the candidate's interview elsewhere was, as far as the bots knew, open. */
export interface CallDuringInterview {
  violation: Violation;
  candidateId: string;
  interviewId: string;
  /** The stand of the new call, and when it was seen (epoch ms). */
  standId: string;
  seenAt: number;
}

/**
 * A place found missing (on reconnect, or by a leave or snooze answered "not in queue"), with
 * the window in which it went (epoch ms): while the candidate was away, or while the request
 * was on its way. `away` tells the two apart.
 */
export interface MissingPlace {
  violation: Violation;
  candidateId: string;
  standId: string;
  from: number;
  to: number;
  away: boolean;
}

export class InvariantTracker {
  /** candidateId → the stands the candidate was told they queue at. */
  readonly expected = new Map<string, Set<string>>();
  readonly #engagements = new Map<string, Engagement>();
  readonly #endedInterviews = new Set<string>();
  readonly #leftAt = new Map<string, number>();
  readonly #uncertain = new Map<string, "internal" | "no_ack">();
  /** Places that changed after a request that got no ack (not a server fault; informational). */
  noAckChanges = 0;
  /** Operations answered with an error (or no ack) that had changed the queue anyway. */
  readonly committedDespiteError: Violation[] = [];
  readonly #endWaiters = new Map<string, () => void>();
  readonly doubleCalls: Violation[] = [];
  readonly lost: Violation[] = [];
  /** The places among `lost` with the window they went missing in (checked against the records at the end). */
  readonly missingPlaces: MissingPlace[] = [];
  /** Lost places the durable records explain (a removal in their window), by explanation. */
  readonly explainedLosses = new Map<string, number>();
  /** Double calls made while the bots believed an interview open (checked against the records). */
  readonly callsDuringInterviews: CallDuringInterview[] = [];
  /** Double calls the records explain, by explanation. */
  readonly explainedDoubleCalls = new Map<string, number>();
  /** Calls seen in a `queue:mine` snapshot that disagreed with another open call (informational). */
  snapshotConflicts = 0;
  readonly #startedAt = Date.now();

  standsOf(candidateId: string): Set<string> {
    let stands = this.expected.get(candidateId);
    if (!stands) {
      stands = new Set();
      this.expected.set(candidateId, stands);
    }
    return stands;
  }

  joined(candidateId: string, standId: string): void {
    this.standsOf(candidateId).add(standId);
  }

  /** The candidate's own leave was acknowledged. */
  left(candidateId: string, standId: string): void {
    this.#leftAt.set(`${candidateId}|${standId}`, Date.now());
    this.gone(candidateId, standId);
  }

  /** Whether the candidate's leave of this stand was acknowledged since `since`. */
  leftSince(candidateId: string, standId: string, since: number): boolean {
    return (this.#leftAt.get(`${candidateId}|${standId}`) ?? 0) >= since;
  }

  /** The candidate left, was removed, or finished an interview at the stand. */
  gone(candidateId: string, standId: string): void {
    this.standsOf(candidateId).delete(standId);
    this.release(candidateId, standId);
  }

  lostEntry(
    candidateId: string,
    standId: string,
    how: string,
    window?: { from: number; to: number; away: boolean },
  ): void {
    const doubt = this.#uncertain.get(`${candidateId}|${standId}`);
    const violation = { candidateId, detail: `${standId}: ${how}`, at: this.#elapsed() };
    if (doubt === "internal") this.committedDespiteError.push(violation);
    else if (doubt === "no_ack") this.noAckChanges += 1;
    else {
      this.lost.push(violation);
      if (window) {
        this.missingPlaces.push({
          violation,
          candidateId,
          standId,
          ...window,
        });
      }
    }
    this.#uncertain.delete(`${candidateId}|${standId}`);
    this.standsOf(candidateId).delete(standId);
  }

  /**
   * A join, leave or accept answered `internal` (the server said it failed) or with no ack
   * at all (e.g. this bot's own socket closed under it): whether it took effect is unknown.
   */
  uncertain(candidateId: string, standId: string, code: string): void {
    this.#uncertain.set(`${candidateId}|${standId}`, code === "internal" ? "internal" : "no_ack");
  }

  /** How a place that differs from what the client was told is explained, if it is. */
  doubt(candidateId: string, standId: string): "internal" | "no_ack" | undefined {
    return this.#uncertain.get(`${candidateId}|${standId}`);
  }

  /** True while the candidate has an open call or interview at this stand. */
  engagedAt(candidateId: string, standId: string): boolean {
    const engagement = this.#active(candidateId);
    return engagement?.standId === standId;
  }

  engaged(candidateId: string): boolean {
    return this.#active(candidateId) !== undefined;
  }

  /** A call reported by the recruiter's `staff:callNext` ack or the candidate's `queue:called`. */
  callSeen(
    candidateId: string,
    standId: string,
    recruiterId: string | undefined,
    source: CallSource,
    deadline: number,
  ): void {
    const current = this.#active(candidateId);
    // A call seen only in a `queue:mine` snapshot may be stale (snapshots are coalesced and can
    // cross an answer in flight): it never counts as a double call, on either side.
    const onlyRestored = current?.seenBy.size === 1 && current.seenBy.has("restored");
    if (current && (source === "restored" || onlyRestored) && current.standId !== standId) {
      this.snapshotConflicts += 1;
    } else if (current) {
      const sameCall =
        current.standId === standId &&
        !current.seenBy.has(source) &&
        (current.recruiterId === undefined ||
          recruiterId === undefined ||
          current.recruiterId === recruiterId);
      if (sameCall) {
        current.seenBy.add(source);
        current.recruiterId ??= recruiterId;
        return;
      }
      const violation = {
        candidateId,
        detail:
          `called at ${standId} by ${recruiterId ?? "?"} (${source}) while ${current.kind} at ` +
          `${current.standId} with ${current.recruiterId ?? "?"}`,
        at: this.#elapsed(),
      };
      this.doubleCalls.push(violation);
      if (current.kind === "interviewing" && current.interviewId) {
        const { interviewId } = current;
        this.callsDuringInterviews.push({
          violation,
          candidateId,
          interviewId,
          standId,
          seenAt: Date.now(),
        });
      }
    }
    this.#engagements.set(candidateId, {
      standId,
      recruiterId,
      kind: "called",
      deadline,
      released: false,
      seenBy: new Set([source]),
    });
  }

  /** A call shown only by a `queue:mine` snapshot (the candidate was offline when called). */
  callRestored(candidateId: string, standId: string, deadline: number): void {
    if (this.#active(candidateId)?.standId === standId) return;
    this.callSeen(candidateId, standId, undefined, "restored", deadline);
  }

  /** The accept's ack arrived; the recruiter may have ended the interview already (acks lag). */
  interviewing(candidateId: string, standId: string, interviewId: string): void {
    const current = this.#engagements.get(candidateId);
    if (current && current.standId === standId) {
      current.kind = "interviewing";
      current.interviewId = interviewId;
      if (this.#endedInterviews.has(interviewId)) current.released = true;
    }
  }

  release(candidateId: string, standId: string): void {
    const current = this.#engagements.get(candidateId);
    if (current && current.standId === standId) current.released = true;
  }

  interviewEnded(interviewId: string): void {
    this.#endedInterviews.add(interviewId);
    this.#endWaiters.get(interviewId)?.();
    this.#endWaiters.delete(interviewId);
  }

  /** Resolves when the recruiter ended the interview (or at once if they already did). */
  waitInterviewEnd(interviewId: string): Promise<void> {
    if (this.#endedInterviews.has(interviewId)) return Promise.resolve();
    return new Promise((resolve) => this.#endWaiters.set(interviewId, resolve));
  }

  /** Lets candidates stuck waiting for an end that will not come (at shutdown) go on. */
  releaseAllWaiters(): void {
    for (const resolve of this.#endWaiters.values()) resolve();
    this.#endWaiters.clear();
  }

  /** Takes a double call the records explain out of `doubleCalls`. */
  explainDoubleCall(call: CallDuringInterview, explanation: string): void {
    explainAway(this.doubleCalls, call.violation, this.explainedDoubleCalls, explanation);
  }

  /** Takes a lost place the records explain out of `lost`. */
  explainLoss(place: MissingPlace, explanation: string): void {
    explainAway(this.lost, place.violation, this.explainedLosses, explanation);
  }

  #active(candidateId: string): Engagement | undefined {
    const engagement = this.#engagements.get(candidateId);
    if (!engagement || engagement.released) return undefined;
    if (engagement.kind === "called" && Date.now() > engagement.deadline) return undefined;
    return engagement;
  }

  #elapsed(): number {
    return Math.round((Date.now() - this.#startedAt) / 100) / 10;
  }
}

/** Moves a violation the records explain out of its list, into the count of its explanation. */
function explainAway(
  violations: Violation[],
  violation: Violation,
  explained: Map<string, number>,
  explanation: string,
): void {
  const index = violations.indexOf(violation);
  if (index >= 0) violations.splice(index, 1);
  explained.set(explanation, (explained.get(explanation) ?? 0) + 1);
}
