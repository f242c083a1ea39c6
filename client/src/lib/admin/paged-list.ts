/**
 * One page of a server-paged list with an optional status filter (the fair
 * list, pending stands, candidate registrations) and approve/reject decisions
 * on its rows. A newer load wins over a slower older one; after a decision the
 * page is reloaded, since the row may leave a filtered list, and a page left
 * empty steps back to the one before.
 */
import type { ApprovalStatus, ErrorCode, Page } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import type { Decision, ListQuery } from "./admin.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface ListError {
  code: ErrorCode;
  message: string;
}

export interface PagedListState<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  filter: ApprovalStatus | undefined;
  loading: boolean;
  /** The last load failed; the items shown are the ones before. */
  error: ListError | null;
  /** Rows with a decision on its way. */
  busy: ReadonlySet<string>;
  /** The last decision that failed, on which row. */
  decisionError: (ListError & { id: string }) | null;
}

export interface PagedListSource<Item> {
  load(query: ListQuery): Promise<HttpResult<Page<Item>>>;
  decide?(id: string, decision: Decision): Promise<HttpResult<Item>>;
}

export interface PagedListOptions {
  pageSize?: number;
  filter?: ApprovalStatus | undefined;
  /** After a decision went through (e.g. to refresh the fair's counts). */
  onDecided?: (id: string, decision: Decision) => void;
}

/** How many pages `total` items fill; at least one, so "page 1 of 1" reads right when empty. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export class PagedListManager<Item extends { id: string }> extends StateStore<
  PagedListState<Item>
> {
  readonly #source: PagedListSource<Item>;
  readonly #options: PagedListOptions;
  readonly #loads = new LatestRequest();

  constructor(source: PagedListSource<Item>, options: PagedListOptions = {}) {
    super({
      items: [],
      total: 0,
      page: 1,
      pageSize: options.pageSize ?? 20,
      filter: options.filter,
      loading: true,
      error: null,
      busy: new Set(),
      decisionError: null,
    });
    this.#source = source;
    this.#options = options;
  }

  /** (Re)loads the current page. */
  load(): Promise<void> {
    return this.goTo(this.state.page);
  }

  async goTo(page: number): Promise<void> {
    const request = this.#loads.start();
    const wanted = Math.max(1, Math.floor(page));
    this.update({ loading: true });
    const answer = await this.#source.load({
      page: wanted,
      pageSize: this.state.pageSize,
      status: this.state.filter,
    });
    if (!request.isLatest()) return;
    if (!answer.ok) {
      this.update({ loading: false, error: { code: answer.code, message: answer.message } });
      return;
    }
    const { items, total } = answer.data;
    if (items.length === 0 && total > 0 && wanted > 1) {
      // The rows of this page were decided away (or deleted) meanwhile.
      await this.goTo(pageCount(total, this.state.pageSize));
      return;
    }
    this.update({ items, total, page: wanted, loading: false, error: null });
  }

  /** Shows only one status (or all) from the first page on. */
  setFilter(filter: ApprovalStatus | undefined): Promise<void> {
    this.update({ filter, page: 1 });
    return this.goTo(1);
  }

  /** Approves or rejects a row; true when the server took it. */
  async decide(id: string, decision: Decision): Promise<boolean> {
    const decide = this.#source.decide;
    if (!decide || this.state.busy.has(id)) return false;
    this.update({ busy: new Set([...this.state.busy, id]), decisionError: null });
    const answer = await decide(id, decision);
    const busy = new Set(this.state.busy);
    busy.delete(id);
    if (!answer.ok) {
      this.update({ busy, decisionError: { id, code: answer.code, message: answer.message } });
      return false;
    }
    // Show the new status at once; the reload may then move the row off a filtered page.
    this.update({
      busy,
      items: this.state.items.map((item) => (item.id === id ? answer.data : item)),
    });
    this.#options.onDecided?.(id, decision);
    await this.load();
    return true;
  }
}
