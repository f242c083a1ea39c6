import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { HallStandQueue } from "@crossfair/shared";
import { FakeLink, OK_EMPTY, settle } from "../connection/connection.link.fake.js";
import { createI18n } from "../i18n/i18n.setup.js";
import { HallQueuesManager, standQueueLabel, standQueueLine } from "./hall.queues.js";

const FAIR = "11111111-1111-4111-8111-111111111111";
const OTHER_FAIR = "22222222-2222-4222-8222-222222222222";
const FOOD = "33333333-3333-4333-8333-333333333333";
const LOGISTICS = "44444444-4444-4444-8444-444444444444";

const figures = (standId: string, extra: Partial<HallStandQueue> = {}): HallStandQueue => ({
  standId,
  open: true,
  waiting: 0,
  waitEstimateMs: 4 * 60_000,
  at: 1_000,
  ...extra,
});

describe("HallQueuesManager", () => {
  let link: FakeLink;
  let manager: HallQueuesManager;

  /** Views the fair and answers its watch with `stands`. */
  async function viewing(stands: HallStandQueue[], fairId = FAIR): Promise<() => void> {
    const stop = manager.view(fairId);
    link.one("hall:watch").answer({ ok: true, fairId, stands });
    await settle();
    return stop;
  }

  beforeEach(() => {
    link = new FakeLink();
    manager = new HallQueuesManager(link);
  });

  afterEach(() => manager.destroy());

  it("watches the fair while the hall shows and starts from the answer", async () => {
    expect(link.requests).toEqual([]);
    const stop = manager.view(FAIR);
    const watch = link.one("hall:watch");
    expect(watch.payload).toEqual({ fairId: FAIR });
    expect(get(manager)).toEqual({ fairId: FAIR, stands: {} });
    watch.answer({ ok: true, fairId: FAIR, stands: [figures(FOOD), figures(LOGISTICS)] });
    await settle();
    expect(Object.keys(get(manager).stands).sort()).toEqual([FOOD, LOGISTICS].sort());
    stop();
  });

  it("merges pushes of the changed stands, and ignores other fairs", async () => {
    await viewing([figures(FOOD), figures(LOGISTICS)]);
    link.fire("hall:queues", {
      fairId: FAIR,
      stands: [figures(FOOD, { waiting: 4, at: 2_000 })],
    });
    link.fire("hall:queues", {
      fairId: OTHER_FAIR,
      stands: [figures(LOGISTICS, { waiting: 9, at: 3_000 })],
    });
    const { stands } = get(manager);
    expect(stands[FOOD]?.waiting).toBe(4);
    expect(stands[LOGISTICS]?.waiting).toBe(0);
  });

  it("keeps the newest figures when a push overtakes the answer", async () => {
    manager.view(FAIR);
    const watch = link.one("hall:watch");
    link.fire("hall:queues", { fairId: FAIR, stands: [figures(FOOD, { waiting: 2, at: 5_000 })] });
    watch.answer({
      ok: true,
      fairId: FAIR,
      stands: [figures(FOOD, { waiting: 1, at: 4_000 }), figures(LOGISTICS, { at: 4_000 })],
    });
    await settle();
    expect(get(manager).stands[FOOD]?.waiting).toBe(2);
    expect(get(manager).stands[LOGISTICS]).toBeDefined();
    // An older push (read before) changes nothing either.
    link.fire("hall:queues", { fairId: FAIR, stands: [figures(FOOD, { waiting: 7, at: 4_500 })] });
    expect(get(manager).stands[FOOD]?.waiting).toBe(2);
  });

  it("asks again after a reconnect and drops the answer of the old connection's watch", async () => {
    await viewing([figures(FOOD)]);
    manager.view(FAIR); // the same fair viewed again asks nothing new
    expect(link.take("hall:watch")).toEqual([]);

    link.reconnect();
    const [renewed] = link.take("hall:watch");
    expect(renewed?.payload).toEqual({ fairId: FAIR });
    link.reconnect();
    const [latest] = link.take("hall:watch");
    renewed!.answer({ ok: true, fairId: FAIR, stands: [figures(FOOD, { waiting: 3, at: 9_000 })] });
    await settle();
    expect(get(manager).stands[FOOD]?.waiting).toBe(0);
    latest!.answer({ ok: true, fairId: FAIR, stands: [figures(FOOD, { waiting: 5, at: 9_500 })] });
    await settle();
    expect(get(manager).stands[FOOD]?.waiting).toBe(5);
  });

  it("waits for a connection before watching", async () => {
    link.connected = false;
    manager.view(FAIR);
    expect(link.requests).toEqual([]);
    link.reconnect();
    link.one("hall:watch").answer({ ok: true, fairId: FAIR, stands: [figures(FOOD)] });
    await settle();
    expect(get(manager).stands[FOOD]).toBeDefined();
  });

  it("unwatches and forgets the figures when the hall goes", async () => {
    const stop = await viewing([figures(FOOD)]);
    stop();
    expect(link.one("hall:unwatch").payload).toEqual({ fairId: FAIR });
    expect(get(manager)).toEqual({ fairId: null, stands: {} });
    link.fire("hall:queues", { fairId: FAIR, stands: [figures(FOOD, { at: 5_000 })] });
    expect(get(manager).stands).toEqual({});
    link.reconnect();
    expect(link.take("hall:watch")).toEqual([]);
    stop(); // twice is harmless
    expect(link.take("hall:unwatch")).toEqual([]);
  });

  it("ignores an answer that comes after the hall went", async () => {
    const stop = manager.view(FAIR);
    const watch = link.one("hall:watch");
    stop();
    link.one("hall:unwatch").answer(OK_EMPTY);
    watch.answer({ ok: true, fairId: FAIR, stands: [figures(FOOD)] });
    await settle();
    expect(get(manager).stands).toEqual({});
  });

  it("switches fairs, and an older view's stop does not end the newer one", async () => {
    const stopFirst = await viewing([figures(FOOD)]);
    await viewing([figures(LOGISTICS)], OTHER_FAIR);
    expect(link.one("hall:unwatch").payload).toEqual({ fairId: FAIR });
    expect(get(manager)).toMatchObject({ fairId: OTHER_FAIR });
    expect(Object.keys(get(manager).stands)).toEqual([LOGISTICS]);
    stopFirst();
    expect(link.take("hall:unwatch")).toEqual([]);
    expect(get(manager).fairId).toBe(OTHER_FAIR);
  });

  it("shows no figures when the watch fails", async () => {
    manager.view(FAIR);
    link.one("hall:watch").answer({ ok: false, code: "unavailable", message: "no answer" });
    await settle();
    expect(get(manager)).toEqual({ fairId: FAIR, stands: {} });
  });
});

