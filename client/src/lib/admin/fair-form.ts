/**
 * The create/edit fair form as plain values the inputs bind to, and the way
 * between them and the API: names and descriptions per language, times typed
 * on the fair's own clocks (see zoned-time.ts), an optional registration
 * window and opening hours per day. Checks run through the shared schemas, so
 * the form refuses exactly what the server would, and each problem is named
 * by the form field it belongs to.
 */
import {
  fairInputSchema,
  fairPatchSchema,
  fairScheduleProblem,
  isIanaTimeZone,
  LANGUAGES,
  type FairAdminView,
  type FairInput,
  type FairPatch,
  type Language,
  type LocalizedText,
  type OpeningHours,
} from "@crossfair/shared";
import { datesBetween, isoToZoned, zonedToIso } from "./zoned-time.js";

export interface FairFormValues {
  slug: string;
  name: Record<Language, string>;
  description: Record<Language, string>;
  timeZone: string;
  /** "YYYY-MM-DDTHH:MM" on the fair's clocks, as a datetime-local input gives it. */
  starts: string;
  ends: string;
  /** Empty: no limit. */
  registrationOpens: string;
  registrationCloses: string;
  openingHours: OpeningHours[];
  languages: Language[];
  queueCap: number;
  needsApproval: boolean;
}

export const FAIR_FORM_FIELDS = [
  "slug",
  "name",
  "description",
  "timeZone",
  "starts",
  "ends",
  "registrationOpens",
  "registrationCloses",
  "openingHours",
  "languages",
  "queueCap",
] as const;
export type FairFormField = (typeof FAIR_FORM_FIELDS)[number];

/** What the fair form gives each of its fieldsets. */
export interface FairFieldsetProps {
  values: FairFormValues;
  /** The form's id prefix: each field is `<idPrefix>-<field>`. */
  idPrefix: string;
  /** The translated problem with a field, if it has one. */
  problem: (field: FairFormField) => string | undefined;
}

/** The form's moments, each typed as a local date and time on the fair's clocks. */
export type FairMoment = "starts" | "ends" | "registrationOpens" | "registrationCloses";

export type FairFormResult<T> = { ok: true; value: T } | { ok: false; problems: FairFormField[] };

/** The API's field names (and zod paths' first part) as form fields. */
const FIELD_OF_API: Record<string, FairFormField> = {
  slug: "slug",
  name: "name",
  description: "description",
  timeZone: "timeZone",
  startsAt: "starts",
  endsAt: "ends",
  registrationOpensAt: "registrationOpens",
  registrationClosesAt: "registrationCloses",
  openingHours: "openingHours",
  languages: "languages",
  queueCapPerCandidate: "queueCap",
};

/** The form field an API error's `field` ("endsAt", "openingHours.1.closes") points at. */
export function formFieldOf(apiField: string | undefined): FairFormField | undefined {
  return apiField === undefined ? undefined : FIELD_OF_API[apiField.split(".")[0] ?? ""];
}

const emptyTexts = (): Record<Language, string> => ({ nl: "", fr: "", en: "", de: "" });

/** A new fair's form: the admin's own time zone when it is a known one, all four languages. */
export function emptyFairForm(localTimeZone?: string): FairFormValues {
  return {
    slug: "",
    name: emptyTexts(),
    description: emptyTexts(),
    timeZone: localTimeZone && isIanaTimeZone(localTimeZone) ? localTimeZone : "Europe/Brussels",
    starts: "",
    ends: "",
    registrationOpens: "",
    registrationCloses: "",
    openingHours: [],
    languages: [...LANGUAGES],
    queueCap: 3,
    needsApproval: true,
  };
}

/** An existing fair's values, its times on its own clocks. */
export function fairFormFrom(fair: FairAdminView): FairFormValues {
  const local = (iso: string | null) => (iso ? isoToZoned(iso, fair.timeZone) : "");
  return {
    slug: fair.slug,
    name: { ...emptyTexts(), ...fair.name },
    description: { ...emptyTexts(), ...fair.description },
    timeZone: fair.timeZone,
    starts: local(fair.startsAt),
    ends: local(fair.endsAt),
    registrationOpens: local(fair.registrationOpensAt),
    registrationCloses: local(fair.registrationClosesAt),
    openingHours: fair.openingHours.map((day) => ({ ...day })),
    languages: [...fair.languages],
    queueCap: fair.queueCapPerCandidate,
    needsApproval: fair.registrationNeedsApproval,
  };
}

