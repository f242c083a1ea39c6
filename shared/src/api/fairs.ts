/**
 * Fairs over HTTP: what fair admins send to create and edit a fair and move
 * it through its statuses, candidates' registrations and their pre-screening,
 * and the query of the public, paged stand list of a fair's hall.
 */
import { z } from "zod";
import {
  approvalStatusSchema,
  fairStatusSchema,
  openingHoursSchema,
  requiredLanguageSchema,
  standKindSchema,
  type FairStatus,
} from "../domain/fair.js";
import { languageSchema, LANGUAGES, localizedTextSchema } from "../domain/language.js";
import { paginationQuerySchema } from "./pagination.js";

const timestampSchema = z.iso.datetime({ offset: true });

/**
 * A moment an organiser schedules: ISO 8601 with its offset, in a year both
 * people and PostgreSQL mean (year 0000 is valid ISO, but no timestamp column's).
 */
const scheduledSchema = timestampSchema.refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 2000 && year <= 2200;
}, "a date between the years 2000 and 2200");

/** Short text typed by a person; PostgreSQL cannot store NUL, so it is refused here. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !value.includes("\u0000"), "no NUL characters");

/** A fair's address in URLs: lower-case words of letters and digits joined by hyphens. */
export const fairSlugSchema = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");

/** The slug as a route parameter: loose, so every stored slug stays reachable. */
export const fairSlugParamsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "a fair slug"),
});

/** True for an IANA zone name this runtime knows ("Europe/Brussels", "UTC"), not an offset. */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, "an IANA time zone such as Europe/Brussels");

const uniqueLanguages = z
  .array(languageSchema)
  .min(1)
  .max(LANGUAGES.length)
  .refine((list) => new Set(list).size === list.length, "each language at most once");

const openingHoursListSchema = z
  .array(openingHoursSchema)
  .max(31)
  .refine(
    (days) => new Set(days.map((day) => day.date)).size === days.length,
    "each date at most once",
  );

const fairFields = {
  name: localizedTextSchema,
  description: localizedTextSchema,
  timeZone: timeZoneSchema,
  startsAt: scheduledSchema,
  endsAt: scheduledSchema,
  /** null: registration opens as soon as the fair is open for it. */
  registrationOpensAt: scheduledSchema.nullable(),
  /** null: registration stays open until the fair ends. */
  registrationClosesAt: scheduledSchema.nullable(),
  openingHours: openingHoursListSchema,
  languages: uniqueLanguages,
  queueCapPerCandidate: z.number().int().min(1).max(20),
  registrationNeedsApproval: z.boolean(),
};

/** `POST /api/admin/fairs`. */
export const fairInputSchema = z.object({
  slug: fairSlugSchema,
  name: fairFields.name,
  description: fairFields.description,
  timeZone: fairFields.timeZone,
  startsAt: fairFields.startsAt,
  endsAt: fairFields.endsAt,
  registrationOpensAt: fairFields.registrationOpensAt.optional(),
  registrationClosesAt: fairFields.registrationClosesAt.optional(),
  openingHours: fairFields.openingHours.optional(),
  languages: fairFields.languages,
  queueCapPerCandidate: fairFields.queueCapPerCandidate.optional(),
  registrationNeedsApproval: fairFields.registrationNeedsApproval.optional(),
});
export type FairInput = z.infer<typeof fairInputSchema>;

/** `PATCH /api/admin/fairs/:slug`: any field but the slug. */
export const fairPatchSchema = z.object(fairFields).partial().strict();
export type FairPatch = z.infer<typeof fairPatchSchema>;

interface FairSchedule {
  startsAt: string;
  endsAt: string;
  registrationOpensAt?: string | null | undefined;
  registrationClosesAt?: string | null | undefined;
}

/** What is wrong with a fair's dates taken together, or null; the server and forms both ask. */
export function fairScheduleProblem(
  schedule: FairSchedule,
): { field: string; message: string } | null {
  if (Date.parse(schedule.endsAt) <= Date.parse(schedule.startsAt)) {
    return { field: "endsAt", message: "the fair must end after it starts" };
  }
  const { registrationOpensAt: opens, registrationClosesAt: closes } = schedule;
  if (opens && closes && Date.parse(closes) <= Date.parse(opens)) {
    return { field: "registrationClosesAt", message: "registration must close after it opens" };
  }
  return null;
}