describe("a stand card's queue line", () => {
  const english = get(createI18n("en").t);
  const french = get(createI18n("fr").t);

  it("says closed, no queue, or how many wait and for about how long", () => {
    const closed = standQueueLine(figures(FOOD, { open: false, waiting: 3, waitEstimateMs: null }));
    expect(closed).toEqual({ kind: "closed" });
    expect(standQueueLabel(english, closed)).toBe("Closed");
    expect(standQueueLabel(english, standQueueLine(figures(FOOD)))).toBe(
      "No queue — walk right in",
    );
    const four = standQueueLine(figures(FOOD, { waiting: 4, waitEstimateMs: 12 * 60_000 }));
    expect(four).toEqual({ kind: "waiting", waiting: 4, minutes: 12 });
    expect(standQueueLabel(english, four)).toBe("4 waiting · about 12 min");
    expect(
      standQueueLabel(english, standQueueLine(figures(FOOD, { waiting: 2, waitEstimateMs: null }))),
    ).toBe("2 waiting");
  });

  it("rounds a short wait up to a minute and uses the language's plurals", () => {
    const one = standQueueLine(figures(FOOD, { waiting: 1, waitEstimateMs: 10_000 }));
    expect(one).toEqual({ kind: "waiting", waiting: 1, minutes: 1 });
    expect(standQueueLabel(french, one)).toBe("1 personne en attente · environ 1 min");
    expect(
      standQueueLabel(french, standQueueLine(figures(FOOD, { waiting: 3, waitEstimateMs: null }))),
    ).toBe("3 personnes en attente");
  });
});
