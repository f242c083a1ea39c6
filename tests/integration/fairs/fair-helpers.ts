/**
 * What the fair suites share: a valid fair body, creating a fair and moving
 * its status through the real admin routes, a live fair of a test's own with
 * approved stands, and fresh candidate accounts (signed up over HTTP) so each
 * test owns the people it registers.
 */
import { randomUUID } from "node:crypto";
import {
  fairAdminViewSchema,
  type FairAdminView,
  type FairInput,
  type FairStatus,
} from "@crossfair/shared";
import type { App } from "@crossfair/server/app";
import { stands } from "@crossfair/server/stand/stand.schema";
import { signUpVerified } from "../../support/sign-up.js";

const HOUR = 3_600_000;

export function uniqueSlug(prefix = "fair"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A valid fair starting tomorrow, with a unique slug; `overrides` win. */
export function fairInput(overrides: Partial<FairInput> = {}): FairInput {
  const startsAt = new Date(Date.now() + 24 * HOUR);
  return {
    slug: uniqueSlug(),
    name: { en: "Border jobs", fr: "Emplois frontaliers" },
    description: { en: "Jobs on both sides of the border." },
    timeZone: "Europe/Brussels",
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 8 * HOUR).toISOString(),
    languages: ["fr", "nl", "en"],
    ...overrides,
  };
}

export async function createFair(
  app: App,
  adminCookie: string,
  overrides: Partial<FairInput> = {},
): Promise<FairAdminView> {
  const response = await app.http.inject({
    method: "POST",
    url: "/api/admin/fairs",
    payload: fairInput(overrides),
    headers: { cookie: adminCookie },
  });
  if (response.statusCode !== 201) throw new Error(`fair not created: ${response.body}`);
  return fairAdminViewSchema.parse(response.json());
}

/** Moves a fair along a path of statuses, each step through the real route. */
export async function moveFair(
  app: App,
  adminCookie: string,
  slug: string,
  ...path: FairStatus[]
): Promise<FairAdminView> {
  let view: FairAdminView | undefined;
  for (const status of path) {
    const response = await app.http.inject({
      method: "POST",
      url: `/api/admin/fairs/${slug}/status`,
      payload: { status },
      headers: { cookie: adminCookie },
    });
    if (response.statusCode !== 200) throw new Error(`status ${status} refused: ${response.body}`);
    view = fairAdminViewSchema.parse(response.json());
  }
  if (!view) throw new Error("no status given");
  return view;
}

/**
 * A live fair of the test's own with approved stands of the given names. The
 * stands are written to the database directly: the stand routes serve the
 * current (demo) fair.
 */
export async function liveFairWithStands(
  app: App,
  adminCookie: string,
  registrationNeedsApproval: boolean,
  names: string[],
): Promise<{ fair: FairAdminView; standIds: string[] }> {
  const fair = await createFair(app, adminCookie, { registrationNeedsApproval });
  await moveFair(app, adminCookie, fair.slug, "live");
  const rows = await app.database.db
    .insert(stands)
    .values(
      names.map((organisationName) => ({
        fairId: fair.id,
        kind: "employer" as const,
        organisationName,
        description: { en: "A stand." },
        sector: "logistics",
        country: "BE",
        region: "Hainaut",
        languages: ["fr" as const],
        approvalStatus: "approved" as const,
      })),
    )
    .returning({ id: stands.id });
  return { fair, standIds: rows.map((row) => row.id) };
}

/** `liveFairWithStands` with one stand; returns the fair and the stand's id. */
export async function liveFairWithStand(
  app: App,
  adminCookie: string,
  registrationNeedsApproval: boolean,
  name: string,
): Promise<{ fair: FairAdminView; standId: string }> {
  const { fair, standIds } = await liveFairWithStands(app, adminCookie, registrationNeedsApproval, [
    name,
  ]);
  return { fair, standId: standIds[0]! };
}

/** Signs a new candidate up (and follows the mailed link); returns their id and session cookie. */
export async function newCandidate(
  app: App,
  displayName = "Test Candidate",
): Promise<{ id: string; email: string; cookie: string }> {
  const email = `candidate-${randomUUID().slice(0, 12)}@crossfair.test`;
  const { user, cookie } = await signUpVerified(app, {
    email,
    password: "a long enough password",
    displayName,
    uiLanguage: "fr",
  });
  return { id: user.id, email, cookie };
}