/**
 * Which status a fair may move to from each status. Pausing a live fair goes
 * back to registration; a fair closed by mistake may be reopened.
 */
export const FAIR_STATUS_TRANSITIONS: Readonly<Record<FairStatus, readonly FairStatus[]>> = {
  draft: ["registration_open", "live"],
  registration_open: ["live", "draft"],
  live: ["closed", "registration_open"],
  closed: ["live"],
};

export function canMoveFair(from: FairStatus, to: FairStatus): boolean {
  return FAIR_STATUS_TRANSITIONS[from].includes(to);
}

/**
 * Whether candidates may register at `now`: the fair takes registrations
 * (registration_open or live) and `now` is inside the window, which opens at
 * `registrationOpensAt` (inclusive; null: already open) and closes at
 * `registrationClosesAt`, else the fair's end (exclusive).
 */
export function isRegistrationOpen(
  fair: {
    status: FairStatus;
    endsAt: string | Date;
    registrationOpensAt: string | Date | null;
    registrationClosesAt: string | Date | null;
  },
  now: number,
): boolean {
  if (fair.status !== "registration_open" && fair.status !== "live") return false;
  const opens = fair.registrationOpensAt ? new Date(fair.registrationOpensAt).getTime() : -Infinity;
  const closes = new Date(fair.registrationClosesAt ?? fair.endsAt).getTime();
  return now >= opens && now < closes;
}

export const fairStatusBodySchema = z.object({ status: fairStatusSchema });

export const fairAdminViewSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema,
  timeZone: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  registrationOpensAt: timestampSchema.nullable(),
  registrationClosesAt: timestampSchema.nullable(),
  openingHours: z.array(openingHoursSchema),
  languages: z.array(languageSchema),
  status: fairStatusSchema,
  queueCapPerCandidate: z.number().int(),
  registrationNeedsApproval: z.boolean(),
  counts: z.object({
    stands: z.number().int().min(0),
    pendingStands: z.number().int().min(0),
    registrations: z.number().int().min(0),
    pendingRegistrations: z.number().int().min(0),
  }),
});
export type FairAdminView = z.infer<typeof fairAdminViewSchema>;

// ---- registrations ----------------------------------------------------------

export const myRegistrationSchema = z.object({
  id: z.uuid(),
  fairSlug: z.string(),
  fairId: z.uuid(),
  status: approvalStatusSchema,
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const myRegistrationAnswerSchema = z.object({ registration: myRegistrationSchema });
export const myRegistrationsSchema = z.object({ registrations: z.array(myRegistrationSchema) });

export const registrationAdminViewSchema = z.object({
  id: z.uuid(),
  status: approvalStatusSchema,
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
  candidate: z.object({
    id: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    languages: z.array(requiredLanguageSchema),
    sectors: z.array(z.string()),
    hasCv: z.boolean(),
  }),
});
export type RegistrationAdminView = z.infer<typeof registrationAdminViewSchema>;

export const registrationListQuerySchema = paginationQuerySchema.extend({
  status: approvalStatusSchema.optional(),
});
export type RegistrationListQuery = z.infer<typeof registrationListQuerySchema>;

export const registrationDecisionSchema = z.object({
  status: z.enum(["approved", "rejected"]),
});
export type RegistrationDecision = z.infer<typeof registrationDecisionSchema>;

// ---- the public stand list ----------------------------------------------------

/** A query-string flag: only "true" and "false" mean something. */
const queryFlag = z.enum(["true", "false"]).transform((value) => value === "true");

/** `GET /api/fairs/:slug/stands`: every filter given must hold (AND). */
export const standListQuerySchema = paginationQuerySchema.extend({
  /** Matches organisation name, sector or a vacancy title, in any language, ignoring case. */
  q: plainText(100).optional(),
  sector: plainText(60).optional(),
  language: languageSchema.optional(),
  region: plainText(120).optional(),
  kind: standKindSchema.optional(),
  hasOpenVacancies: queryFlag.optional(),
});
export type StandListQuery = z.infer<typeof standListQuerySchema>;
