/**
 * Owns the invitation page: what the link invites to (stand and role), and
 * accepting it — with one click for a signed-in staff account, or by creating
 * a staff account (name, email, password, languages spoken) for a visitor.
 * Either way the session then takes the (new) user and their stands, so the
 * console opens at once.
 */
import { z } from "zod";
import {
  ErrorCode,
  languageSchema,
  signUpBodySchema,
  type AcceptedInvitation,
  type InvitationPreview,
  type Language,
  type SessionUser,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { fieldErrorsOf, serverFieldErrors, type FieldErrors } from "./stand-forms.js";
import { StandApi } from "./stand.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface InvitationState {
  token: string | null;
  status: "idle" | "loading" | "ready" | "error";
  /** `not_found`: unknown, used, revoked or expired. */
  error: ErrorCode | null;
  preview: InvitationPreview | null;
  busy: boolean;
  /** Why accepting failed; field problems for the account form. */
  failure: { code: ErrorCode | null; fields: FieldErrors } | null;
  accepted: AcceptedInvitation | null;
}

export interface AccountDraft {
  displayName: string;
  email: string;
  password: string;
  languages: Language[];
}

/** The part of the session store the invitation needs. */
export interface InvitationSession {
  readonly user: SessionUser | null;
  /** The server signed this user in (or changed their stands): take them over. */
  adopt(user: SessionUser): Promise<void>;
}

const IDLE: InvitationState = {
  token: null,
  status: "idle",
  error: null,
  preview: null,
  busy: false,
  failure: null,
  accepted: null,
};

/** The account fields a new staff member must give; languages they interview in, at least one. */
const accountSchema = signUpBodySchema.extend({
  languages: z.array(languageSchema).min(1),
});

/** Roles that may join a stand's staff with their existing account. */
export const canAcceptSignedIn = (user: SessionUser): boolean => user.role !== "candidate";

export class InvitationManager extends StateStore<InvitationState> {
  readonly #fetch: Fetch;
  readonly #session: InvitationSession;
  readonly #requests = new LatestRequest();

  constructor(session: InvitationSession, options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#session = session;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async open(token: string): Promise<void> {
    const generation = this.#requests.start();
    this.set({ ...IDLE, token, status: "loading" });
    const answer = await new StandApi(this.#fetch).previewInvitation(token);
    if (!generation.isLatest()) return;
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
    } else if (!answer.data.valid) {
      this.set({ ...this.state, status: "error", error: ErrorCode.notFound });
    } else {
      this.set({ ...this.state, status: "ready", preview: answer.data });
    }
  }

  /** Joins with the signed-in account. */
  async accept(): Promise<AcceptedInvitation | null> {
    const user = this.#session.user;
    const { token, status, busy } = this.state;
    if (!token || status !== "ready" || busy || !user) return null;
    if (!canAcceptSignedIn(user)) {
      this.#fail(ErrorCode.forbidden, {});
      return null;
    }
    this.set({ ...this.state, busy: true, failure: null });
    const answer = await new StandApi(this.#fetch).acceptInvitation(token);
    if (!answer.ok) {
      this.#fail(answer.code, {});
      return null;
    }
    // Same user, one stand more: the session reloads the stands the menu lists.
    await this.#session.adopt(user);
    this.set({ ...this.state, busy: false, accepted: answer.data });
    return answer.data;
  }

  /** Creates the staff account the invitation is for, in the UI language the visitor uses. */
  async createAccount(
    draft: AccountDraft,
    uiLanguage: Language,
  ): Promise<AcceptedInvitation | null> {
    const { token, status, busy } = this.state;
    if (!token || status !== "ready" || busy) return null;
    const checked = accountSchema.safeParse({
      displayName: draft.displayName,
      email: draft.email.trim(),
      password: draft.password,
      languages: draft.languages,
      uiLanguage,
    });
    if (!checked.success) {
      this.#fail(null, fieldErrorsOf(checked.error));
      return null;
    }
    this.set({ ...this.state, busy: true, failure: null });
    const answer = await new StandApi(this.#fetch).acceptInvitationWithAccount(token, checked.data);
    if (!answer.ok) {
      this.#fail(answer.code, serverFieldErrors(answer));
      return null;
    }
    await this.#session.adopt(answer.data.user);
    const accepted = { standId: answer.data.standId, role: answer.data.role };
    this.set({ ...this.state, busy: false, accepted });
    return accepted;
  }

  #fail(code: ErrorCode | null, fields: FieldErrors): void {
    this.set({ ...this.state, busy: false, failure: { code, fields } });
  }
}
