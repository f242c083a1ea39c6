/**
 * The staff side of a stand's queue: the console view with the profiles
 * candidates agreed to share, call next, pause, and opening or closing the
 * stand. Only the stand's staff act; a fair admin may watch.
 */
import {
  ErrorCode,
  averageMs,
  type Language,
  type SessionUser,
  type StaffQueue,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { StaffMembership } from "./queue.repository.js";
import { activeRecruiters, notifyRemoved, requireUser, type QueueDeps } from "./queue.rules.js";

export class StaffQueueService {
  constructor(private readonly deps: QueueDeps) {}

  /** Stand staff see the queue; a fair admin may watch it too. */
  async staffQueue(user: SessionUser | null, standId: string): Promise<StaffQueue> {
    const viewer = requireUser(user);
    const membership = await this.deps.repository.staffMembership(standId, viewer.id);
    if (!membership && viewer.role !== "fair_admin") {
      throw new AppError(ErrorCode.forbidden, "only this stand's staff can see its queue");
    }
    return this.buildStaffQueue(standId, viewer, membership);
  }

  /** The staff view for a viewer already admitted to the console. */
  async staffQueueFor(viewer: SessionUser, standId: string): Promise<StaffQueue> {
    return this.buildStaffQueue(
      standId,
      viewer,
      await this.deps.repository.staffMembership(standId, viewer.id),
    );
  }

  private async buildStaffQueue(
    standId: string,
    viewer: Pick<SessionUser, "id" | "uiLanguage">,
    membership: StaffMembership | null,
  ): Promise<StaffQueue> {
    const snapshot = await this.deps.store.standSnapshot(standId);
    const ids = snapshot.entries.map((entry) => entry.candidateId);
    const [profiles, answers] = await Promise.all([
      this.deps.repository.sharedProfiles(standId, ids),
      this.deps.repository.screeningAnswers(standId, ids, viewer.uiLanguage),
    ]);
    const now = this.deps.clock();
    const recruiter = snapshot.recruiters.find((entry) => entry.recruiterId === viewer.id);
    return {
      standId,
      open: snapshot.open,
      paused: membership ? (recruiter?.paused ?? false) : true,
      averageInterviewMs: averageMs(snapshot.recentDurationsMs),
      activeRecruiters: activeRecruiters(snapshot, now, this.deps.timings),
      entries: snapshot.entries.map((entry) => ({
        candidateId: entry.candidateId,
        ticket: entry.ticket,
        state: entry.state,
        frozen: entry.frozen,
        online: entry.lastSeen >= now - this.deps.timings.onlineWindowMs,
        noShows: entry.noShows,
        profile: profiles.get(entry.candidateId) ?? null,
        answers: answers.get(entry.candidateId) ?? [],
      })),
    };
  }

  async callNext(user: SessionUser | null, standId: string): Promise<string | null> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    const snapshot = await this.deps.store.standSnapshot(standId);
    if (snapshot.recruiters.find((entry) => entry.recruiterId === recruiter.id)?.paused) {
      throw new AppError(ErrorCode.conflict, "you are paused; resume to take candidates");
    }
    const now = this.deps.clock();
    const outcome = await this.deps.store.callNext({
      standId,
      recruiterId: recruiter.id,
      languages: membership.languages,
      deadline: now + this.deps.timings.callTimeoutMs,
      onlineSince: now - this.deps.timings.onlineWindowMs,
    });
    if (outcome.status === "stand_closed")
      throw new AppError(ErrorCode.standClosed, "the stand is closed");
    if (outcome.status === "empty") return null;
    this.deps.events.append({
      stand: standId,
      type: "call",
      candidateId: outcome.candidateId,
      recruiterId: recruiter.id,
    });
    this.deps.notifier.called(outcome.candidateId, {
      standId,
      deadline: outcome.entry.callDeadline ?? now + this.deps.timings.callTimeoutMs,
      serverTime: now,
      recruiterName: membership.displayName,
    });
    this.deps.notifier.standChanged(standId);
    this.deps.notifier.candidateChanged(outcome.candidateId);
    return outcome.candidateId;
  }

  async setPaused(user: SessionUser | null, standId: string, paused: boolean): Promise<void> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    await this.recruiterSeen(standId, recruiter.id, membership.languages, paused);
    this.deps.notifier.standChanged(standId);
  }

  async setOpen(user: SessionUser | null, standId: string, open: boolean): Promise<void> {
    const { recruiter } = await this.#requireStaff(user, standId);
    const removed = await this.deps.store.setStandOpen(standId, open);
    this.deps.events.append({
      stand: standId,
      type: open ? "stand_open" : "stand_closed",
      candidateId: null,
      recruiterId: recruiter.id,
    });
    for (const candidateId of removed) {
      this.deps.events.append({
        stand: standId,
        type: "removed",
        candidateId: candidateId,
        recruiterId: recruiter.id,
        data: {
          reason: "stand_closed",
        },
      });
      notifyRemoved(this.deps.notifier, candidateId, standId, "stand_closed");
    }
    this.deps.notifier.standChanged(standId);
  }

  /** Heartbeat of a recruiter's console; keeps their pause flag unless given. */
  async recruiterSeen(
    standId: string,
    recruiterId: string,
    languages: Language[],
    paused?: boolean,
  ): Promise<void> {
    const now = this.deps.clock();
    const snapshot = await this.deps.store.standSnapshot(standId);
    const previous = snapshot.recruiters.find((entry) => entry.recruiterId === recruiterId);
    const nextPaused = paused ?? previous?.paused ?? false;
    await this.deps.store.upsertRecruiter(standId, {
      recruiterId,
      languages,
      paused: nextPaused,
      seen: now,
    });
    // Wait estimates depend on who is active: tell watchers when this recruiter starts counting.
    const wasActive =
      previous !== undefined &&
      !previous.paused &&
      previous.seen >= now - this.deps.timings.recruiterActiveMs;
    if (wasActive !== !nextPaused) this.deps.notifier.standChanged(standId);
  }

  /** Whether someone is (still) on a stand's staff, and in which languages. */
  membership(standId: string, userId: string): Promise<StaffMembership | null> {
    return this.deps.repository.staffMembership(standId, userId);
  }

  async recruiterGone(standId: string, recruiterId: string): Promise<void> {
    await this.deps.store.removeRecruiter(standId, recruiterId);
    this.deps.notifier.standChanged(standId);
  }

  async #requireStaff(user: SessionUser | null, standId: string) {
    const recruiter = requireUser(user);
    const membership = await this.deps.repository.staffMembership(standId, recruiter.id);
    if (!membership) throw new AppError(ErrorCode.forbidden, "only this stand's staff can do this");
    return { recruiter, membership };
  }
}
