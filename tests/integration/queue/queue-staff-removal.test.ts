/**
 * A recruiter removed from a stand's staff stops counting as an active
 * recruiter (and so in the wait estimate) at once, over real sockets: the
 * stand's watchers are told, heartbeats of the console still open do not
 * bring them back, the other recruiters still count, and a re-invited
 * recruiter counts again when they reopen the console on the same socket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie } from "../../support/session.js";
import { nextEvent, type TestSocket } from "../../support/socket-client.js";
import { createStand } from "../../support/stands.js";
import { startQueueFixture, type QueueFixture } from "./queue-fixture.js";
import {
  acceptInvitation,
  inviteToStand,
  newRecruiterAt,
  removeFromStaff,
} from "./staff-helpers.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("removing a recruiter from a stand's staff", () => {
  let fixture: QueueFixture;
  let admin: string;

  beforeAll(async () => {
    // Heartbeats every second: a recruiter counts as active for three.
    fixture = await startQueueFixture();
    admin = await signInCookie(fixture.app, "admin@crossfair.test");
  });
  afterAll(async () => fixture?.dispose());

  const activeAt = async (watcher: TestSocket, standId: string) => {
    const watched = await watcher.emitWithAck("queue:watch", { standId });
    if (!watched.ok) throw new Error(`queue:watch failed: ${JSON.stringify(watched)}`);
    return watched.update.activeRecruiters;
  };

  /** A new stand with two recruiters whose consoles are open, and an anonymous watcher. */
  const standWithTwoConsoles = async () => {
    const stand = await createStand(fixture.app, admin);
    const leaving = await newRecruiterAt(fixture.app, stand.id, admin);
    const staying = await newRecruiterAt(fixture.app, stand.id, admin);
    const leavingSocket = await fixture.connectWithCookie(leaving.cookie);
    const stayingSocket = await fixture.connectWithCookie(staying.cookie);
    for (const socket of [leavingSocket, stayingSocket]) {
      expect(await socket.emitWithAck("staff:console", { standId: stand.id })).toMatchObject({
        ok: true,
      });
    }
    const watcher = await fixture.connectAnonymous();
    expect(await activeAt(watcher, stand.id)).toBe(2);
    return { standId: stand.id, leaving, leavingSocket, watcher };
  };

  it("stops counting them at once, and heartbeats of their open console do not bring them back", async () => {
    const { standId, leaving, watcher } = await standWithTwoConsoles();
    const told = nextEvent(
      watcher,
      "queue:delta",
      (update) => update.standId === standId && update.activeRecruiters === 1,
    );
    await removeFromStaff(fixture.app, standId, leaving.id, admin);
    await told;
    expect(await activeAt(watcher, standId)).toBe(1);
    // Past two heartbeats of the console the removed recruiter still has open.
    await sleep(2_500);
    expect(await activeAt(watcher, standId)).toBe(1);
  });

  it("counts a re-invited recruiter again once they reopen the console on the same socket", async () => {
    const { standId, leaving, leavingSocket, watcher } = await standWithTwoConsoles();
    await removeFromStaff(fixture.app, standId, leaving.id, admin);
    await expect.poll(() => activeAt(watcher, standId)).toBe(1);
    expect(await leavingSocket.emitWithAck("staff:console", { standId })).toMatchObject({
      ok: false,
      code: "forbidden",
    });

    await acceptInvitation(
      fixture.app,
      await inviteToStand(fixture.app, standId, admin),
      leaving.cookie,
    );
    expect(await leavingSocket.emitWithAck("staff:console", { standId })).toMatchObject({
      ok: true,
      queue: { activeRecruiters: 2 },
    });
    await sleep(1_500);
    expect(await activeAt(watcher, standId)).toBe(2);
  });
});
