/**
 * TURN for networks that block UDP, against Debian's coturn: a joining
 * participant gets ICE servers with time-limited credentials (the TURN REST
 * shared-secret scheme), and a real TURN client allocates a relay over TCP
 * with them. A tampered or expired credential is refused by coturn itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iceServersFor } from "@crossfair/server/interview/session/turn-credentials";
import { buildTestApp, type TestApp } from "../support/app.js";
import { interviewThroughQueue, listeningUrl } from "../support/interview-start.js";
import { signInCookie } from "../support/session.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";
import {
  allocatesRelay,
  coturnAvailable,
  startTurnServer,
  type TurnServer,
} from "../support/turn-server.js";

const available = await coturnAvailable();
const SECRET = "crossfair-turn-test-secret";

describe.runIf(available)("TURN credentials handed to interview participants", () => {
  let turn: TurnServer;
  let app: TestApp;
  let baseUrl: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    turn = await startTurnServer({ secret: SECRET });
    app = await buildTestApp({
      MEDIA_WORKERS: "1",
      MEDIA_PORT_MIN: "42100",
      MEDIA_PORT_MAX: "42199",
      TURN_URLS: `turn:127.0.0.1:${turn.port}?transport=tcp,turns:turn.crossfair.test:443?transport=tcp`,
      TURN_SECRET: SECRET,
      TURN_CREDENTIAL_TTL_SECONDS: "600",
    });
    baseUrl = await listeningUrl(app);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
    await turn?.stop();
  });

  it("gives each participant credentials coturn accepts, and refuses tampered or expired ones", async () => {
    const candidateCookie = await signInCookie(app, "candidate@crossfair.test");
    const recruiterCookie = await signInCookie(app, "recruiter@crossfair.test");
    const standId = (
      (await (await fetch(`${baseUrl}/api/fairs/current/hall`)).json()) as {
        stands: { id: string; organisationName: string }[];
      }
    ).stands.find((stand) => stand.organisationName === "Flanders Food Factory")!.id;
    const interviewId = await interviewThroughQueue(baseUrl, {
      recruiterCookie,
      candidateCookie,
      standId,
    });
    const { socket } = await connectClient(baseUrl, candidateCookie);
    sockets.push(socket);
    const joined = await socket.emitWithAck("interview:join", { interviewId });
    if (!joined.ok) throw new Error(JSON.stringify(joined));
    expect(joined.iceTransportPolicy).toBe("all");
    const [server] = joined.iceServers;
    expect(server?.urls).toEqual([
      `turn:127.0.0.1:${turn.port}?transport=tcp`,
      "turns:turn.crossfair.test:443?transport=tcp",
    ]);
    const username = server?.username ?? "";
    const credential = server?.credential ?? "";
    const [expiry, userId] = username.split(":");
    expect(userId).toBe(joined.userId);
    const inSeconds = Number(expiry) - Date.now() / 1_000;
    expect(inSeconds).toBeGreaterThan(590);
    expect(inSeconds).toBeLessThanOrEqual(600);

    expect(allocatesRelay(turn, { username, credential })).toBe(true);
    expect(allocatesRelay(turn, { username, credential: `x${credential.slice(1)}` })).toBe(false);
    expect(allocatesRelay(turn, { username: `${Number(expiry) + 60}:${userId}`, credential })).toBe(
      false,
    );
    const [expired] = iceServersFor(
      { urls: server!.urls, secret: SECRET, ttlSeconds: 60, relayOnly: false },
      joined.userId,
      Date.now() - 3_600_000,
    );
    expect(
      allocatesRelay(turn, { username: expired!.username!, credential: expired!.credential! }),
    ).toBe(false);
  });
});
