/**
 * The stand manager's forms as plain data: drafts the inputs bind to (every
 * field a string, as inputs give them), turned into the shared API bodies
 * and checked with the same zod schemas the server uses, so a mistake is
 * shown next to its field before anything is sent.
 */
import type { z } from "zod";
import {
  LANGUAGES,
  standPatchSchema,
  vacancyInputSchema,
  vacancyPatchSchema,
  vacancyTranslationBodySchema,
  type CefrLevel,
  type ContractType,
  type Language,
  type StandDetails,
  type StandPatch,
  type VacancyDetails,
  type VacancyInput,
  type VacancyPatch,
  type VacancyTranslationBody,
} from "@crossfair/shared";

/**
 * What is wrong with a field, in words the UI translates; `taken`: an email
 * already in use; `tooShort`: a text under its minimum length (a password).
 */
export type FieldProblem =
  "required" | "tooShort" | "tooLong" | "url" | "email" | "number" | "invalid" | "taken";
/** Problems by field path, e.g. "title", "documents.0.url", "description.nl". */
export type FieldErrors = Record<string, FieldProblem>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** One problem per field, the first zod reports. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    if (errors[path]) continue;
    errors[path] = problemOf(issue);
  }
  return errors;
}

function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "number") return "number";
      // min(1) means "fill it in"; a longer minimum is a length the person did not reach.
      return Number(issue.minimum) > 1 ? "tooShort" : "required";
    case "too_big":
      return issue.origin === "number" ? "number" : "tooLong";
    case "invalid_format":
      if (issue.format === "url") return "url";
      return issue.format === "email" ? "email" : "invalid";
    case "invalid_type":
      return issue.expected === "number" ? "number" : "invalid";
    default:
      return "invalid";
  }
}

/**
 * The field problem the server named, keyed like the form's own checks: the
 * server prefixes validation paths with where they were found ("body.email").
 */
export function serverFieldErrors(failure: { code: string; field?: string }): FieldErrors {
  if (!failure.field) return {};
  const field = failure.field.replace(/^(body|params|querystring)\./, "");
  return { [field]: failure.code === "conflict" ? "taken" : "invalid" };
}

function check<S extends z.ZodType>(schema: S, value: unknown): Checked<z.infer<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

// ---- the stand's own page ------------------------------------------------------

export interface DocumentDraft {
  title: string;
  url: string;
}

export interface ProfileDraft {
  /** One text per language; empty ones are left out. */
  description: Record<Language, string>;
  logoUrl: string;
  documents: DocumentDraft[];
}

export function profileDraftOf(stand: StandDetails): ProfileDraft {
  return {
    description: Object.fromEntries(
      LANGUAGES.map((language) => [language, stand.description[language] ?? ""]),
    ) as Record<Language, string>,
    logoUrl: stand.logoUrl ?? "",
    documents: stand.documents.map((document) => ({ ...document })),
  };
}

const profilePatchSchema = standPatchSchema.pick({
  description: true,
  logoUrl: true,
  documents: true,
});

export function profilePatchOf(draft: ProfileDraft): Checked<StandPatch> {
  const description = Object.fromEntries(
    LANGUAGES.map((language) => [language, draft.description[language].trim()]).filter(
      ([, text]) => text !== "",
    ),
  );
  const logoUrl = draft.logoUrl.trim();
  return check(profilePatchSchema, {
    description,
    logoUrl: logoUrl === "" ? null : logoUrl,
    // A row left completely empty is not a document.
    documents: draft.documents
      .map((document) => ({ title: document.title.trim(), url: document.url.trim() }))
      .filter((document) => document.title !== "" || document.url !== ""),
  });
}

// ---- vacancies -------------------------------------------------------------------

export interface VacancyDraft {
  title: string;
  description: string;
  originalLanguage: Language;
  sector: string;
  country: string;
  region: string;
  contractType: ContractType;
  openings: string;
  requiredLanguages: { language: Language; level: CefrLevel }[];
}

/** A new vacancy starts from the stand's sector and place, written in the UI language if the stand uses it. */
export function newVacancyDraft(stand: StandDetails, uiLanguage: Language): VacancyDraft {
  return {
    title: "",
    description: "",
    originalLanguage: stand.languages.includes(uiLanguage)
      ? uiLanguage
      : (stand.languages[0] ?? uiLanguage),
    sector: stand.sector,
    country: stand.country,
    region: stand.region,
    contractType: "permanent",
    openings: "1",
    requiredLanguages: [],
  };
}

/** The original-language text and the other facts of an existing vacancy. */
export function vacancyDraftOf(vacancy: VacancyDetails): VacancyDraft {
  return {
    title: vacancy.title[vacancy.originalLanguage] ?? "",
    description: vacancy.description[vacancy.originalLanguage] ?? "",
    originalLanguage: vacancy.originalLanguage,
    sector: vacancy.sector,
    country: vacancy.country,
    region: vacancy.region,
    contractType: vacancy.contractType,
    openings: String(vacancy.openings),
    requiredLanguages: vacancy.requiredLanguages.map((entry) => ({ ...entry })),
  };
}

function vacancyBody(draft: VacancyDraft) {
  // Inputs give strings; a number input bound by Svelte would give a number (or null when empty).
  const openings = String(draft.openings ?? "").trim();
  return {
    ...draft,
    country: draft.country.trim().toUpperCase(),
    openings: openings === "" ? Number.NaN : Number(openings),
  };
}

export function vacancyInputOf(draft: VacancyDraft): Checked<VacancyInput> {
  return check(vacancyInputSchema, vacancyBody(draft));
}

/** Edits the original text and facts; the original language itself never changes. */
export function vacancyPatchOf(draft: VacancyDraft): Checked<VacancyPatch> {
  const { originalLanguage: _original, ...body } = vacancyBody(draft);
  return check(vacancyPatchSchema, body);
}

export interface TranslationDraft {
  language: Language;
  title: string;
  description: string;
}

/** Languages a vacancy can be translated into: all but its original. */
export function translationLanguages(vacancy: VacancyDetails): Language[] {
  return LANGUAGES.filter((language) => language !== vacancy.originalLanguage);
}

/** The existing translation in `language`, if any, to edit; empty otherwise. */
export function translationDraftOf(vacancy: VacancyDetails, language: Language): TranslationDraft {
  return {
    language,
    title: vacancy.title[language] ?? "",
    description: vacancy.description[language] ?? "",
  };
}

export function translationBodyOf(draft: TranslationDraft): Checked<VacancyTranslationBody> {
  return check(vacancyTranslationBodySchema, {
    title: draft.title,
    description: draft.description,
  });
}
