import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { FairAdminView, FairInput, FairPatch, FairStatus } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { fairView, filledFairForm } from "./admin.fixtures.js";
import { emptyFairForm, fairFormFrom } from "./fair-form.js";
import { allowedMoves, createFair, FairManager } from "./fair.manager.js";

/** The fair API in memory, enforcing the status rules like the server. */
class FakeFairApi {
  current = fairView();
  calls: string[] = [];
  nextFailure: HttpResult<never> | null = null;
  async fair(slug: string): Promise<HttpResult<FairAdminView>> {
    this.calls.push(`GET ${slug}`);
    return { ok: true, data: this.current };
  }
  async moveFair(slug: string, status: FairStatus): Promise<HttpResult<FairAdminView>> {
    this.calls.push(`MOVE ${slug} ${status}`);
    if (this.nextFailure) return this.nextFailure;
    if (!allowedMoves(this.current.status).includes(status)) {
      return { ok: false, code: "invalid_transition", message: "no" };
    }
    this.current = { ...this.current, status };
    return { ok: true, data: this.current };
  }
  async updateFair(slug: string, patch: FairPatch): Promise<HttpResult<FairAdminView>> {
    this.calls.push(`PATCH ${slug}`);
    this.current = { ...this.current, ...patch };
    return { ok: true, data: this.current };
  }
  async createFair(input: FairInput): Promise<HttpResult<FairAdminView>> {
    this.calls.push(`POST ${input.slug}`);
    if (input.slug === "taken") {
      return { ok: false, code: "conflict", message: "slug taken", field: "slug" };
    }
    return { ok: true, data: { ...fairView(), slug: input.slug } };
  }
}

async function loaded(api = new FakeFairApi()) {
  const manager = new FairManager(api, "job-day");
  await manager.load();
  return { api, manager };
}

describe("fair status moves", () => {
  it("offers only the moves the contract allows", () => {
    expect(allowedMoves("draft")).toEqual(["registration_open", "live"]);
    expect(allowedMoves("closed")).toEqual(["live"]);
  });

  it("moves only after confirmation", async () => {
    const { api, manager } = await loaded();
    manager.askMove("registration_open");
    expect(manager.state).toMatchObject({ status: "ready", pendingMove: "registration_open" });
    expect(api.calls).toEqual(["GET job-day"]);
    expect(await manager.confirmMove()).toBe(true);
    expect(manager.state).toMatchObject({
      status: "ready",
      pendingMove: null,
      fair: { status: "registration_open" },
    });
  });

  it("ignores a forbidden move and forgets a cancelled one", async () => {
    const { api, manager } = await loaded();
    manager.askMove("closed");
    expect(manager.state).toMatchObject({ pendingMove: null });
    manager.askMove("live");
    manager.cancelMove();
    expect(await manager.confirmMove()).toBe(false);
    expect(api.calls).toEqual(["GET job-day"]);
  });

  it("shows where the fair is now when someone else moved it first", async () => {
    const { api, manager } = await loaded();
    manager.askMove("live");
    api.current = { ...api.current, status: "live" }; // another admin, meanwhile
    expect(await manager.confirmMove()).toBe(false);
    expect(manager.state).toMatchObject({
      status: "ready",
      fair: { status: "live" },
      moveError: { code: "invalid_transition" },
      moving: false,
    });
  });

  it("keeps the fair and shows the error when a move fails otherwise", async () => {
    const { api, manager } = await loaded();
    api.nextFailure = { ok: false, code: "unavailable", message: "down" };
    manager.askMove("live");
    expect(await manager.confirmMove()).toBe(false);
    expect(manager.state).toMatchObject({
      fair: { status: "draft" },
      moveError: { code: "unavailable" },
    });
    expect(api.calls.filter((call) => call.startsWith("GET"))).toHaveLength(1);
  });

  it("shows a fair that cannot be loaded as an error", async () => {
    const api = new FakeFairApi();
    api.fair = async () => ({ ok: false, code: "not_found", message: "no fair" });
    const manager = new FairManager(api, "nope");
    await manager.load();
    expect(get(manager)).toEqual({
      status: "error",
      error: { code: "not_found", message: "no fair" },
    });
  });
});

describe("fair forms", () => {
  it("saves the edit form and shows the saved fair", async () => {
    const { api, manager } = await loaded();
    const values = { ...fairFormFrom(api.current), queueCap: 5 };
    const outcome = await manager.save(values);
    expect(outcome.ok).toBe(true);
    expect(api.calls).toContain("PATCH job-day");
    expect(manager.state).toMatchObject({ fair: { queueCapPerCandidate: 5 } });
  });

  it("does not send a form with problems", async () => {
    const api = new FakeFairApi();
    const outcome = await createFair(api, emptyFairForm("UTC"));
    expect(outcome).toMatchObject({ ok: false, error: null });
    expect(outcome.ok || outcome.problems).toContain("slug");
    expect(api.calls).toEqual([]);
  });

  it("puts the server's complaint on the field it names", async () => {
    const values = { ...filledFairForm(), slug: "taken" };
    const outcome = await createFair(new FakeFairApi(), values);
    expect(outcome).toEqual({
      ok: false,
      problems: ["slug"],
      error: { code: "conflict", message: "slug taken", field: "slug" },
    });
    const created = await createFair(new FakeFairApi(), { ...values, slug: "new-day" });
    expect(created).toMatchObject({ ok: true, fair: { slug: "new-day" } });
  });
});
