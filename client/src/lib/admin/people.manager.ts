/**
 * The fair admin's people page: a search over the accounts (by email or name,
 * paged by the server), and suspending or reinstating one of them behind a
 * confirmation. Asking opens the confirmation for one person; confirming a
 * suspension wants a reason; the answer replaces the person's row, and what
 * happened is left for the page to announce. A newer search wins over a
 * slower older one.
 */
import type { ErrorCode } from "@crossfair/shared";
import {
  PEOPLE_API,
  SUSPENSION_REASON_MAX,
  type Person,
  type SessionUser,
} from "@crossfair/shared";
import { callApi, type Fetch } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface PendingSuspension {
  person: Person;
  /** True to suspend the person, false to reinstate them. */
  suspend: boolean;
  saving: boolean;
  /** Why the confirmation cannot go through: no reason given, or the server's code. */
  error: "reasonMissing" | ErrorCode | null;
}

export interface PeopleState {
  /** The search as last sent. */
  query: string;
  items: Person[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  /** The last search failed; the rows shown are the ones before. */
  error: ErrorCode | null;
  /** The confirmation dialog, when open. */
  pending: PendingSuspension | null;
  /** The last change that went through, for the page's status line. */
  done: { name: string; suspended: boolean } | null;
}

export class PeopleManager extends StateStore<PeopleState> {
  readonly #fetch: Fetch;
  readonly #searches = new LatestRequest();

  constructor(
    fetchFn: Fetch,
    /** The signed-in admin: their own row offers no suspension (the server refuses it too). */
    private readonly self: Pick<SessionUser, "id"> | null = null,
    pageSize = 20,
  ) {
    super({
      query: "",
      items: [],
      total: 0,
      page: 1,
      pageSize,
      loading: true,
      error: null,
      pending: null,
      done: null,
    });
    this.#fetch = fetchFn;
  }

  /** Whether a person's row offers suspension at all (not the admin's own account). */
  canSuspend(person: Person): boolean {
    return person.id !== this.self?.id;
  }

  /** Searches from the first page. */
  search(query: string): Promise<void> {
    this.update({ query: query.trim() });
    return this.goTo(1);
  }

  /** (Re)loads the current page of the current search. */
  load(): Promise<void> {
    return this.goTo(this.state.page);
  }

  async goTo(page: number): Promise<void> {
    const request = this.#searches.start();
    const wanted = Math.max(1, Math.floor(page));
    this.update({ loading: true });
    const answer = await callApi(this.#fetch, PEOPLE_API.people, {
      query: { query: this.state.query, page: wanted, pageSize: this.state.pageSize },
    });
    if (!request.isLatest()) return;
    if (!answer.ok) {
      this.update({ loading: false, error: answer.code });
      return;
    }
    this.update({
      items: answer.data.items,
      total: answer.data.total,
      page: wanted,
      loading: false,
      error: null,
    });
  }

  /** Opens the confirmation: suspending a person in good standing, or reinstating a suspended one. */
  ask(person: Person): void {
    const suspend = person.suspendedAt === null;
    if (suspend && !this.canSuspend(person)) return;
    this.update({ pending: { person, suspend, saving: false, error: null }, done: null });
  }

  cancel(): void {
    if (this.state.pending?.saving) return;
    this.update({ pending: null });
  }

  /** Sends the confirmed change; true when the server took it (the dialog closes). */
  async confirm(reason = ""): Promise<boolean> {
    const pending = this.state.pending;
    if (!pending || pending.saving) return false;
    const trimmed = reason.trim().slice(0, SUSPENSION_REASON_MAX);
    if (pending.suspend && trimmed === "") {
      this.update({ pending: { ...pending, error: "reasonMissing" } });
      return false;
    }
    this.update({ pending: { ...pending, saving: true, error: null } });
    const answer = await callApi(this.#fetch, PEOPLE_API.suspension, {
      params: { userId: pending.person.id },
      body: pending.suspend ? { suspended: true, reason: trimmed } : { suspended: false },
    });
    if (!answer.ok) {
      this.update({ pending: { ...pending, saving: false, error: answer.code } });
      return false;
    }
    const person = answer.data.person;
    this.update({
      items: this.state.items.map((item) => (item.id === person.id ? person : item)),
      pending: null,
      done: { name: person.displayName, suspended: person.suspendedAt !== null },
    });
    return true;
  }
}
