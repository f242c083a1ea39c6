/**
 * What the candidate suites share: a valid profile body, a fresh candidate
 * per test (signed up through the real route, optionally with that profile),
 * CV uploads and the stored CV files, and demo stands by name.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { fairHallSchema, type CandidateProfileBody } from "@crossfair/shared";
import { users } from "@crossfair/server/auth/auth.schema";
import type { TestApp } from "../../support/app.js";
import { signUpVerified } from "../../support/sign-up.js";
import { multipart } from "../../support/uploads.js";

export const RECRUITER = "recruiter@crossfair.test"; // recruiter at Flanders Food Factory
export const ADMIN = "admin@crossfair.test";
export const FOOD = "Flanders Food Factory";
export const LOGISTICS = "Hainaut Logistique";
export const PASSWORD = "a long enough password";

export const validProfile: CandidateProfileBody = {
  country: "FR",
  region: "Hauts-de-France",
  languages: [
    { language: "fr", level: "C2" },
    { language: "nl", level: "B1" },
  ],
  sectors: ["logistics", "food"],
  availability: "from March, full time",
  pitch: "Forklift driver with six years in warehouses.",
  contactPhone: "+33 6 12 34 56 78",
};

export interface Candidate {
  id: string;
  email: string;
  cookie: string;
}

/**
 * A new candidate account, signed in (signed up, then the mailed link followed); with
 * `validProfile` saved unless told otherwise.
 */
export async function newCandidate(
  app: TestApp,
  { withProfile = true }: { withProfile?: boolean } = {},
): Promise<Candidate> {
  const email = `candidate-${randomBytes(6).toString("hex")}@crossfair.test`;
  const { user, cookie } = await signUpVerified(app, {
    email,
    password: PASSWORD,
    displayName: "Claire Candidate",
  });
  const candidate = { id: user.id, email, cookie };
  if (withProfile) {
    const saved = await app.http.inject({
      method: "PUT",
      url: "/api/me/profile",
      payload: validProfile,
      headers: { cookie: candidate.cookie },
    });
    if (saved.statusCode !== 200) throw new Error(`profile not saved: ${saved.body}`);
  }
  return candidate;
}

export async function uploadCv(app: TestApp, cookie: string, bytes: Buffer, filename = "cv.pdf") {
  const body = multipart(bytes, filename);
  return app.http.inject({
    method: "POST",
    url: "/api/me/cv",
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
}

/** The CV files on disk, by their stored names. */
export async function storedCvs(app: TestApp): Promise<string[]> {
  const directory = path.join(app.dataDir, "cvs");
  return existsSync(directory) ? readdir(directory) : [];
}

/** The demo fair's stand ids by organisation name. */
export async function demoStands(app: TestApp): Promise<Map<string, string>> {
  const hall = fairHallSchema.parse(
    (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
  );
  return new Map(hall.stands.map((stand) => [stand.organisationName, stand.id]));
}

export async function userIdOf(app: TestApp, email: string): Promise<string> {
  const [row] = await app.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}
