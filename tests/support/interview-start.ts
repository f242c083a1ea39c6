/**
 * Starts an interview the only way there is: the candidate joins the stand's
 * queue, the recruiter calls next, the candidate accepts. Over real sockets
 * against a listening server (an in-process app is made to listen first).
 *
 * A recruiter takes one candidate at a time, so the recruiter's previous
 * interview started here is ended before the next call. With an in-process
 * app the queue's outbox is drained before answering, so the interview's row
 * is in the database; a server process writes it a moment later.
 */
import type { AddressInfo } from "node:net";
import type { App } from "@crossfair/server/app";
import { connectClient, nextEvent, type TestSocket } from "./socket-client.js";

export interface InterviewParties {
  recruiterCookie: string;
  candidateCookie: string;
  standId: string;
}

const lastInterviewOf = new Map<string, string>();

/** The base URL of an in-process app, listening on a free port from the first call. */
export async function listeningUrl(app: App): Promise<string> {
  if (!app.http.server.listening) await app.http.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

/** The id of a live interview between the two, started through the queue. */
export async function interviewThroughQueue(
  target: App | string,
  parties: InterviewParties,
): Promise<string> {
  const baseUrl = typeof target === "string" ? target : await listeningUrl(target);
  const me = (await (
    await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie: parties.recruiterCookie } })
  ).json()) as { user: { id: string } };
  const recruiterKey = `${baseUrl} ${me.user.id}`;
  const previous = lastInterviewOf.get(recruiterKey);
  if (previous) {
    await fetch(`${baseUrl}/api/interviews/${previous}/end`, {
      method: "POST",
      headers: { cookie: parties.recruiterCookie, origin: baseUrl },
    });
  }
  const sockets: TestSocket[] = [];
  try {
    const recruiter = (await connectClient(baseUrl, parties.recruiterCookie)).socket;
    const candidate = (await connectClient(baseUrl, parties.candidateCookie)).socket;
    sockets.push(recruiter, candidate);
    const standId = parties.standId;
    await ack(recruiter.emitWithAck("staff:console", { standId }), "staff:console");
    // Every screening question of the stand gets an answer, as the join form requires.
    const screening = (await (
      await fetch(`${baseUrl}/api/stands/${standId}/screening-questions`, {
        headers: { cookie: parties.candidateCookie },
      })
    ).json()) as { questions: { id: string }[] };
    const answers = screening.questions.map((question) => ({
      questionId: question.id,
      answer: "Oui",
    }));
    await ack(
      candidate.emitWithAck("queue:join", { standId, consentToShareProfile: true, answers }),
      "queue:join",
    );
    const called = nextEvent(candidate, "queue:called");
    const next = await ack(recruiter.emitWithAck("staff:callNext", { standId }), "staff:callNext");
    if (!next.candidateId) throw new Error("staff:callNext found nobody to call");
    await called;
    const accepted = await ack(
      candidate.emitWithAck("queue:respond", { standId, accept: true }),
      "queue:respond",
    );
    if (!accepted.interviewId) throw new Error("the accepted call opened no interview");
    lastInterviewOf.set(recruiterKey, accepted.interviewId);
    // In-process, the row is written now rather than by the outbox's next round.
    if (typeof target !== "string") await target.outbox.drainOnce();
    return accepted.interviewId;
  } finally {
    for (const socket of sockets) socket.close();
  }
}

async function ack<T extends { ok: boolean }>(
  answer: Promise<T>,
  event: string,
): Promise<Extract<T, { ok: true }>> {
  const result = await answer;
  if (!result.ok) throw new Error(`${event} refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** The Cookie header a browser context sends to the fair (for sockets opened beside it). */
export async function cookieHeaderOf(context: {
  cookies(): Promise<{ name: string; value: string }[]>;
}): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}
