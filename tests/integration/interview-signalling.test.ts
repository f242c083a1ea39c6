/**
 * Interview rooms over real sockets and real mediasoup workers, without a
 * browser: that interviews start only from an accepted call, who may join, the signalling answers
 * (router capabilities, ICE on the configured loopback address, typed
 * errors), cleanup when a peer leaves, the end time in the database, and a
 * room surviving the death of its worker.
 */
import type { AddressInfo } from "node:net";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEventName, ServerEventPayload } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { interviewThroughQueue } from "../support/interview-start.js";
import type { TestSocket } from "../support/socket-client.js";

const PASSWORD = "crossfair-demo";

interface Session {
  cookie: string;
  userId: string;
}

async function signIn(baseUrl: string, email: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { user } = (await response.json()) as { user: { id: string } };
  return { cookie, userId: user.id };
}

async function connectAs(baseUrl: string, session: Session): Promise<TestSocket> {
  const socket: TestSocket = io(baseUrl, {
    transports: ["websocket"],
    reconnection: false,
    extraHeaders: { cookie: session.cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("system:hello", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function nextEvent<E extends ServerEventName>(
  socket: TestSocket,
  event: E,
  timeoutMs = 10_000,
): Promise<ServerEventPayload<E>> {
  const untyped = socket as unknown as {
    once(name: string, fn: (payload: ServerEventPayload<E>) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    untyped.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Opus RTP parameters as a browser would send them; enough for mediasoup to accept. */
const opusParameters = (ssrc: number) => ({
  codecs: [{ mimeType: "audio/opus", payloadType: 111, clockRate: 48_000, channels: 2 }],
  encodings: [{ ssrc }],
});
const fakeDtls = {
  role: "client" as const,
  fingerprints: [{ algorithm: "sha-256", value: "AB:".repeat(31) + "AB" }],
};

async function flandersStandId(baseUrl: string): Promise<string> {
  const hall = (await (await fetch(`${baseUrl}/api/fairs/current/hall`)).json()) as {
    stands: { id: string; organisationName: string }[];
  };
  const stand = hall.stands.find((s) => s.organisationName === "Flanders Food Factory");
  if (!stand) throw new Error("demo stand missing");
  return stand.id;
}

/** A live interview the candidate accepted at the stand (through the queue, as there is no other way). */
async function startInterview(
  baseUrl: string,
  recruiter: Session,
  standId: string,
  candidate: Session,
): Promise<{ id: string }> {
  const id = await interviewThroughQueue(baseUrl, {
    recruiterCookie: recruiter.cookie,
    candidateCookie: candidate.cookie,
    standId,
  });
  return { id };
}

async function listen(app: TestApp): Promise<string> {
  await app.http.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

describe("interview signalling", () => {
  let app: TestApp;
  let baseUrl: string;
  let standId: string;
  let recruiter: Session;
  let candidate: Session;
  let outsider: Session;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await buildTestApp({
      MEDIA_WORKERS: "2",
      MEDIA_PORT_MIN: "41000",
      MEDIA_PORT_MAX: "41199",
    });
    baseUrl = await listen(app);
    standId = await flandersStandId(baseUrl);
    [recruiter, candidate, outsider] = await Promise.all([
      signIn(baseUrl, "recruiter@crossfair.test"),
      signIn(baseUrl, "candidate@crossfair.test"),
      signIn(baseUrl, "kandidaat@crossfair.test"),
    ]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await app?.dispose();
  });

  const connect = async (session: Session) => {
    const socket = await connectAs(baseUrl, session);
    sockets.push(socket);
    return socket;
  };

  it("starts interviews only from an accepted call, and lets only participants read them", async () => {
    // No route starts one directly: not for the candidate, not for the stand's own staff.
    for (const session of [candidate, recruiter]) {
      const direct = await fetch(`${baseUrl}/api/interviews`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: session.cookie },
        body: JSON.stringify({ standId, candidateId: outsider.userId }),
      });
      expect(direct.status).toBe(404);
    }

    const interview = await startInterview(baseUrl, recruiter, standId, candidate);
    const read = (session: Session) =>
      fetch(`${baseUrl}/api/interviews/${interview.id}`, { headers: { cookie: session.cookie } });
    const byCandidate = await read(candidate);
    expect(byCandidate.status).toBe(200);
    expect(await byCandidate.json()).toMatchObject({
      interview: { standId, recruiterId: recruiter.userId, status: "live" },
      role: "candidate",
    });
    expect((await read(outsider)).status).toBe(403);
  });

  it("joins with router capabilities and gives ICE candidates on the loopback address", async () => {
    const interview = await startInterview(baseUrl, recruiter, standId, candidate);
    const socket = await connect(recruiter);
    const joined = await socket.emitWithAck("interview:join", { interviewId: interview.id });
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.role).toBe("recruiter");
    const mimeTypes = joined.routerRtpCapabilities.codecs.map((codec) => codec.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(["audio/opus", "video/VP8", "video/H264"]));

    const transport = await socket.emitWithAck("interview:createTransport", {
      interviewId: interview.id,
      direction: "send",
    });
    expect(transport.ok).toBe(true);
    if (!transport.ok) return;
    expect(transport.iceCandidates.length).toBeGreaterThan(0);
    for (const candidate of transport.iceCandidates) {
      expect(candidate.address).toBe("127.0.0.1");
      expect(candidate.port).toBeGreaterThanOrEqual(41000);
      expect(candidate.port).toBeLessThanOrEqual(41199);
    }
    expect(transport.iceCandidates.map((c) => c.protocol).sort()).toEqual(["tcp", "udp"]);
  });

  it("answers bad payloads with validation_failed and outsiders with forbidden", async () => {
    const interview = await startInterview(baseUrl, recruiter, standId, candidate);
    const socket = await connect(outsider);
    const untyped = socket as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    await expect(
      untyped.emitWithAck("interview:join", { interviewId: "nope" }),
    ).resolves.toMatchObject({
      ok: false,
      code: "validation_failed",
      field: "interviewId",
    });
    await expect(
      untyped.emitWithAck("interview:createTransport", {
        interviewId: interview.id,
        direction: "up",
      }),
    ).resolves.toMatchObject({ ok: false, code: "validation_failed", field: "direction" });

    await expect(
      socket.emitWithAck("interview:join", { interviewId: interview.id }),
    ).resolves.toMatchObject({
      ok: false,
      code: "forbidden",
    });
    // Not a member, so no media either, even with a well-formed request.
    await expect(
      socket.emitWithAck("interview:createTransport", {
        interviewId: interview.id,
        direction: "recv",
      }),
    ).resolves.toMatchObject({ ok: false, code: "forbidden" });

    const anonymous: TestSocket = io(baseUrl, { transports: ["websocket"], reconnection: false });
    sockets.push(anonymous);
    await nextEvent(anonymous, "system:hello");
    await expect(
      anonymous.emitWithAck("interview:join", { interviewId: interview.id }),
    ).resolves.toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
  });

  it("closes a leaving peer's transports, producers and consumers, and records the end", async () => {
    const interview = await startInterview(baseUrl, recruiter, standId, candidate);
    const id = interview.id;
    const [rec, cand] = await Promise.all([connect(recruiter), connect(candidate)]);

    expect((await rec.emitWithAck("interview:join", { interviewId: id })).ok).toBe(true);
    const peerJoined = nextEvent(rec, "interview:peerJoined");
    const candJoin = await cand.emitWithAck("interview:join", { interviewId: id });
    if (!candJoin.ok) throw new Error(candJoin.code);
    expect((await peerJoined).peer).toMatchObject({ userId: candidate.userId, role: "candidate" });

    // The candidate sends audio; the recruiter consumes it.
    const send = await cand.emitWithAck("interview:createTransport", {
      interviewId: id,
      direction: "send",
    });
    if (!send.ok) throw new Error(send.code);
    expect(
      await cand.emitWithAck("interview:connectTransport", {
        interviewId: id,
        transportId: send.transportId,
        dtlsParameters: fakeDtls,
      }),
    ).toMatchObject({ ok: true });
    const announced = nextEvent(rec, "interview:newProducer");
    const produced = await cand.emitWithAck("interview:produce", {
      interviewId: id,
      transportId: send.transportId,
      kind: "audio",
      source: "microphone",
      rtpParameters: opusParameters(1111),
    });
    if (!produced.ok) throw new Error(produced.code);
    expect((await announced).producer).toMatchObject({
      producerId: produced.producerId,
      userId: candidate.userId,
      source: "microphone",
    });

    const recv = await rec.emitWithAck("interview:createTransport", {
      interviewId: id,
      direction: "recv",
    });
    if (!recv.ok) throw new Error(recv.code);
    const consumed = await rec.emitWithAck("interview:consume", {
      interviewId: id,
      transportId: recv.transportId,
      producerId: produced.producerId,
      rtpCapabilities: candJoin.routerRtpCapabilities,
    });
    expect(consumed).toMatchObject({ ok: true, kind: "audio", userId: candidate.userId });
    if (!consumed.ok) return;
    expect(
      await rec.emitWithAck("interview:resumeConsumer", {
        interviewId: id,
        consumerId: consumed.consumerId,
      }),
    ).toMatchObject({ ok: true });
    // A bad RTP description is the client's fault, not an internal error.
    await expect(
      cand.emitWithAck("interview:produce", {
        interviewId: id,
        transportId: send.transportId,
        kind: "video",
        source: "camera",
        rtpParameters: { codecs: [{ mimeType: "video/nonsense", payloadType: 100, clockRate: 1 }] },
      }),
    ).resolves.toMatchObject({ ok: false, code: "validation_failed" });

    const counts = () => app.interviewRooms.diagnostics(id)?.peers ?? [];
    expect(counts()).toEqual(
      expect.arrayContaining([
        { userId: candidate.userId, present: true, transports: 1, producers: 1, consumers: 0 },
        { userId: recruiter.userId, present: true, transports: 1, producers: 0, consumers: 1 },
      ]),
    );

    const chat = nextEvent(rec, "interview:chat");
    await cand.emitWithAck("interview:chat", { interviewId: id, text: "  Bonjour !  " });
    expect((await chat).message).toMatchObject({ userId: candidate.userId, text: "Bonjour !" });

    const left = nextEvent(rec, "interview:peerLeft");
    const closedProducer = nextEvent(rec, "interview:producerClosed");
    expect(await cand.emitWithAck("interview:leave", { interviewId: id })).toMatchObject({
      ok: true,
    });
    expect((await left).userId).toBe(candidate.userId);
    expect((await closedProducer).producerId).toBe(produced.producerId);
    expect(counts()).toEqual(
      expect.arrayContaining([
        { userId: candidate.userId, present: false, transports: 0, producers: 0, consumers: 0 },
        { userId: recruiter.userId, present: true, transports: 1, producers: 0, consumers: 0 },
      ]),
    );

    // Ending: the recruiter's socket is told, the row gets its end time.
    const ended = nextEvent(rec, "interview:ended");
    const response = await fetch(`${baseUrl}/api/interviews/${id}/end`, {
      method: "POST",
      headers: { cookie: recruiter.cookie },
    });
    expect(response.status).toBe(200);
    expect((await ended).interviewId).toBe(id);
    // Read back from the database through the service.
    const row = await app.interviews.get(id);
    expect(row.status).toBe("ended");
    expect(row.endedAt).not.toBeNull();
    expect(Date.parse(row.endedAt!)).toBeGreaterThanOrEqual(Date.parse(row.startedAt));
    expect(app.interviewRooms.diagnostics(id)?.peers.every((p) => p.transports === 0)).toBe(true);
    // An ended interview cannot be joined again.
    await expect(cand.emitWithAck("interview:join", { interviewId: id })).resolves.toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("rebuilds a room on another worker when its worker dies and tells both peers", async () => {
    const interview = await startInterview(baseUrl, recruiter, standId, candidate);
    const id = interview.id;
    const [rec, cand] = await Promise.all([connect(recruiter), connect(candidate)]);
    expect((await rec.emitWithAck("interview:join", { interviewId: id })).ok).toBe(true);
    expect((await cand.emitWithAck("interview:join", { interviewId: id })).ok).toBe(true);
    const before = app.interviewRooms.diagnostics(id);
    if (!before) throw new Error("no room");

    const reconnects = Promise.all([
      nextEvent(rec, "interview:reconnect"),
      nextEvent(cand, "interview:reconnect"),
    ]);
    process.kill(before.workerPid, "SIGKILL");
    const [toRecruiter, toCandidate] = await reconnects;
    expect(toRecruiter).toEqual({ interviewId: id, reason: "media_restarted" });
    expect(toCandidate).toEqual({ interviewId: id, reason: "media_restarted" });

    const after = app.interviewRooms.diagnostics(id);
    expect(after?.workerPid).not.toBe(before.workerPid);
    // Rejoining builds fresh transports on the new router.
    const rejoined = await cand.emitWithAck("interview:join", { interviewId: id });
    expect(rejoined.ok).toBe(true);
    const transport = await cand.emitWithAck("interview:createTransport", {
      interviewId: id,
      direction: "send",
    });
    expect(transport.ok).toBe(true);
    // The process and the pool carry on; the dead worker gets replaced.
    expect(await rec.emitWithAck("system:ping", { sentAt: 1 })).toMatchObject({ ok: true });
    await expect.poll(() => app.media.healthy(), { timeout: 10_000 }).toBe(true);
    expect(app.media.size).toBe(2);
  });
});
