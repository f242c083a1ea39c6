/**
 * Owns a list of applications as stand staff see them, and moving them along
 * the pipeline. Two sources: a stand's applications (filtered by status,
 * paged), or one candidate's applications to the stand (for the console
 * during and after an interview). Only moves `canStaffMoveApplication` allows
 * are offered; the server checks again and answers a stale move with
 * `invalid_transition`, after which the list is reloaded. From the list,
 * staff can also invite an applicant to book an interview slot; each
 * candidate's invitation has its own result, shown beside their applications.
 */
import {
  APPLICATION_STATUSES,
  canStaffMoveApplication,
  ErrorCode,
  type ApplicationStatus,
  type StaffApplication,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StaffApi } from "./staff.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

/** The statuses staff may move an application in `from` to, in pipeline order. */
export function allowedMoves(from: ApplicationStatus): ApplicationStatus[] {
  return APPLICATION_STATUSES.filter((to) => canStaffMoveApplication(from, to));
}

export type ApplicationsSource =
  { kind: "stand"; standId: string } | { kind: "candidate"; standId: string; candidateId: string };

/** An invitation to book, per candidate: on its way, sent, or refused with a code. */
export type BookingInvitationState =
  { status: "sending" } | { status: "sent" } | { status: "failed"; code: ErrorCode };

export interface ApplicationsState {
  source: ApplicationsSource | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  /** Stand lists only: the status shown (null: all), page and total. */
  filter: ApplicationStatus | null;
  page: number;
  pageSize: number;
  total: number;
  items: StaffApplication[];
  /** The application whose move waits for the server. */
  moving: string | null;
  /** The last move's result, for the live region. */
  lastMove:
    | { applicationId: string; ok: true; to: ApplicationStatus }
    | { applicationId: string; ok: false; code: ErrorCode }
    | null;
  /** Invitations to book sent from this list, by candidate id. */
  invitations: Readonly<Record<string, BookingInvitationState>>;
}

export const APPLICATIONS_PAGE_SIZE = 20;

const IDLE: ApplicationsState = {
  source: null,
  status: "idle",
  error: null,
  filter: null,
  page: 1,
  pageSize: APPLICATIONS_PAGE_SIZE,
  total: 0,
  items: [],
  moving: null,
  lastMove: null,
  invitations: {},
};

export class ApplicationsManager extends StateStore<ApplicationsState> {
  readonly #fetch: Fetch;
  readonly #requests = new LatestRequest();

  constructor(options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Shows a source's applications; the same source again only reloads. */
  async open(source: ApplicationsSource): Promise<void> {
    if (!sameSource(source, this.state.source)) this.set({ ...IDLE, source });
    await this.reload();
  }

  async setFilter(filter: ApplicationStatus | null): Promise<void> {
    this.set({ ...this.state, filter, page: 1 });
    await this.reload();
  }

  async setPage(page: number): Promise<void> {
    const last = Math.max(1, Math.ceil(this.state.total / this.state.pageSize));
    this.set({ ...this.state, page: Math.min(Math.max(1, page), last) });
    await this.reload();
  }

  async reload(): Promise<void> {
    const { source, filter, page, pageSize } = this.state;
    if (!source) return;
    const generation = this.#requests.start();
    this.set({ ...this.state, status: "loading", error: null });
    if (source.kind === "candidate") {
      const answer = await new StaffApi(this.#fetch).loadCandidateApplications(
        source.standId,
        source.candidateId,
      );
      if (!generation.isLatest()) return;
      this.set(
        answer.ok
          ? { ...this.state, status: "ready", items: answer.data, total: answer.data.length }
          : { ...this.state, status: "error", error: answer.code },
      );
      return;
    }
    const answer = await new StaffApi(this.#fetch).loadStandApplications(source.standId, {
      status: filter,
      page,
      pageSize,
    });
    if (!generation.isLatest()) return;
    this.set(
      answer.ok
        ? {
            ...this.state,
            status: "ready",
            items: answer.data.items,
            total: answer.data.total,
          }
        : { ...this.state, status: "error", error: answer.code },
    );
  }

  /** Moves one application; refuses moves the pipeline does not allow before asking the server. */
  async move(applicationId: string, to: ApplicationStatus): Promise<boolean> {
    const application = this.state.items.find((item) => item.id === applicationId);
    if (!application || this.state.moving) return false;
    if (!canStaffMoveApplication(application.status, to)) {
      this.set({
        ...this.state,
        lastMove: { applicationId, ok: false, code: ErrorCode.invalidTransition },
      });
      return false;
    }
    const generation = this.#requests.current;
    this.set({ ...this.state, moving: applicationId, lastMove: null });
    const answer = await new StaffApi(this.#fetch).moveApplication(applicationId, to);
    if (!generation.isLatest()) {
      // The list was reloaded or replaced meanwhile; only clear the busy mark.
      this.set({ ...this.state, moving: null });
      return answer.ok;
    }
    if (!answer.ok) {
      this.set({
        ...this.state,
        moving: null,
        lastMove: { applicationId, ok: false, code: answer.code },
      });
      // Someone else moved it first: show where it is now.
      if (answer.code === ErrorCode.invalidTransition) await this.reload();
      return false;
    }
    this.set({
      ...this.state,
      moving: null,
      items: this.state.items.map((item) => (item.id === applicationId ? answer.data : item)),
      lastMove: { applicationId, ok: true, to: answer.data.status },
    });
    return true;
  }

  /** Invites the candidate to book a slot at the list's stand; once at a time per candidate. */
  async inviteToBook(candidateId: string): Promise<boolean> {
    const { source } = this.state;
    if (!source || this.state.invitations[candidateId]?.status === "sending") return false;
    const generation = this.#requests.current;
    this.#setInvitation(candidateId, { status: "sending" });
    const answer = await new StaffApi(this.#fetch).inviteToBook(source.standId, candidateId);
    // The list was closed or replaced by another source meanwhile: nothing to show it on.
    if (!generation.isLatest() && !sameSource(source, this.state.source)) return answer.ok;
    this.#setInvitation(
      candidateId,
      answer.ok ? { status: "sent" } : { status: "failed", code: answer.code },
    );
    return answer.ok;
  }

  #setInvitation(candidateId: string, invitation: BookingInvitationState): void {
    this.set({
      ...this.state,
      invitations: { ...this.state.invitations, [candidateId]: invitation },
    });
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }
}

function sameSource(a: ApplicationsSource, b: ApplicationsSource | null): boolean {
  if (!b || a.kind !== b.kind || a.standId !== b.standId) return false;
  return a.kind === "stand" || (b.kind === "candidate" && a.candidateId === b.candidateId);
}
