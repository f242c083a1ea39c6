import { describe, expect, it } from "vitest";
import type { MyApplication } from "@crossfair/shared";
import { ACCOUNT_URLS } from "./account.api.js";
import { apiError, application, APPLICATION, fakeApi, json, VACANCY } from "./account.fixtures.js";
import { ApplicationsManager } from "./applications.manager.js";

const LIST = `GET ${ACCOUNT_URLS.applications}`;
const withdrawn: MyApplication = {
  ...application,
  status: "withdrawn",
  updatedAt: "2026-03-05T12:00:00.000+00:00",
  history: [
    ...application.history,
    { from: "preselected", to: "withdrawn", at: "2026-03-05T12:00:00.000+00:00" },
  ],
};

describe("applications", () => {
  it("loads the list and finds the application to a vacancy", async () => {
    const { api } = fakeApi({ [LIST]: json({ applications: [application] }) });
    const manager = new ApplicationsManager(api);
    await manager.load();
    expect(manager.state).toMatchObject({ status: "ready", applications: [application] });
    expect(manager.forVacancy(VACANCY)).toEqual(application);
  });

  it("withdraws only after being asked to confirm", async () => {
    const { api, calls } = fakeApi({
      [LIST]: json({ applications: [application] }),
      [`POST ${ACCOUNT_URLS.withdraw(APPLICATION)}`]: json(withdrawn),
    });
    const manager = new ApplicationsManager(api);
    await manager.load();
    expect(await manager.withdraw(APPLICATION)).toBe(false);
    manager.askWithdraw(APPLICATION);
    expect(manager.state.confirming).toBe(APPLICATION);
    expect(await manager.withdraw(APPLICATION)).toBe(true);
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
    expect(manager.state).toMatchObject({
      applications: [withdrawn],
      confirming: null,
      busy: null,
      done: { id: APPLICATION, action: "withdrawn" },
    });
  });

  it("shows where an application is when the stand moved it first", async () => {
    const hired = { ...application, status: "hired" as const };
    const lists = [[application], [hired]];
    const { api } = fakeApi({
      [LIST]: () => json({ applications: lists.shift() ?? [] }),
      [`POST ${ACCOUNT_URLS.withdraw(APPLICATION)}`]: apiError("invalid_transition", 409),
    });
    const manager = new ApplicationsManager(api);
    await manager.load();
    manager.askWithdraw(APPLICATION);
    expect(await manager.withdraw(APPLICATION)).toBe(false);
    expect(manager.state).toMatchObject({
      applications: [hired],
      failure: { id: APPLICATION, code: "invalid_transition" },
    });
  });

  it("applies with a trimmed message, once per vacancy", async () => {
    const applied: MyApplication = {
      ...application,
      status: "applied",
      history: [application.history[0] ?? { from: null, to: "applied", at: application.createdAt }],
    };
    const { api, calls } = fakeApi({
      [LIST]: json({ applications: [] }),
      [`POST ${ACCOUNT_URLS.apply(VACANCY)}`]: json(applied, 201),
    });
    const manager = new ApplicationsManager(api);
    await manager.load();
    expect(await manager.apply(VACANCY, "  I can start next month. ")).toBe(true);
    expect(calls.at(-1)).toEqual({
      method: "POST",
      url: ACCOUNT_URLS.apply(VACANCY),
      body: { message: "I can start next month." },
    });
    expect(manager.forVacancy(VACANCY)).toEqual(applied);
    expect(manager.state.done).toEqual({ id: VACANCY, action: "applied" });
    expect(await manager.apply(VACANCY, "again")).toBe(false);
    expect(calls.filter((call) => call.method === "POST")).toHaveLength(1);
  });

  it("keeps the code of a refused application", async () => {
    const { api } = fakeApi({
      [LIST]: json({ applications: [] }),
      [`POST ${ACCOUNT_URLS.apply(VACANCY)}`]: apiError("vacancy_closed", 409),
    });
    const manager = new ApplicationsManager(api);
    await manager.load();
    expect(await manager.apply(VACANCY, "")).toBe(false);
    expect(manager.state).toMatchObject({
      busy: null,
      failure: { id: VACANCY, code: "vacancy_closed" },
    });
  });
});
