/**
 * Live interview sessions across two real server processes sharing one
 * PostgreSQL and one Redis, with real mediasoup workers and real sockets.
 * The candidate's socket is on one process and the recruiter's on the other:
 * both reach the one session (placed on one process), media objects are made
 * at its owner, and events cross over. When the owner is killed, the peer on
 * the other process is told to reconnect and the session is placed again on
 * the survivor. An interview nobody is in is ended by the idle sweep, and its
 * queue entry repaired so the recruiter can call the next candidate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fairHallSchema,
  mediaRoomDiagnosticsSchema,
  type MediaRoomDiagnostics,
} from "@crossfair/shared";
import { interviewThroughQueue } from "../support/interview-start.js";
import { startServer, type ServerProcess } from "../support/server-process.js";
import { postgresAvailable, redisAvailable } from "../support/services.js";
import { signInCookieOverHttp } from "../support/session.js";
import { createSharedStores, type SharedStores } from "../support/shared-stores.js";
import { connectClient, nextEvent, type TestSocket } from "../support/socket-client.js";

const available = (await postgresAvailable()) && (await redisAvailable());

const fakeDtls = {
  role: "client" as const,
  fingerprints: [{ algorithm: "sha-256", value: "AB:".repeat(31) + "AB" }],
};
const opus = {
  codecs: [{ mimeType: "audio/opus", payloadType: 111, clockRate: 48_000, channels: 2 }],
  encodings: [{ ssrc: 4242 }],
};

describe.runIf(available)("interview sessions across two server processes", () => {
  let stores: SharedStores;
  const servers = new Map<string, ServerProcess>();
  let first: ServerProcess;
  let second: ServerProcess;
  let food: string;
  const cookies: Record<"candidate" | "recruiter" | "admin", string> = {
    candidate: "",
    recruiter: "",
    admin: "",
  };
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    stores = await createSharedStores();
    first = await startServer({ ...serverEnv(), SEED_DEMO: "true" });
    second = await startServer(serverEnv());
    const hall = fairHallSchema.parse(
      await (await fetch(`${first.baseUrl}/api/fairs/current/hall`)).json(),
    );
    food = hall.stands.find((stand) => stand.organisationName === "Flanders Food Factory")!.id;
    cookies.candidate = await signInCookieOverHttp(first.baseUrl, "candidate@crossfair.test");
    cookies.recruiter = await signInCookieOverHttp(first.baseUrl, "recruiter@crossfair.test");
    cookies.admin = await signInCookieOverHttp(first.baseUrl, "admin@crossfair.test");
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await first?.stop();
    await second?.stop();
    await stores?.drop();
  });

  /** What every server process of this suite starts with (one media worker, fast beats). */
  const serverEnv = () => ({
    ...stores.env,
    MEDIA_WORKERS: "1",
    MEDIA_PORT_MIN: "42000",
    MEDIA_PORT_MAX: "42099",
    SESSION_HEARTBEAT_MS: "300",
    INTERVIEW_IDLE_END_SECONDS: "5",
    LOG_LEVEL: "warn",
  });

  const connect = async (server: ServerProcess, cookie: string) => {
    const { socket, hello } = await connectClient(server.baseUrl, cookie);
    sockets.push(socket);
    servers.set(hello.serverId, server);
    return { socket, serverId: hello.serverId };
  };

  const diagnostics = async (via: ServerProcess, id: string): Promise<MediaRoomDiagnostics> => {
    const response = await fetch(`${via.baseUrl}/api/admin/media/rooms/${id}`, {
      headers: { cookie: cookies.admin },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return mediaRoomDiagnosticsSchema.parse(await response.json());
  };

  const interview = () =>
    interviewThroughQueue(first.baseUrl, {
      recruiterCookie: cookies.recruiter,
      candidateCookie: cookies.candidate,
      standId: food,
    });

  it("joins peers on different processes into one session and moves it when its owner dies", async () => {
    const id = await interview();
    const candidate = await connect(first, cookies.candidate);
    const recruiter = await connect(second, cookies.recruiter);
    expect(candidate.serverId).not.toBe(recruiter.serverId);

    expect(await recruiter.socket.emitWithAck("interview:join", { interviewId: id })).toMatchObject(
      { ok: true, role: "recruiter" },
    );
    const peerJoined = nextEvent(recruiter.socket, "interview:peerJoined");
    const joined = await candidate.socket.emitWithAck("interview:join", { interviewId: id });
    if (!joined.ok) throw new Error(JSON.stringify(joined));
    expect(joined.peers).toMatchObject([{ role: "recruiter" }]);
    expect((await peerJoined).peer).toMatchObject({ role: "candidate" });

    // One session, the same seen through either process, with both peers in it.
    const placed = await diagnostics(first, id);
    expect(await diagnostics(second, id)).toEqual(placed);
    expect([candidate.serverId, recruiter.serverId]).toContain(placed.processId);
    expect(placed.peers.filter((peer) => peer.present)).toHaveLength(2);

    // Media made at the owner, from whichever process the request came in.
    const send = await candidate.socket.emitWithAck("interview:createTransport", {
      interviewId: id,
      direction: "send",
    });
    if (!send.ok) throw new Error(JSON.stringify(send));
    await candidate.socket.emitWithAck("interview:connectTransport", {
      interviewId: id,
      transportId: send.transportId,
      dtlsParameters: fakeDtls,
    });
    const announced = nextEvent(recruiter.socket, "interview:newProducer");
    const produced = await candidate.socket.emitWithAck("interview:produce", {
      interviewId: id,
      transportId: send.transportId,
      kind: "audio",
      source: "microphone",
      rtpParameters: opus,
    });
    if (!produced.ok) throw new Error(JSON.stringify(produced));
    expect((await announced).producer.producerId).toBe(produced.producerId);
    const recv = await recruiter.socket.emitWithAck("interview:createTransport", {
      interviewId: id,
      direction: "recv",
    });
    if (!recv.ok) throw new Error(JSON.stringify(recv));
    expect(
      await recruiter.socket.emitWithAck("interview:consume", {
        interviewId: id,
        transportId: recv.transportId,
        producerId: produced.producerId,
        rtpCapabilities: joined.routerRtpCapabilities,
      }),
    ).toMatchObject({ ok: true, kind: "audio" });
    // Not a member's socket: refused at the owner, with the same code as locally.
    const outsider = await connect(second, cookies.admin);
    expect(
      await outsider.socket.emitWithAck("interview:createTransport", {
        interviewId: id,
        direction: "recv",
      }),
    ).toMatchObject({ ok: false, code: "forbidden" });

    // The owner dies: the peer on the other process is told to join again, and is placed
    // on the survivor.
    const owner = servers.get(placed.processId)!;
    const survivor = owner === first ? second : first;
    const survivorPeer = owner === first ? recruiter : candidate;
    const movedAt = Date.now();
    const moved = nextEvent(survivorPeer.socket, "interview:reconnect", () => true, 10_000);
    await owner.stop("SIGKILL");
    expect(await moved).toEqual({ interviewId: id, reason: "session_moved" });
    const noticeMs = Date.now() - movedAt;
    const rejoined = await survivorPeer.socket.emitWithAck("interview:join", { interviewId: id });
    expect(rejoined).toMatchObject({ ok: true });
    // The other peer's socket died with its process: it reconnects to the survivor.
    const otherCookie = survivorPeer === recruiter ? cookies.candidate : cookies.recruiter;
    const back = await connect(survivor, otherCookie);
    expect(await back.socket.emitWithAck("interview:join", { interviewId: id })).toMatchObject({
      ok: true,
    });
    const replaced = await diagnostics(survivor, id);
    expect(replaced.processId).toBe(back.serverId);
    expect(replaced.workerPid).not.toBe(placed.workerPid);
    expect(replaced.peers.filter((peer) => peer.present)).toHaveLength(2);
    console.info(`owner death → reconnect notice ${noticeMs} ms`);

    // Ending it ends it for both, wherever their sockets are.
    const ended = [
      nextEvent(survivorPeer.socket, "interview:ended"),
      nextEvent(back.socket, "interview:ended"),
    ];
    const response = await fetch(`${survivor.baseUrl}/api/interviews/${id}/end`, {
      method: "POST",
      headers: { cookie: cookies.recruiter },
    });
    expect(response.status).toBe(200);
    await Promise.all(ended);
    if (owner === first) first = await restart(first);
    else second = await restart(second);
  });

  it("ends an interview nobody is in after the idle time, and frees the recruiter", async () => {
    const id = await interview();
    const candidate = await connect(first, cookies.candidate);
    expect(await candidate.socket.emitWithAck("interview:join", { interviewId: id })).toMatchObject(
      { ok: true },
    );
    expect(
      await candidate.socket.emitWithAck("interview:leave", { interviewId: id }),
    ).toMatchObject({ ok: true });
    candidate.socket.close();
    const read = async () =>
      (
        (await (
          await fetch(`${second.baseUrl}/api/interviews/${id}`, {
            headers: { cookie: cookies.recruiter },
          })
        ).json()) as { interview: { status: string } }
      ).interview.status;
    expect(await read()).toBe("live");
    await expect.poll(read, { timeout: 20_000, interval: 500 }).toBe("ended");
    // The queue entry is repaired: the recruiter is free to call the next candidate.
    const recruiter = await connect(second, cookies.recruiter);
    expect(await recruiter.socket.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
  });

  it("drains on SIGTERM: new sessions go elsewhere, its own carry on until their members leave", async () => {
    const draining = await startServer({ ...serverEnv(), SHUTDOWN_DRAIN_SECONDS: "30" });
    try {
      // Its own session: the first join on it places the session here (equal load, local first).
      const id = await interview();
      const candidate = await connect(draining, cookies.candidate);
      const recruiter = await connect(draining, cookies.recruiter);
      for (const peer of [candidate, recruiter]) {
        expect(await peer.socket.emitWithAck("interview:join", { interviewId: id })).toMatchObject({
          ok: true,
        });
      }
      expect((await diagnostics(draining, id)).processId).toBe(candidate.serverId);

      const stopped = draining.stop("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the others see it draining
      // A new interview joined through the draining process is placed on another one.
      const logistics = fairHallSchema
        .parse(await (await fetch(`${first.baseUrl}/api/fairs/current/hall`)).json())
        .stands.find((stand) => stand.organisationName === "Hainaut Logistique")!.id;
      const otherCandidate = await signInCookieOverHttp(first.baseUrl, "kandidaat@crossfair.test");
      const standAdmin = await signInCookieOverHttp(first.baseUrl, "standadmin@crossfair.test");
      const secondId = await interviewThroughQueue(first.baseUrl, {
        recruiterCookie: standAdmin,
        candidateCookie: otherCandidate,
        standId: logistics,
      });
      const newcomer = await connect(draining, otherCandidate);
      expect(
        await newcomer.socket.emitWithAck("interview:join", { interviewId: secondId }),
      ).toMatchObject({ ok: true });
      expect((await diagnostics(first, secondId)).processId).not.toBe(candidate.serverId);

      // Its own session still works while it drains…
      expect(
        await candidate.socket.emitWithAck("interview:createTransport", {
          interviewId: id,
          direction: "send",
        }),
      ).toMatchObject({ ok: true });
      // …and once its members leave, it stops well before the drain time is up.
      const leftAt = Date.now();
      for (const peer of [candidate, recruiter]) {
        await peer.socket.emitWithAck("interview:leave", { interviewId: id });
      }
      expect(await stopped).toBe(0);
      expect(Date.now() - leftAt).toBeLessThan(10_000);
    } finally {
      await draining.stop("SIGKILL").catch(() => undefined);
    }
  });

  async function restart(dead: ServerProcess): Promise<ServerProcess> {
    return startServer({ ...serverEnv(), PORT: String(dead.port) });
  }
});
