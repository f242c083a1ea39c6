/**
 * Seeds a fresh PostgreSQL database for the benchmark straight through the
 * server's drizzle schema: one live, pre-screened fair (cap of 3 queues per
 * candidate, every candidate's registration approved), the stands (the first
 * one with a screening question, like the demo), one or
 * more recruiters per stand, the candidates with profiles, and a session per
 * user inserted directly (sha256 of a random token), so nobody signs in and
 * no password is hashed. The server's own migrations run first.
 */
import { createHash, randomBytes } from "node:crypto";
import { LANGUAGES, type CefrLevel, type Language } from "@crossfair/shared";
import { openDatabase, type Database } from "@crossfair/server/plugins/db";
import { sessions, users } from "@crossfair/server/auth/auth.schema";
import { candidateProfiles } from "@crossfair/server/candidate/candidate.schema";
import { fairRegistrations, fairs } from "@crossfair/server/fair/fair.schema";
import { standStaff, stands } from "@crossfair/server/stand/stand.schema";
import { screeningQuestions } from "@crossfair/server/stand/stand.schema";
import { pick } from "./stats.js";

export interface SeededUser {
  id: string;
  /** `cf_session=<token>`, ready for a Cookie header. */
  cookie: string;
  languages: Language[];
}

export interface SeededStand {
  id: string;
  /** Screening questions a candidate must answer to join. */
  questionIds: string[];
  recruiters: (SeededUser & { displayName: string })[];
}

export interface SeededFair {
  fairId: string;
  stands: SeededStand[];
  candidates: SeededUser[];
}

const BATCH = 1_000;

type Logger = Parameters<typeof openDatabase>[0]["log"];
/** openDatabase wants a pino logger; the benchmark's progress lines are enough. */
const quietLog = {
  info: () => undefined,
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => console.error(...args),
} as unknown as Logger;

const randomLanguages = (): Language[] => {
  const first = pick(LANGUAGES);
  const second = pick(LANGUAGES);
  return first === second || Math.random() < 0.5 ? [first] : [first, second];
};

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await insert(rows.slice(start, start + BATCH));
  }
}

function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("hex");
  return { token, tokenHash: createHash("sha256").update(token).digest("hex") };
}

export async function seedBenchFair(
  databaseUrl: string,
  counts: { stands: number; recruitersPerStand: number; candidates: number },
): Promise<SeededFair> {
  // Applies the server's migrations (under its advisory lock), then hands us drizzle.
  const handle = await openDatabase({ url: databaseUrl, dataDir: "", log: quietLog });
  try {
    return await seed(handle.db, counts);
  } finally {
    await handle.close();
  }
}

