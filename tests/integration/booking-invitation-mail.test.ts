/**
 * Mail a candidate gets from the stand's side, end to end over a real SMTP
 * server and two server processes sharing PostgreSQL and Redis:
 * - staff's invitation to book a slot (`POST /api/stands/:standId/booking-invitations`),
 *   for a candidate who applied or queued there only, once in a while, in the
 *   candidate's language with the staff member's message and the stand's page;
 * - "you are being called", when a recruiter calls a candidate whose pages
 *   are all closed, and not when a page is open in either process.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@crossfair/server/auth/auth.schema";
import { bookingInvitations } from "@crossfair/server/availability/availability.schema";
import { startAppPair, type AppPair } from "../support/shared-stores.js";
import { nextEvent, type TestSocket } from "../support/socket-client.js";
import { signInCookie } from "../support/session.js";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.js";
import type { TestApp } from "../support/app.js";
import {
  ADMIN,
  FOOD,
  LOGISTICS,
  RECRUITER,
  STAND_ADMIN,
  call,
  hallOf,
  signUpCandidate,
  standIn,
  vacancyIn,
} from "./application-fixture.js";

const STAFF_SECRETS = [
  "recruiter@crossfair.test",
  "Lotte Peeters",
  "standadmin@crossfair.test",
  "Julien Lemaire",
];

describe("mail from the stand's side over SMTP", () => {
  let inbox: SmtpInbox;
  let pair: AppPair;
  let food: string;
  let logistics: string;
  let foodVacancy: string;
  let recruiter: string;
  let standAdmin: string;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    pair = await startAppPair({
      SMTP_URL: inbox.url,
      PUBLIC_URL: "https://fair.example.org/",
    });
    const hall = await hallOf(pair.first);
    food = standIn(hall, FOOD).id;
    logistics = standIn(hall, LOGISTICS).id;
    foodVacancy = vacancyIn(hall, FOOD);
    recruiter = await signInCookie(pair.second, RECRUITER);
    standAdmin = await signInCookie(pair.second, STAND_ADMIN);
  });
  afterAll(async () => {
    await pair?.close();
    await inbox?.close();
  });

  /** A new candidate who reads the app in `language`, with their address. */
  async function candidate(language: "fr" | "nl" | "en" | "de", displayName: string) {
    const account = await signUpCandidate(pair.first, displayName);
    const db = pair.first.database.db;
    await db.update(users).set({ uiLanguage: language }).where(eq(users.id, account.id));
    const [me] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, account.id));
    return { ...account, email: me!.email };
  }

  const notVerification = ({ mail }: { mail: { text?: string | undefined } }) =>
    !(mail.text ?? "").includes("/#/verify-email/");
  const mailsTo = (email: string) => inbox.to(email).filter(notVerification);

  const invite = (app: TestApp, cookie: string, standId: string, body: object) =>
    call(app, "POST", `/api/stands/${standId}/booking-invitations`, cookie, body);

  it("invites an applicant to book, in their language, with the message, once", async () => {
    const jens = await candidate("nl", "Jens Maes");
    const applied = await call(
      pair.first,
      "POST",
      `/api/vacancies/${foodVacancy}/applications`,
      jens.cookie,
      { message: "Ik kijk ernaar uit" },
    );
    expect(applied.statusCode).toBe(201);

    const message = "Neem je cv mee <en> je vragen & ideeën.";
    const answer = await invite(pair.second, recruiter, food, { candidateId: jens.id, message });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ standId: food, candidateId: jens.id, message });
    const rows = await pair.first.database.db
      .select()
      .from(bookingInvitations)
      .where(
        and(eq(bookingInvitations.standId, food), eq(bookingInvitations.candidateId, jens.id)),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ message, id: (answer.json() as { id: string }).id });

    const { to, mail, raw } = await inbox.waitFor(jens.email, notVerification);
    expect(to).toEqual([jens.email]);
    expect(mail.headers.get("content-language")).toBe("nl");
    expect(mail.subject).toBe("Flanders Food Factory nodigt u uit om een gesprek te boeken");
    expect(mail.text).toContain("Grensoverschrijdende jobdag");
    expect(mail.text).toContain(`> ${message}`);
    expect(mail.text).toContain(`https://fair.example.org/#/stands/${food}`);
    expect(mail.html).toContain("Neem je cv mee &lt;en&gt; je vragen &amp; ideeën.");
    expect(mail.html).toContain(`href="https://fair.example.org/#/stands/${food}"`);
    for (const secret of STAFF_SECRETS) expect(raw).not.toContain(secret);

    // Once is enough: a second click (from either process) sends nothing.
    const again = await invite(pair.first, recruiter, food, { candidateId: jens.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: "already_invited" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(jens.email)).toHaveLength(1);
  });

  it("invites only a candidate who applied or queued there, and only as the stand's staff", async () => {
    const stranger = await candidate("en", "Nora Stranger");
    const applicant = await candidate("en", "Ali Applicant");
    await call(pair.first, "POST", `/api/vacancies/${foodVacancy}/applications`, applicant.cookie, {
      message: "",
    });
    const refusals = [
      [
        await invite(pair.second, recruiter, food, { candidateId: stranger.id }),
        409,
        "not_applicant",
      ],
      // Applied at the other stand: not this one's to invite.
      [
        await invite(pair.second, standAdmin, logistics, { candidateId: applicant.id }),
        409,
        "not_applicant",
      ],
      [
        await invite(pair.second, standAdmin, food, { candidateId: applicant.id }),
        403,
        "forbidden",
      ],
      [
        await invite(pair.first, await signInCookie(pair.first, ADMIN), food, {
          candidateId: applicant.id,
        }),
        403,
        "forbidden",
      ],
      [
        await invite(pair.first, applicant.cookie, food, { candidateId: applicant.id }),
        403,
        "forbidden",
      ],
      [await invite(pair.first, "", food, { candidateId: applicant.id }), 401, "unauthenticated"],
    ] as const;
    for (const [answer, status, code] of refusals) {
      expect(answer.statusCode, answer.body).toBe(status);
      expect(answer.json()).toMatchObject({ error: { code } });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(stranger.email)).toEqual([]);
    expect(mailsTo(applicant.email)).toEqual([]);
  });

  it("limits invitations per address, counted across both processes", async () => {
    const stranger = await candidate("en", "Rita Limit");
    const statuses: number[] = [];
    for (let n = 0; n < 31; n += 1) {
      const answer = await (n % 2 === 0 ? pair.first : pair.second).http.inject({
        method: "POST",
        url: `/api/stands/${food}/booking-invitations`,
        payload: { candidateId: stranger.id },
        headers: { cookie: recruiter },
        remoteAddress: "10.31.31.31",
      });
      statuses.push(answer.statusCode);
      if (n === 30) expect(answer.json()).toMatchObject({ error: { code: "rate_limited" } });
    }
    expect(statuses.slice(0, 30).every((status) => status === 409)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  /** Joins the stand's queue over a socket to `app` (answering its screening questions). */
  async function joinQueue(app: TestApp, cookie: string, standId: string): Promise<TestSocket> {
    const socket = await pair.connect(app, cookie);
    const screening = (
      await call(app, "GET", `/api/stands/${standId}/screening-questions`, cookie)
    ).json() as {
      questions: { id: string }[];
    };
    const answers = screening.questions.map((question) => ({
      questionId: question.id,
      answer: "Oui",
    }));
    const joined = await socket.emitWithAck("queue:join", {
      standId,
      consentToShareProfile: true,
      answers,
    });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    return socket;
  }

  async function callNext(app: TestApp, cookie: string, standId: string) {
    const staff = await pair.connect(app, cookie);
    expect((await staff.emitWithAck("staff:console", { standId })).ok).toBe(true);
    const next = await staff.emitWithAck("staff:callNext", { standId });
    expect(next.ok, JSON.stringify(next)).toBe(true);
    return next.ok ? next.candidateId : null;
  }

  it("mails a called candidate whose pages are all closed, and a queued one can be invited", async () => {
    const lea = await candidate("fr", "Léa Petit");
    const page = await joinQueue(pair.first, lea.cookie, logistics);
    page.close();
    // The server has seen the page go (its user room is empty) before the call.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await callNext(pair.second, standAdmin, logistics)).toBe(lea.id);
    const { to, mail, raw } = await inbox.waitFor(lea.email, notVerification);
    expect(to).toEqual([lea.email]);
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.subject).toBe("Hainaut Logistique vous appelle maintenant");
    expect(mail.text).toMatch(/Revenez avant \d\d:\d\d:\d\d/);
    expect(mail.text).toContain(`https://fair.example.org/#/stands/${logistics}`);
    for (const secret of STAFF_SECRETS) expect(raw).not.toContain(secret);

    // Queued there (once its join is on record): the stand may invite them to book.
    await pair.first.outbox.drainOnce();
    await pair.second.outbox.drainOnce();
    const invited = await invite(pair.second, standAdmin, logistics, { candidateId: lea.id });
    expect(invited.statusCode, invited.body).toBe(201);
    const invitation = await inbox.waitFor(
      lea.email,
      ({ mail }) => mail.subject === "Hainaut Logistique vous invite à réserver un entretien",
    );
    expect(invitation.mail.text).not.toContain("Son message");
  });

  it("does not mail a called candidate with a page open, even in the other process", async () => {
    const omar = await candidate("en", "Omar Present");
    // The page is on the first process; the recruiter calls from the second.
    const page = await joinQueue(pair.first, omar.cookie, food);
    const rang = nextEvent(page, "queue:called");
    expect(await callNext(pair.second, recruiter, food)).toBe(omar.id);
    expect((await rang).standId).toBe(food);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(mailsTo(omar.email)).toEqual([]);
  });
});
