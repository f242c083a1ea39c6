/**
 * Owns an employer's or temp agency's registration of a stand at the current
 * fair: the form as plain strings (what inputs give), turned into the shared
 * registration body and checked with the server's own zod schema — plus the
 * one rule the schema cannot know, a description in one of the fair's
 * languages — so each mistake is shown next to its field before anything is
 * sent. The server answers "check your email" whoever the address belongs
 * to; the mailed link signs the new stand admin in and goes on to the stand's
 * manage page, where the stand waits for the organiser's approval.
 */
import {
  LANGUAGES,
  standRegistrationBodySchema,
  type CheckEmailAnswer,
  type ErrorCode,
  type Language,
  type StandKind,
  type StandRegistrationBody,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { fieldErrorsOf, serverFieldErrors, type Checked, type FieldErrors } from "./stand-forms.js";
import { StandApi } from "./stand.api.js";
import { StateStore } from "../store/state-store.js";

/** Stands that register themselves; information stands are set up by the organiser. */
export const REGISTERING_KINDS = ["employer", "temp_agency"] as const satisfies StandKind[];
export type RegisteringKind = (typeof REGISTERING_KINDS)[number];

/** The sector select's choice for a sector typed in by hand. */
export const OTHER_SECTOR = "other";

export interface StandRegistrationDraft {
  kind: RegisteringKind;
  organisationName: string;
  /** One text per language; empty ones are left out. */
  description: Record<Language, string>;
  /** A known sector's key, or OTHER_SECTOR with `otherSector` typed in. */
  sector: string;
  otherSector: string;
  /** Two-letter code from the select; empty until chosen. */
  country: string;
  region: string;
  languages: Language[];
  logoUrl: string;
  contactName: string;
  email: string;
  password: string;
  uiLanguage: Language;
}

/** The fair the stand registers for, as the hall knows it. */
export interface RegistrationFair {
  slug: string;
  languages: readonly Language[];
}

export function newRegistrationDraft(uiLanguage: Language): StandRegistrationDraft {
  return {
    kind: "employer",
    organisationName: "",
    description: Object.fromEntries(LANGUAGES.map((language) => [language, ""])) as Record<
      Language,
      string
    >,
    sector: "",
    otherSector: "",
    country: "",
    region: "",
    languages: [],
    logoUrl: "",
    contactName: "",
    email: "",
    password: "",
    uiLanguage,
  };
}

/** The fair's languages first (a description in one of them is required), then the others. */
export function descriptionLanguages(fair: RegistrationFair): {
  fair: Language[];
  other: Language[];
} {
  return {
    fair: LANGUAGES.filter((language) => fair.languages.includes(language)),
    other: LANGUAGES.filter((language) => !fair.languages.includes(language)),
  };
}

/** The body to send, or each field's problem keyed by its path in that body ("contact.email"). */
export function registrationBodyOf(
  draft: StandRegistrationDraft,
  fair: RegistrationFair,
): Checked<StandRegistrationBody> {
  const description = Object.fromEntries(
    LANGUAGES.map((language) => [language, draft.description[language].trim()]).filter(
      ([, text]) => text !== "",
    ),
  );
  const sector = draft.sector === OTHER_SECTOR ? draft.otherSector : draft.sector;
  const logoUrl = draft.logoUrl.trim();
  const body = {
    stand: {
      kind: draft.kind,
      organisationName: draft.organisationName,
      description,
      sector,
      country: draft.country,
      region: draft.region,
      languages: draft.languages,
      ...(logoUrl === "" ? {} : { logoUrl }),
    },
    contact: {
      displayName: draft.contactName,
      email: draft.email.trim(),
      password: draft.password,
      uiLanguage: draft.uiLanguage,
    },
  };
  const parsed = standRegistrationBodySchema.safeParse(body);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // Visitors choose by the fair's languages; a text only in another one reaches too few of them.
  if (!fair.languages.some((language) => description[language])) {
    errors["stand.description"] = "required";
  }
  // An empty field is missing, whatever format it would have needed.
  const empty: Record<string, string> = {
    "stand.organisationName": draft.organisationName,
    "stand.sector": sector,
    "stand.country": draft.country,
    "stand.region": draft.region,
    "contact.displayName": draft.contactName,
    "contact.email": draft.email,
    "contact.password": draft.password,
  };
  for (const [field, value] of Object.entries(empty)) {
    if (errors[field] && value.trim() === "") errors[field] = "required";
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

/** The fields this form shows; a server problem with any other is told in the alert. */
const FORM_FIELDS = new Set([
  "stand.kind",
  "stand.organisationName",
  "stand.description",
  ...LANGUAGES.map((language) => `stand.description.${language}`),
  "stand.sector",
  "stand.country",
  "stand.region",
  "stand.languages",
  "stand.logoUrl",
  "contact.displayName",
  "contact.email",
  "contact.password",
  "contact.uiLanguage",
]);

export interface StandRegistrationState {
  busy: boolean;
  /** Why the last attempt failed: a code for the alert, problems for the fields. */
  failure: { code: ErrorCode | null; fields: FieldErrors } | null;
  /** The address the link went to, once sent. */
  sentTo: string | null;
}

const IDLE: StandRegistrationState = { busy: false, failure: null, sentTo: null };

export class StandRegistrationManager extends StateStore<StandRegistrationState> {
  readonly #fetch: Fetch;

  constructor(options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The person changed a field: its old problem no longer applies. */
  edited(...fields: string[]): void {
    const failure = this.state.failure;
    if (!failure || !fields.some((field) => failure.fields[field])) return;
    const rest = Object.fromEntries(
      Object.entries(failure.fields).filter(([field]) => !fields.includes(field)),
    );
    this.set({ ...this.state, failure: { ...failure, fields: rest } });
  }

  /** Checks and sends the registration; the server's "check your email" once sent. */
  async submit(
    fair: RegistrationFair,
    draft: StandRegistrationDraft,
  ): Promise<CheckEmailAnswer | null> {
    if (this.state.busy) return null;
    const checked = registrationBodyOf(draft, fair);
    if (!checked.ok) {
      this.set({ ...this.state, failure: { code: null, fields: checked.errors } });
      return null;
    }
    this.set({ ...this.state, busy: true, failure: null });
    const answer = await new StandApi(this.#fetch).registerStand(fair.slug, checked.value);
    if (!answer.ok) {
      const fields = serverFieldErrors(answer);
      // A field's problem is shown beside it; only otherwise does the alert say why.
      const shown = Object.keys(fields).some((field) => FORM_FIELDS.has(field));
      const code = shown ? null : answer.code;
      this.set({ ...this.state, busy: false, failure: { code, fields } });
      return null;
    }
    this.set({ busy: false, failure: null, sentTo: checked.value.contact.email });
    return answer.data;
  }

  /** Back to the form, to use another address. */
  restart(): void {
    this.set({ ...this.state, sentTo: null });
  }
}
