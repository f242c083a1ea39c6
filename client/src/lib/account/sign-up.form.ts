/**
 * The sign-up form's rules: checks the fields against the shared sign-up
 * schema before anything is sent, turns the server's refusals into a problem
 * on the field they concern, and holds the form's state while the session
 * store asks for the account. The server answers "check your email" whoever
 * the address belongs to, so no refusal says an address is taken.
 */
import {
  signUpBodySchema,
  type CheckEmailAnswer,
  type ErrorCode,
  type Language,
  type SignUpBody,
} from "@crossfair/shared";
import type { HttpFailure, HttpResult } from "../http/http.client.js";
import { StateStore } from "../store/state-store.js";

export const SIGN_UP_FIELDS = ["displayName", "email", "password"] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];

/** What is wrong with one field; each has a translated message under `account.signUp.problem`. */
export type SignUpProblem = "required" | "email" | "passwordLength" | "tooLong" | "emailTaken";
export type SignUpErrors = Partial<Record<SignUpField, SignUpProblem>>;

export interface SignUpDraft {
  displayName: string;
  email: string;
  password: string;
}

export const PASSWORD_MIN_LENGTH = 10;

export type SignUpCheck = { ok: true; body: SignUpBody } | { ok: false; errors: SignUpErrors };

/** Checks a draft the way the server will; the UI language becomes the account's. */
export function checkSignUp(draft: SignUpDraft, uiLanguage: Language): SignUpCheck {
  const parsed = signUpBodySchema.safeParse({
    displayName: draft.displayName,
    email: draft.email.trim(),
    password: draft.password,
    uiLanguage,
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: SignUpErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isSignUpField(field) || errors[field]) continue;
    errors[field] = problemOf(field, issue.code, draft[field]);
  }
  return { ok: false, errors };
}

function isSignUpField(field: unknown): field is SignUpField {
  return SIGN_UP_FIELDS.some((known) => known === field);
}

function problemOf(field: SignUpField, code: string, value: string): SignUpProblem {
  if (value.trim() === "") return "required";
  if (code === "too_big") return "tooLong";
  if (field === "email") return "email";
  if (field === "password") return "passwordLength";
  return "required";
}

/** The field a server refusal is about, when it names one; other failures are shown as a whole. */
export function signUpErrorsFrom(failure: HttpFailure): SignUpErrors | null {
  if (failure.code === "conflict") return { email: "emailTaken" };
  if (failure.code === "validation_failed" && isSignUpField(failure.field)) {
    return { [failure.field]: failure.field === "email" ? "email" : "required" };
  }
  return null;
}

export interface SignUpFormState {
  submitting: boolean;
  /** Problems per field, shown next to each input. */
  errors: SignUpErrors;
  /** A failure no field explains (offline, rate limited…), shown above the form. */
  error: ErrorCode | null;
}

const IDLE: SignUpFormState = { submitting: false, errors: {}, error: null };

export type SignUp = (body: SignUpBody) => Promise<HttpResult<CheckEmailAnswer>>;

export class SignUpForm extends StateStore<SignUpFormState> {
  readonly #signUp: SignUp;

  constructor(signUp: SignUp) {
    super(IDLE);
    this.#signUp = signUp;
  }

  /** Forgets the complaint about a field once the visitor edits it. */
  edited(field: SignUpField): void {
    if (!this.state.errors[field]) return;
    const errors = { ...this.state.errors };
    delete errors[field];
    this.set({ ...this.state, errors });
  }

  /** Checks and sends the form; resolves to the server's "check your email", or null when refused. */
  async submit(draft: SignUpDraft, uiLanguage: Language): Promise<CheckEmailAnswer | null> {
    if (this.state.submitting) return null;
    const check = checkSignUp(draft, uiLanguage);
    if (!check.ok) {
      this.set({ submitting: false, errors: check.errors, error: null });
      return null;
    }
    this.set({ submitting: true, errors: {}, error: null });
    const result = await this.#signUp(check.body);
    if (result.ok) {
      this.set(IDLE);
      return result.data;
    }
    const errors = signUpErrorsFrom(result);
    this.set(
      errors
        ? { submitting: false, errors, error: null }
        : { submitting: false, errors: {}, error: result.code },
    );
    return null;
  }
}
