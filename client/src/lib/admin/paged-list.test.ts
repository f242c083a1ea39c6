import { describe, expect, it } from "vitest";
import type { Page } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import type { Decision, ListQuery } from "./admin.api.js";
import { pageCount, PagedListManager } from "./paged-list.js";

interface Row {
  id: string;
  status: "pending" | "approved" | "rejected";
}

/** A server-side list in memory, paged and filtered like the API. */
class FakeSource {
  rows: Row[];
  readonly queries: ListQuery[] = [];
  failNext: HttpResult<never> | null = null;
  constructor(count: number) {
    this.rows = Array.from({ length: count }, (_, i) => ({ id: `r${i + 1}`, status: "pending" }));
  }
  load = async (query: ListQuery): Promise<HttpResult<Page<Row>>> => {
    this.queries.push(query);
    if (this.failNext) {
      const failure = this.failNext;
      this.failNext = null;
      return failure;
    }
    const matching = this.rows.filter((row) => !query.status || row.status === query.status);
    const start = (query.page - 1) * query.pageSize;
    return {
      ok: true,
      data: {
        items: matching.slice(start, start + query.pageSize),
        total: matching.length,
        page: query.page,
        pageSize: query.pageSize,
      },
    };
  };
  decide = async (id: string, decision: Decision): Promise<HttpResult<Row>> => {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) return { ok: false, code: "not_found", message: "gone" };
    row.status = decision;
    return { ok: true, data: { ...row } };
  };
}

describe("paged list", () => {
  it("counts pages", () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });

  it("loads pages with the filter", async () => {
    const source = new FakeSource(5);
    const list = new PagedListManager<Row>(source, { pageSize: 2, filter: "pending" });
    expect(list.state.loading).toBe(true);
    await list.load();
    expect(list.state).toMatchObject({ page: 1, total: 5, loading: false, error: null });
    expect(list.state.items.map((row) => row.id)).toEqual(["r1", "r2"]);
    await list.goTo(3);
    expect(list.state.items.map((row) => row.id)).toEqual(["r5"]);
    expect(source.queries.at(-1)).toEqual({ page: 3, pageSize: 2, status: "pending" });
    await list.setFilter(undefined);
    expect(source.queries.at(-1)).toEqual({ page: 1, pageSize: 2, status: undefined });
  });

  it("keeps the rows shown when a load fails, with the error", async () => {
    const source = new FakeSource(3);
    const list = new PagedListManager<Row>(source);
    await list.load();
    source.failNext = { ok: false, code: "unavailable", message: "down" };
    await list.load();
    expect(list.state.items).toHaveLength(3);
    expect(list.state.error).toEqual({ code: "unavailable", message: "down" });
    await list.load();
    expect(list.state.error).toBeNull();
  });

  it("lets the newest of two loads win", async () => {
    const answers: ((value: HttpResult<Page<Row>>) => void)[] = [];
    const list = new PagedListManager<Row>({
      load: () => new Promise((resolve) => answers.push(resolve)),
    });
    const first = list.goTo(1);
    const second = list.goTo(2);
    const page = (id: string, n: number) => ({
      ok: true as const,
      data: { items: [{ id, status: "pending" as const }], total: 40, page: n, pageSize: 20 },
    });
    answers[1]?.(page("second", 2));
    answers[0]?.(page("first", 1));
    await Promise.all([first, second]);
    expect(list.state.items[0]?.id).toBe("second");
    expect(list.state.page).toBe(2);
  });

  it("approves a row: it leaves the pending list and the caller is told", async () => {
    const source = new FakeSource(3);
    const decided: string[] = [];
    const list = new PagedListManager<Row>(source, {
      filter: "pending",
      onDecided: (id, decision) => decided.push(`${id}:${decision}`),
    });
    await list.load();
    const done = list.decide("r2", "approved");
    expect(list.state.busy.has("r2")).toBe(true);
    expect(await list.decide("r2", "rejected")).toBe(false); // one decision at a time per row
    expect(await done).toBe(true);
    expect(list.state.busy.size).toBe(0);
    expect(list.state.items.map((row) => row.id)).toEqual(["r1", "r3"]);
    expect(decided).toEqual(["r2:approved"]);
  });

  it("steps back a page when the last row of the last page was decided away", async () => {
    const source = new FakeSource(3);
    const list = new PagedListManager<Row>(source, { pageSize: 2, filter: "pending" });
    await list.goTo(2);
    await list.decide("r3", "rejected");
    expect(list.state.page).toBe(1);
    expect(list.state.items.map((row) => row.id)).toEqual(["r1", "r2"]);
  });

  it("keeps a failed decision's error on its row", async () => {
    const source = new FakeSource(1);
    const list = new PagedListManager<Row>(source);
    await list.load();
    source.rows = [];
    expect(await list.decide("r1", "approved")).toBe(false);
    expect(list.state.decisionError).toEqual({ id: "r1", code: "not_found", message: "gone" });
    expect(list.state.busy.size).toBe(0);
  });

  it("decides nothing on a list without decisions", async () => {
    const source = new FakeSource(1);
    const list = new PagedListManager<Row>({ load: source.load });
    await list.load();
    expect(await list.decide("r1", "approved")).toBe(false);
  });
});
