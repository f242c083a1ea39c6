import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { SessionUser } from "@crossfair/shared";
import { createSessionStore, SESSION_URLS } from "./session.store.js";

const camille: SessionUser = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  email: "candidate@crossfair.test",
  displayName: "Camille Dubois",
  role: "candidate",
  uiLanguage: "fr",
};
const lotte: SessionUser = {
  id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  email: "recruiter@crossfair.test",
  displayName: "Lotte Peeters",
  role: "recruiter",
  uiLanguage: "nl",
};
const STAND = "16fd2706-8baf-433b-82eb-8c7fada847da";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** A fake API: answers by URL and records each request. */
function api(routes: Record<string, () => Response>) {
  const calls: { url: string; method: string; body?: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    calls.push({
      url,
      method: init?.method ?? "GET",
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    const route = routes[url];
    return route ? route() : json({ error: { code: "not_found", message: "nope" } }, 404);
  };
  return { fetch, calls };
}

const unauthenticated = () =>
  json({ error: { code: "unauthenticated", message: "not signed in" } }, 401);
/** The boot check when nobody is signed in: 200, nobody (no 401 in the console). */
const signedOut = () => json({ user: null });

describe("session store", () => {
  it("loads the signed-in user quietly: the socket already has this cookie", async () => {
    const changes: unknown[] = [];
    const { fetch } = api({ [SESSION_URLS.session]: () => json({ user: camille }) });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    expect(get(session)).toEqual({ status: "loading" });
    await session.load();
    expect(get(session)).toEqual({ status: "signedIn", user: camille, stands: [] });
    expect(session.user).toEqual(camille);
    expect(changes).toEqual([]);
  });

  it("is signed out when nobody is (or on a 401), and says why on any other failure", async () => {
    const out = createSessionStore({ fetch: api({ [SESSION_URLS.session]: signedOut }).fetch });
    await out.load();
    expect(get(out)).toEqual({ status: "signedOut" });
    const refused = createSessionStore({
      fetch: api({ [SESSION_URLS.session]: unauthenticated }).fetch,
    });
    await refused.load();
    expect(get(refused)).toEqual({ status: "signedOut" });

    const down = createSessionStore({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await down.load();
    expect(get(down)).toEqual({ status: "signedOut", error: "unavailable" });
  });

  it("signs in, loads a recruiter's stands and reports the change of user", async () => {
    const changes: (SessionUser | null)[] = [];
    const stands = [
      { standId: STAND, organisationName: "Flanders Food Factory", role: "recruiter" },
    ];
    const { fetch, calls } = api({
      [SESSION_URLS.session]: signedOut,
      [SESSION_URLS.signIn]: () => json({ user: lotte }),
      [SESSION_URLS.myStands]: () => json({ stands }),
    });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    await session.load();
    const result = await session.signIn(" recruiter@crossfair.test ", "secret");
    expect(result).toEqual({ ok: true, data: lotte });
    expect(calls[1]).toEqual({
      url: SESSION_URLS.signIn,
      method: "POST",
      body: { email: "recruiter@crossfair.test", password: "secret" },
    });
    expect(get(session)).toEqual({ status: "signedIn", user: lotte, stands });
    expect(changes).toEqual([lotte]);
  });

  it("passes a wrong password's code on and stays signed out", async () => {
    const changes: unknown[] = [];
    const { fetch } = api({
      [SESSION_URLS.session]: signedOut,
      [SESSION_URLS.signIn]: () =>
        json({ error: { code: "invalid_credentials", message: "wrong" } }, 401),
    });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    await session.load();
    expect(await session.signIn("a@b.test", "x")).toEqual({
      ok: false,
      code: "invalid_credentials",
      message: "wrong",
    });
    expect(get(session).status).toBe("signedOut");
    expect(changes).toEqual([]);
  });

  it("signs up a candidate without signing in; the mailed link signs them in", async () => {
    const changes: (SessionUser | null)[] = [];
    const { fetch, calls } = api({
      [SESSION_URLS.session]: signedOut,
      [SESSION_URLS.signUp]: () => json({ status: "check_email" }, 202),
      [SESSION_URLS.verifyEmail]: () => json({ user: camille }),
    });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    await session.load();
    const result = await session.signUp({
      email: " candidate@crossfair.test ",
      password: "long enough secret",
      displayName: " Camille Dubois ",
      uiLanguage: "fr",
    });
    expect(result).toEqual({ ok: true, data: { status: "check_email" } });
    expect(calls[1]).toEqual({
      url: SESSION_URLS.signUp,
      method: "POST",
      body: {
        email: "candidate@crossfair.test",
        password: "long enough secret",
        displayName: "Camille Dubois",
        uiLanguage: "fr",
      },
    });
    expect(get(session)).toEqual({ status: "signedOut" });
    expect(changes).toEqual([]);

    const token = "a".repeat(43);
    expect(await session.verifyEmail(token)).toEqual({ ok: true, data: camille });
    expect(calls[2]).toEqual({ url: SESSION_URLS.verifyEmail, method: "POST", body: { token } });
    // Candidates work at no stand: the stand list is not asked for.
    expect(calls.map((call) => call.url)).not.toContain(SESSION_URLS.myStands);
    expect(get(session)).toEqual({ status: "signedIn", user: camille, stands: [] });
    expect(changes).toEqual([camille]);
  });

  it("passes a used link's refusal on and stays signed out", async () => {
    const { fetch } = api({
      [SESSION_URLS.session]: signedOut,
      [SESSION_URLS.verifyEmail]: () =>
        json({ error: { code: "invalid_token", message: "used" } }, 400),
    });
    const session = createSessionStore({ fetch });
    await session.load();
    const result = await session.verifyEmail("b".repeat(43));
    expect(result).toEqual({ ok: false, code: "invalid_token", message: "used" });
    expect(get(session)).toEqual({ status: "signedOut" });
  });

  it("forgets a deleted account at once and reports the change", async () => {
    const changes: (SessionUser | null)[] = [];
    const { fetch, calls } = api({ [SESSION_URLS.session]: () => json({ user: camille }) });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    await session.load();
    session.forget();
    expect(get(session)).toEqual({ status: "signedOut" });
    expect(session.user).toBeNull();
    expect(changes).toEqual([null]);
    expect(calls).toHaveLength(1);
  });

  it("updates the user's own name and language quietly: same user, no reconnect", async () => {
    const changes: unknown[] = [];
    let user = camille;
    const { fetch, calls } = api({
      [SESSION_URLS.session]: () => json({ user }),
      [SESSION_URLS.me]: () => json({ user }),
    });
    const session = createSessionStore({ fetch, onUserChange: (next) => changes.push(next) });
    await session.load();
    user = { ...camille, displayName: "Camille Martin", uiLanguage: "nl" };
    const answer = await session.updateAccount({ displayName: "Camille Martin", uiLanguage: "nl" });
    expect(answer).toEqual({ ok: true, data: user });
    expect(calls.at(-1)).toEqual({
      url: SESSION_URLS.me,
      method: "PATCH",
      body: { displayName: "Camille Martin", uiLanguage: "nl" },
    });
    expect(get(session)).toMatchObject({ status: "signedIn", user });
    expect(changes).toEqual([]);
  });

  it("keeps the user as it was when the server refuses an update", async () => {
    let answer = () => json({ user: camille });
    const { fetch } = api({
      [SESSION_URLS.session]: () => json({ user: camille }),
      [SESSION_URLS.me]: () => answer(),
    });
    const session = createSessionStore({ fetch });
    await session.load();
    answer = () =>
      json({ error: { code: "validation_failed", message: "bad", field: "displayName" } }, 400);
    expect(await session.updateAccount({ displayName: " " })).toMatchObject({
      ok: false,
      code: "validation_failed",
      field: "displayName",
    });
    expect(get(session)).toMatchObject({ status: "signedIn", user: camille });
  });

  it("adopts a user the server signed in by cookie, and reloads an adopted user's stands", async () => {
    const changes: unknown[] = [];
    let stands: unknown[] = [];
    const { fetch } = api({
      [SESSION_URLS.session]: signedOut,
      [SESSION_URLS.myStands]: () => json({ stands }),
    });
    const session = createSessionStore({ fetch, onUserChange: (user) => changes.push(user) });
    await session.load();
    // A visitor accepted an invitation: the server created the account and set the cookie.
    await session.adopt(lotte);
    expect(get(session)).toEqual({ status: "signedIn", user: lotte, stands: [] });
    expect(changes).toEqual([lotte]);
    // The same user joins another stand: only the stands change, the socket stays.
    stands = [{ standId: STAND, organisationName: "Flanders Food Factory", role: "recruiter" }];
    await session.adopt(lotte);
    expect(get(session)).toEqual({ status: "signedIn", user: lotte, stands });
    expect(changes).toEqual([lotte]);
  });

  it("signs out even when the server cannot be told, and reports the change", async () => {
    const changes: (SessionUser | null)[] = [];
    let reachable = true;
    const session = createSessionStore({
      fetch: async (input) => {
        if (!reachable) throw new TypeError("offline");
        return String(input) === SESSION_URLS.session ? json({ user: camille }) : json({});
      },
      onUserChange: (user) => changes.push(user),
    });
    await session.load();
    reachable = false;
    await session.signOut();
    expect(get(session)).toEqual({ status: "signedOut" });
    expect(changes).toEqual([null]);
  });

  it("does not let a slow first load undo a sign-in made meanwhile", async () => {
    let answerMe: (response: Response) => void = () => {};
    const session = createSessionStore({
      fetch: async (input) => {
        if (String(input) === SESSION_URLS.session) {
          return new Promise<Response>((resolve) => (answerMe = resolve));
        }
        return json({ user: camille });
      },
    });
    const loading = session.load();
    await session.signIn("candidate@crossfair.test", "pw");
    answerMe(signedOut());
    await loading;
    expect(get(session)).toMatchObject({ status: "signedIn", user: camille });
  });

  it("signs the tab out when a recheck finds the session ended elsewhere, and only then", async () => {
    const changes: (SessionUser | null)[] = [];
    let user: SessionUser | null = camille;
    const { fetch } = api({ [SESSION_URLS.session]: () => json({ user }) });
    const session = createSessionStore({ fetch, onUserChange: (next) => changes.push(next) });
    await session.load();
    await session.recheck();
    expect(get(session)).toMatchObject({ status: "signedIn", user: camille });
    expect(changes).toEqual([]);

    user = null;
    await session.recheck();
    expect(get(session)).toEqual({ status: "signedOut" });
    expect(changes).toEqual([null]);
  });

  it("keeps the user when the recheck cannot reach the server", async () => {
    let reachable = true;
    const session = createSessionStore({
      fetch: async () => {
        if (!reachable) throw new TypeError("offline");
        return json({ user: camille });
      },
    });
    await session.load();
    reachable = false;
    await session.recheck();
    expect(get(session)).toMatchObject({ status: "signedIn", user: camille });
  });
});
