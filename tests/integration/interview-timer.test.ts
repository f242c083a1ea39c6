/**
 * An interview's planned end: a walk-in accepted at a stand is planned for the
 * stand's interview length, fixed at its start. Both participants read it
 * (over HTTP, and in the join answer with the server's clock, which the
 * timer counts from), the row keeps it for reports, and a new length counts
 * from the next interview on (the queue's cached stand facts follow the
 * stand's change). On the embedded default (PGlite, in-process queue) and on
 * PostgreSQL with Redis (the Lua scripts and the Redis outbox).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { participantInterviewSchema } from "@crossfair/shared";
import { interviews } from "@crossfair/server/interview/interview.schema";
import { stands } from "@crossfair/server/stand/stand.schema";
import { buildTestApp, type TestApp } from "../support/app.js";
import { listeningUrl } from "../support/interview-start.js";
import { signInCookie } from "../support/session.js";
import { embeddedAndShared } from "../support/shared-stores.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";
import {
  ADMIN,
  FOOD,
  RECRUITER,
  call,
  hallOf,
  signUpCandidate,
  standIn,
  startInterview,
} from "./application-fixture.js";

const MINUTE = 60_000;

const backends = await embeddedAndShared();

backends.forEach((backend, index) => {
  describe(`an interview's planned end on ${backend.name}`, () => {
    let app: TestApp;
    let drop: (() => Promise<void>) | undefined;
    let food: string;
    let recruiter: string;
    let admin: string;
    const sockets: TestSocket[] = [];

    beforeAll(async () => {
      const started = await backend.env();
      drop = started.drop;
      app = await buildTestApp({
        ...started.env,
        MEDIA_WORKERS: "1",
        MEDIA_PORT_MIN: String(44_600 + index * 100),
        MEDIA_PORT_MAX: String(44_699 + index * 100),
      });
      food = standIn(await hallOf(app), FOOD).id;
      recruiter = await signInCookie(app, RECRUITER);
      admin = await signInCookie(app, ADMIN);
    });
    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await app?.dispose();
      await drop?.();
    });

    /**
     * No route sets the length yet: it is written in the table, and the stand's
     * change told as every stand edit tells it, so the queue forgets its cached facts.
     */
    async function setInterviewMinutes(minutes: number) {
      await app.database.db
        .update(stands)
        .set({ interviewMinutes: minutes })
        .where(eq(stands.id, food));
      const patched = await call(app, "PATCH", `/api/stands/${food}`, admin, {
        sector: standIn(await hallOf(app), FOOD).sector,
      });
      expect(patched.statusCode).toBe(200);
    }

    /** What each side reads of the interview, and what its join answers. */
    async function bothSidesOf(interviewId: string, candidateCookie: string) {
      const sides = [];
      for (const cookie of [recruiter, candidateCookie]) {
        const read = await call(app, "GET", `/api/interviews/${interviewId}`, cookie);
        expect(read.statusCode).toBe(200);
        const { interview } = participantInterviewSchema.parse(read.json());
        const { socket } = await connectClient(await listeningUrl(app), cookie);
        sockets.push(socket);
        const joined = await socket.emitWithAck("interview:join", { interviewId });
        if (!joined.ok) throw new Error(`interview:join refused: ${JSON.stringify(joined)}`);
        sides.push({ interview, joined });
      }
      return sides;
    }

    it("plans a walk-in for the stand's interview length, and both sides see it", async () => {
      await setInterviewMinutes(12);
      const candidate = await signUpCandidate(app, "Timer Candidate");
      const before = Date.now();
      const interviewId = await startInterview(app, recruiter, food, candidate);

      for (const { interview, joined } of await bothSidesOf(interviewId, candidate.cookie)) {
        expect(interview.plannedEndsAt).not.toBeNull();
        const planned = Date.parse(interview.plannedEndsAt!);
        expect(planned - Date.parse(interview.startedAt)).toBe(12 * MINUTE);
        expect(joined.plannedEndsAt).toBe(planned);
        // The join's server clock is now: about twelve minutes to go.
        expect(joined.serverTime).toBeGreaterThanOrEqual(before);
        expect(planned - joined.serverTime).toBeGreaterThan(11 * MINUTE);
        expect(planned - joined.serverTime).toBeLessThanOrEqual(12 * MINUTE);
      }

      // The row keeps the plan, for reports comparing it with the real end.
      await app.outbox.drainOnce();
      const [row] = await app.database.db
        .select()
        .from(interviews)
        .where(eq(interviews.id, interviewId));
      expect(row!.plannedEndsAt!.getTime() - row!.startedAt.getTime()).toBe(12 * MINUTE);
    });

    it("plans the next walk-in for the stand's new length", async () => {
      await setInterviewMinutes(25);

      const candidate = await signUpCandidate(app, "Later Candidate");
      const interviewId = await startInterview(app, recruiter, food, candidate);
      const [recruiterSide, candidateSide] = await bothSidesOf(interviewId, candidate.cookie);
      for (const { interview } of [recruiterSide!, candidateSide!]) {
        expect(Date.parse(interview.plannedEndsAt!) - Date.parse(interview.startedAt)).toBe(
          25 * MINUTE,
        );
      }
    });
  });
});