/** A fair's address suggested from its name: "Job Day Liège 2026" → "job-day-liege-2026". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** A new fair's web address while it follows the name: from the English name, else the first one given. */
export function slugFollowingName(name: Record<Language, string>): string {
  return slugFromName(name.en || LANGUAGES.map((code) => name[code]).find(Boolean) || "");
}

/** The IANA time zones this browser knows, to suggest while typing one (none in older browsers). */
export function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
}

/**
 * One row per fair day from the start to the end date, keeping the hours
 * already set for a day and giving new days `opens`–`closes`.
 */
export function openingDaysFor(
  values: Pick<FairFormValues, "starts" | "ends" | "openingHours">,
  opens = "09:00",
  closes = "17:00",
): OpeningHours[] {
  const known = new Map(values.openingHours.map((day) => [day.date, day]));
  return datesBetween(values.starts, values.ends).map(
    (date) => known.get(date) ?? { date, opens, closes },
  );
}

function localizedText(texts: Record<Language, string>): LocalizedText {
  const text: LocalizedText = {};
  for (const language of LANGUAGES) {
    const value = texts[language].trim();
    if (value) text[language] = value;
  }
  return text;
}

/** The fair's fields but the slug, with problems named by form field. */
function fairFields(values: FairFormValues): FairFormResult<Required<FairPatch>> {
  const problems = new Set<FairFormField>();
  const zoneKnown = isIanaTimeZone(values.timeZone);
  if (!zoneKnown) problems.add("timeZone");
  const zone = zoneKnown ? values.timeZone : "UTC";
  const instant = (field: FairFormField, local: string, optional: boolean): string | null => {
    if (optional && local.trim() === "") return null;
    const iso = zonedToIso(local, zone);
    if (iso === null) problems.add(field);
    return iso;
  };
  const fields = {
    name: localizedText(values.name),
    description: localizedText(values.description),
    timeZone: values.timeZone,
    startsAt: instant("starts", values.starts, false) ?? "",
    endsAt: instant("ends", values.ends, false) ?? "",
    registrationOpensAt: instant("registrationOpens", values.registrationOpens, true),
    registrationClosesAt: instant("registrationCloses", values.registrationCloses, true),
    openingHours: values.openingHours,
    languages: LANGUAGES.filter((language) => values.languages.includes(language)),
    queueCapPerCandidate: values.queueCap,
    registrationNeedsApproval: values.needsApproval,
  };
  const parsed = fairPatchSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(String(issue.path[0] ?? ""));
      if (field) problems.add(field);
    }
  }
  if (!problems.has("starts") && !problems.has("ends")) {
    const schedule = fairScheduleProblem(fields);
    const field = formFieldOf(schedule?.field);
    if (field) problems.add(field);
  }
  if (problems.size > 0 || !parsed.success) return { ok: false, problems: ordered(problems) };
  return { ok: true, value: fields };
}

const ordered = (problems: Set<FairFormField>) =>
  FAIR_FORM_FIELDS.filter((field) => problems.has(field));

/** The body of `POST /api/admin/fairs`, or what is wrong with the form. */
export function toFairInput(values: FairFormValues): FairFormResult<FairInput> {
  const fields = fairFields(values);
  const slug = fairInputSchema.shape.slug.safeParse(values.slug.trim());
  if (!fields.ok || !slug.success) {
    const problems = new Set<FairFormField>(fields.ok ? [] : fields.problems);
    if (!slug.success) problems.add("slug");
    return { ok: false, problems: ordered(problems) };
  }
  return { ok: true, value: { slug: slug.data, ...fields.value } };
}

/** The body of `PATCH /api/admin/fairs/:slug` (every field but the slug). */
export function toFairPatch(values: FairFormValues): FairFormResult<FairPatch> {
  return fairFields(values);
}
