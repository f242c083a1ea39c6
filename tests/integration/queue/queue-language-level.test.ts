/**
 * Call-next prefers a candidate who shares a language with the recruiter,
 * counting only languages the candidate speaks at B1 or above: an A2 in
 * common is not an interview language. (The bound that calls a skipped
 * candidate anyway after a few skips is the store contract's.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvent } from "../../support/socket-client.js";
import { signUpVerified } from "../../support/sign-up.js";
import { uniqueEmail } from "../../support/stands.js";
import { startQueueFixture, type QueueFixture } from "./queue-fixture.js";

describe("call-next's language preference", () => {
  let fixture: QueueFixture;
  beforeAll(async () => {
    fixture = await startQueueFixture();
  });
  afterAll(async () => fixture?.dispose());

  async function candidateSpeaking(languages: { language: string; level: string }[]) {
    const { user, cookie } = await signUpVerified(fixture.app, {
      email: uniqueEmail("candidate"),
      password: "a long enough password",
      displayName: "Language Candidate",
    });
    const saved = await fixture.app.http.inject({
      method: "PUT",
      url: "/api/me/profile",
      headers: { cookie },
      payload: { country: "FR", region: "Nord", languages, sectors: [] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return { id: user.id, socket: await fixture.connectWithCookie(cookie) };
  }

  it("passes over a candidate whose only shared language is below B1", async () => {
    // The demo recruiter at Flanders Food Factory speaks Dutch and French.
    const food = fixture.standId("Flanders Food Factory");
    const recruiter = await fixture.connectAs("recruiter@crossfair.test");
    await recruiter.emitWithAck("staff:console", { standId: food });
    const beginner = await candidateSpeaking([
      { language: "de", level: "C2" },
      { language: "nl", level: "A2" },
      { language: "fr", level: "A1" },
    ]);
    const speaker = await candidateSpeaking([{ language: "nl", level: "B1" }]);
    for (const candidate of [beginner, speaker]) {
      const joined = await candidate.socket.emitWithAck("queue:join", {
        standId: food,
        consentToShareProfile: true,
      });
      expect(joined).toMatchObject({ ok: true });
    }
    const called = nextEvent(speaker.socket, "queue:called");
    const call = await recruiter.emitWithAck("staff:callNext", { standId: food });
    expect(call).toEqual({ ok: true, candidateId: speaker.id });
    await called;
  });
});
