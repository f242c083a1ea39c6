import { describe, expect, it } from "vitest";
import type { Person } from "@crossfair/shared";
import { PeopleManager } from "./people.manager.js";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const camille: Person = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  email: "candidate@crossfair.test",
  displayName: "Camille Dubois",
  role: "candidate",
  createdAt: "2026-12-01T09:00:00.000Z",
  suspendedAt: null,
  suspensionReason: null,
};
const admin: Person = {
  ...camille,
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  email: "admin@crossfair.test",
  displayName: "Fair Admin",
  role: "fair_admin",
};

/** A fake API: the people list, and the suspension answering with the changed person. */
function api(people: Person[]) {
  const calls: { url: string; method: string; body?: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const body = init?.body
      ? (JSON.parse(String(init.body)) as Record<string, unknown>)
      : undefined;
    calls.push({ url, method: init?.method ?? "GET", ...(body ? { body } : {}) });
    if (url.startsWith("/api/admin/people?")) {
      return json({ items: people, total: people.length, page: 1, pageSize: 20 });
    }
    const id = /\/api\/admin\/people\/([^/]+)\/suspension/.exec(url)?.[1];
    const person = people.find((entry) => entry.id === id);
    if (!person) return json({ error: { code: "not_found", message: "no such account" } }, 404);
    return json({
      person: body?.suspended
        ? { ...person, suspendedAt: "2026-12-07T10:00:00.000Z", suspensionReason: body.reason }
        : { ...person, suspendedAt: null, suspensionReason: null },
    });
  };
  return { fetch, calls };
}

describe("people manager", () => {
  it("searches by what the admin typed, from the first page", async () => {
    const { fetch, calls } = api([camille]);
    const people = new PeopleManager(fetch);
    await people.search("  camille ");
    expect(calls[0]?.url).toBe("/api/admin/people?query=camille&page=1&pageSize=20");
    expect(people.state).toMatchObject({ query: "camille", items: [camille], loading: false });
  });

  it("suspends only after the confirmation, with a reason, and replaces the row", async () => {
    const { fetch, calls } = api([camille]);
    const people = new PeopleManager(fetch);
    await people.load();
    people.ask(camille);
    expect(people.state.pending).toMatchObject({ suspend: true, error: null });
    expect(await people.confirm("   ")).toBe(false);
    expect(people.state.pending?.error).toBe("reasonMissing");
    expect(calls).toHaveLength(1);

    expect(await people.confirm(" Spam in the chat ")).toBe(true);
    expect(calls[1]).toEqual({
      url: `/api/admin/people/${camille.id}/suspension`,
      method: "POST",
      body: { suspended: true, reason: "Spam in the chat" },
    });
    expect(people.state.pending).toBeNull();
    expect(people.state.items[0]).toMatchObject({ suspensionReason: "Spam in the chat" });
    expect(people.state.done).toEqual({ name: "Camille Dubois", suspended: true });

    // The same row now offers reinstatement, which needs no reason.
    people.ask(people.state.items[0]!);
    expect(people.state.pending?.suspend).toBe(false);
    expect(await people.confirm()).toBe(true);
    expect(calls[2]?.body).toEqual({ suspended: false });
    expect(people.state.items[0]?.suspendedAt).toBeNull();
  });

  it("offers no suspension of the admin's own account, and keeps a refusal in the dialog", async () => {
    const people = new PeopleManager(api([camille, admin]).fetch, { id: admin.id });
    expect(people.canSuspend(admin)).toBe(false);
    people.ask(admin);
    expect(people.state.pending).toBeNull();

    const refusing = new PeopleManager(async () =>
      json({ error: { code: "own_account", message: "no" } }, 409),
    );
    refusing.ask(camille);
    expect(await refusing.confirm("reason")).toBe(false);
    expect(refusing.state.pending).toMatchObject({ saving: false, error: "own_account" });
    refusing.cancel();
    expect(refusing.state.pending).toBeNull();
  });

  it("keeps the rows it had when a search fails", async () => {
    let up = true;
    const { fetch } = api([camille]);
    const people = new PeopleManager((input, init) =>
      up
        ? fetch(input, init)
        : Promise.resolve(json({ error: { code: "unavailable", message: "x" } }, 503)),
    );
    await people.load();
    up = false;
    await people.search("x");
    expect(people.state).toMatchObject({ items: [camille], error: "unavailable", loading: false });
  });
});