async function seed(
  db: Database,
  counts: { stands: number; recruitersPerStand: number; candidates: number },
): Promise<SeededFair> {
  const start = new Date();
  start.setUTCHours(0, 0, 0, 0);
  const [fair] = await db
    .insert(fairs)
    .values({
      slug: `bench-${randomBytes(4).toString("hex")}`,
      name: { en: "Queue benchmark fair" },
      description: { en: "Seeded by tests/load/queue-bench.ts" },
      timeZone: "Europe/Brussels",
      startsAt: start,
      endsAt: new Date(start.getTime() + 48 * 3_600_000),
      languages: [...LANGUAGES],
      status: "live",
      queueCapPerCandidate: 3,
    })
    .returning({ id: fairs.id });
  if (!fair) throw new Error("fair insert returned nothing");

  const standRows = await db
    .insert(stands)
    .values(
      Array.from({ length: counts.stands }, (_, index) => ({
        fairId: fair.id,
        kind: index % 5 === 0 ? ("temp_agency" as const) : ("employer" as const),
        organisationName: `Bench stand ${index + 1}`,
        description: { en: "A benchmark stand" },
        sector: "logistics",
        country: "BE",
        region: "Hainaut",
        languages: randomLanguages(),
        approvalStatus: "approved" as const,
      })),
    )
    .returning({ id: stands.id });

  const firstStand = standRows[0];
  const questions = firstStand
    ? await db
        .insert(screeningQuestions)
        .values({ standId: firstStand.id, question: { en: "Do you hold a forklift licence?" } })
        .returning({ id: screeningQuestions.id })
    : [];

  const expiresAt = new Date(Date.now() + 24 * 3_600_000);
  const tag = randomBytes(3).toString("hex");
  const sessionRows: { tokenHash: string; userId: string; expiresAt: Date }[] = [];

  const recruiterSpecs = standRows.flatMap((stand, standIndex) =>
    Array.from({ length: counts.recruitersPerStand }, (_, seat) => ({
      standId: stand.id,
      displayName: `Recruiter ${standIndex + 1}.${seat + 1}`,
      email: `bench-${tag}-r${standIndex}-${seat}@crossfair.test`,
      languages: randomLanguages(),
      ...newSessionToken(),
    })),
  );
  const recruiterIds: string[] = [];
  await inBatches(recruiterSpecs, async (batch) => {
    const rows = await db
      .insert(users)
      .values(
        batch.map((spec) => ({
          email: spec.email,
          // Nobody signs in with a password; sessions are inserted below.
          passwordHash: "bench-no-password",
          displayName: spec.displayName,
          role: "recruiter" as const,
        })),
      )
      .returning({ id: users.id });
    recruiterIds.push(...rows.map((row) => row.id));
  });
  await inBatches(
    recruiterSpecs.map((spec, index) => ({
      standId: spec.standId,
      userId: recruiterIds[index]!,
      role: "recruiter" as const,
      languages: spec.languages,
    })),
    (batch) => db.insert(standStaff).values(batch),
  );

  const candidateSpecs = Array.from({ length: counts.candidates }, (_, index) => ({
    email: `bench-${tag}-c${index}@crossfair.test`,
    displayName: `Candidate ${index + 1}`,
    languages: randomLanguages(),
    ...newSessionToken(),
  }));
  const candidateIds: string[] = [];
  await inBatches(candidateSpecs, async (batch) => {
    const rows = await db
      .insert(users)
      .values(
        batch.map((spec) => ({
          email: spec.email,
          passwordHash: "bench-no-password",
          displayName: spec.displayName,
          role: "candidate" as const,
        })),
      )
      .returning({ id: users.id });
    candidateIds.push(...rows.map((row) => row.id));
  });
  const level: CefrLevel = "B2";
  await inBatches(
    candidateSpecs.map((spec, index) => ({
      userId: candidateIds[index]!,
      country: "FR",
      region: "Hauts-de-France",
      languages: spec.languages.map((language) => ({ language, level })),
      sectors: ["logistics"],
      pitch: "Benchmark candidate",
    })),
    (batch) => db.insert(candidateProfiles).values(batch),
  );
  // A pre-screened fair (the default): every candidate's registration is approved, so each
  // join goes through the registration gate as it does on the day.
  await inBatches(
    candidateIds.map((candidateId) => ({
      fairId: fair.id,
      candidateId,
      status: "approved" as const,
    })),
    (batch) => db.insert(fairRegistrations).values(batch),
  );

  recruiterSpecs.forEach((spec, index) =>
    sessionRows.push({ tokenHash: spec.tokenHash, userId: recruiterIds[index]!, expiresAt }),
  );
  candidateSpecs.forEach((spec, index) =>
    sessionRows.push({ tokenHash: spec.tokenHash, userId: candidateIds[index]!, expiresAt }),
  );
  await inBatches(sessionRows, (batch) => db.insert(sessions).values(batch));

  const cookie = (token: string) => `cf_session=${token}`;
  return {
    fairId: fair.id,
    stands: standRows.map((stand, standIndex) => ({
      id: stand.id,
      questionIds: standIndex === 0 ? questions.map((question) => question.id) : [],
      recruiters: recruiterSpecs
        .map((spec, index) => ({ spec, id: recruiterIds[index]! }))
        .filter(({ spec }) => spec.standId === stand.id)
        .map(({ spec, id }) => ({
          id,
          cookie: cookie(spec.token),
          languages: spec.languages,
          displayName: spec.displayName,
        })),
    })),
    candidates: candidateSpecs.map((spec, index) => ({
      id: candidateIds[index]!,
      cookie: cookie(spec.token),
      languages: spec.languages,
    })),
  };
}
