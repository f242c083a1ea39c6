/**
 * The profile form's data: a draft the inputs edit (plain strings, empty
 * while unset, one row per spoken language), made from a saved profile and
 * checked against the shared profile schema before it is sent. Every problem
 * is named per field, and per row for languages, so the form can mark the
 * input it concerns.
 */
import {
  candidateProfileBodySchema,
  CEFR_LEVELS,
  LANGUAGES,
  SECTORS_MAX,
  type CandidateProfile,
  type CandidateProfileBody,
  type CefrLevel,
  type Language,
} from "@crossfair/shared";

export interface LanguageRow {
  /** Stable across edits, so a removed row takes its own inputs (and focus) with it. */
  key: number;
  language: Language | "";
  level: CefrLevel | "";
}

export interface ProfileDraft {
  contactPhone: string;
  country: string;
  region: string;
  languages: LanguageRow[];
  sectors: string[];
  availability: string;
  pitch: string;
}

export const PROFILE_FIELDS = [
  "contactPhone",
  "country",
  "region",
  "languages",
  "sectors",
  "availability",
  "pitch",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Each has a translated message under `account.profile.problem`. */
export type ProfileProblem =
  | "required"
  | "tooLong"
  | "phone"
  | "languagesRequired"
  | "languageTwice"
  | "rowIncomplete"
  | "tooManySectors"
  | "invalid";

export interface ProfileErrors {
  fields: Partial<Record<ProfileField, ProfileProblem>>;
  /** Problems of single language rows, by row key. */
  rows: Record<number, ProfileProblem>;
}

export const NO_ERRORS: ProfileErrors = { fields: {}, rows: {} };

export function hasErrors(errors: ProfileErrors): boolean {
  return Object.keys(errors.fields).length > 0 || Object.keys(errors.rows).length > 0;
}

let nextKey = 1;
export const newRowKey = (): number => nextKey++;

/** A new candidate starts with one language row: nobody speaks none. */
export function emptyDraft(): ProfileDraft {
  return {
    contactPhone: "",
    country: "",
    region: "",
    languages: [{ key: newRowKey(), language: "", level: "" }],
    sectors: [],
    availability: "",
    pitch: "",
  };
}

export function draftFromProfile(profile: CandidateProfile): ProfileDraft {
  return {
    contactPhone: profile.contactPhone ?? "",
    country: profile.country,
    region: profile.region,
    languages: profile.languages.map((entry) => ({ key: newRowKey(), ...entry })),
    sectors: [...profile.sectors],
    availability: profile.availability,
    pitch: profile.pitch,
  };
}

/** The next language nobody has picked yet, for a new row; "" when all are taken. */
export function unusedLanguage(draft: ProfileDraft): Language | "" {
  return LANGUAGES.find((code) => !draft.languages.some((row) => row.language === code)) ?? "";
}

export function canAddLanguage(draft: ProfileDraft): boolean {
  return draft.languages.length < LANGUAGES.length;
}

export function canAddSector(draft: ProfileDraft): boolean {
  return draft.sectors.length < SECTORS_MAX;
}

export function isCefrLevel(value: string): value is CefrLevel {
  return CEFR_LEVELS.some((level) => level === value);
}

export function isLanguage(value: string): value is Language {
  return LANGUAGES.some((language) => language === value);
}

export type ProfileCheck =
  { ok: true; body: CandidateProfileBody } | { ok: false; errors: ProfileErrors };

/** Checks a draft the way the server will, and names what is wrong where. */
export function checkProfile(draft: ProfileDraft): ProfileCheck {
  const errors: ProfileErrors = { fields: {}, rows: {} };
  // Half-filled rows are the visitor's to finish, never silently dropped.
  for (const row of draft.languages) {
    if (row.language === "" || row.level === "") errors.rows[row.key] = "rowIncomplete";
  }
  const seen = new Set<string>();
  for (const row of draft.languages) {
    if (row.language === "") continue;
    if (seen.has(row.language)) errors.rows[row.key] = "languageTwice";
    seen.add(row.language);
  }
  if (draft.languages.length === 0) errors.fields.languages = "languagesRequired";

  const phone = draft.contactPhone.trim();
  const body: CandidateProfileBody = {
    country: draft.country,
    region: draft.region,
    languages: draft.languages.flatMap((row) =>
      row.language !== "" && row.level !== "" ? [{ language: row.language, level: row.level }] : [],
    ),
    sectors: draft.sectors,
    availability: draft.availability,
    pitch: draft.pitch,
    contactPhone: phone === "" ? null : phone,
  };
  const parsed = candidateProfileBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field] = issue.path;
      if (!isProfileField(field) || errors.fields[field] || field === "languages") continue;
      errors.fields[field] = problemOf(field, issue.code, draft);
    }
  }
  if (hasErrors(errors)) return { ok: false, errors };
  return { ok: true, body };
}

function isProfileField(field: unknown): field is ProfileField {
  return PROFILE_FIELDS.some((known) => known === field);
}

function problemOf(field: ProfileField, code: string, draft: ProfileDraft): ProfileProblem {
  if (field === "sectors") return code === "too_big" ? "tooManySectors" : "invalid";
  if (code === "too_big") return "tooLong";
  if (field === "contactPhone") return "phone";
  const value = draft[field];
  if (typeof value === "string" && value.trim() === "") return "required";
  return "invalid";
}

/**
 * The field a server refusal names ("body.region", "body.languages.1.level"),
 * as a problem on that field; null when it names none of the form's fields.
 */
export function profileErrorsFrom(field: string | undefined): ProfileErrors | null {
  const [first] = (field ?? "").replace(/^body\./, "").split(".");
  if (!isProfileField(first)) return null;
  return {
    fields: { [first]: first === "contactPhone" ? "phone" : "invalid" },
    rows: {},
  };
}
