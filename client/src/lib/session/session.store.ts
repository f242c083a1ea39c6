/**
 * Owns who is signed in: loads the session from the httpOnly cookie on start,
 * signs up (answered "check your email": nobody is signed in until the mailed
 * link is followed, which signs the person in here), in and out, and for
 * stand staff the stands they work at. The socket
 * authenticates by the same cookie when it connects, so whenever the user
 * changes, `onUserChange` is told and the app reconnects its socket.
 */
import type { Readable } from "svelte/store";
import type { z } from "zod";
import {
  AUTH_API,
  ErrorCode,
  QUEUE_API,
  type AccountUpdateBody,
  type CheckEmailAnswer,
  type MyStands,
  type SessionUser,
  type signUpBodySchema,
} from "@crossfair/shared";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";
import { LatestRequest, StateStore, type RequestToken } from "../store/state-store.js";

export type StaffStand = MyStands["stands"][number];
/** A sign-up as sent: the UI language may be left to the server's default. */
export type SignUpRequest = z.input<typeof signUpBodySchema>;

export type SessionState =
  | { status: "loading" }
  | { status: "signedOut"; error?: ErrorCode }
  | { status: "signedIn"; user: SessionUser; stands: StaffStand[] };

export interface SessionStore extends Readable<SessionState> {
  /** Asks the server who the cookie belongs to; never throws. */
  load(): Promise<void>;
  signIn(email: string, password: string): Promise<HttpResult<SessionUser>>;
  /**
   * Asks for a candidate account. The server answers "check your email" whether or not the
   * address has an account, and signs nobody in: the mailed link does (`verifyEmail`).
   */
  signUp(body: SignUpRequest): Promise<HttpResult<CheckEmailAnswer>>;
  /** Follows a verification link's token: the email is confirmed and the person signed in. */
  verifyEmail(token: string): Promise<HttpResult<SessionUser>>;
  /** "Send the link again"; answered the same whoever the address belongs to. */
  resendVerification(email: string): Promise<HttpResult<CheckEmailAnswer>>;
  signOut(): Promise<void>;
  /**
   * Changes the signed-in user's own name or UI language on the server and
   * takes the answer; the same user, so no reconnect and no language reset.
   */
  updateAccount(changes: AccountUpdateBody): Promise<HttpResult<SessionUser>>;
  /**
   * The server cut this tab's socket: its session may have ended elsewhere
   * (signed out everywhere, a password change, a suspension). Asks who the
   * cookie belongs to and, when nobody, signs the tab out (told like any
   * change of user); a failed check changes nothing. Never throws.
   */
  recheck(): Promise<void>;
  /** The account is gone (deleted): forget the user without asking the server. */
  forget(): void;
  /**
   * The server signed this user in by cookie, or gave them another stand
   * (an accepted invitation): take the user and reload their stands.
   */
  adopt(user: SessionUser): Promise<void>;
  /** The signed-in user right now, for code that is not a component. */
  readonly user: SessionUser | null;
}

export interface SessionStoreOptions {
  fetch?: Fetch;
  /** Called after the signed-in user changed (sign-in, sign-out, another account). */
  onUserChange?: (user: SessionUser | null) => void;
}

export const SESSION_URLS = {
  me: urlOf(AUTH_API.me, {}),
  session: urlOf(AUTH_API.session, {}),
  signIn: urlOf(AUTH_API.signIn, {}),
  signUp: urlOf(AUTH_API.signUp, {}),
  verifyEmail: urlOf(AUTH_API.verifyEmail, {}),
  resendVerification: urlOf(AUTH_API.resendVerification, {}),
  signOut: urlOf(AUTH_API.signOut, {}),
  myStands: urlOf(QUEUE_API.myStands, {}),
} as const;

export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  return new Session(options);
}

class Session extends StateStore<SessionState> implements SessionStore {
  readonly #fetch: Fetch;
  readonly #onUserChange: SessionStoreOptions["onUserChange"];
  // A slow session answer must not overwrite a sign-in or sign-out made meanwhile.
  readonly #requests = new LatestRequest();

  constructor(options: SessionStoreOptions) {
    super({ status: "loading" });
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onUserChange = options.onUserChange;
  }

  get user(): SessionUser | null {
    return this.state.status === "signedIn" ? this.state.user : null;
  }

  async load(): Promise<void> {
    const request = this.#requests.start();
    // The session route answers 200 with nobody when signed out: no 401 in the console.
    const answer = await callApi(this.#fetch, AUTH_API.session, {});
    if (!request.isLatest()) return;
    if (answer.ok && answer.data.user) {
      // Loading the session is not a change of user: the socket already
      // connected with this cookie, so the first answer sets state quietly.
      const user = answer.data.user;
      const stands = await this.#staffStands(user);
      if (!request.isLatest()) return;
      this.set({ status: "signedIn", user, stands });
      return;
    }
    this.set(
      answer.ok || answer.code === ErrorCode.unauthenticated
        ? { status: "signedOut" }
        : { status: "signedOut", error: answer.code },
    );
  }

  async recheck(): Promise<void> {
    if (this.state.status !== "signedIn") return;
    const request = this.#requests.current;
    const answer = await callApi(this.#fetch, AUTH_API.session, {});
    const nobody = answer.ok
      ? answer.data.user === null
      : answer.code === ErrorCode.unauthenticated;
    if (nobody && request.isLatest()) {
      this.#requests.cancel();
      this.#change({ status: "signedOut" });
    }
  }

  async signIn(email: string, password: string): Promise<HttpResult<SessionUser>> {
    const request = this.#requests.start();
    const answer = await callApi(this.#fetch, AUTH_API.signIn, {
      body: { email: email.trim(), password },
    });
    if (!answer.ok) return answer;
    await this.#adopt(answer.data.user, request);
    return { ok: true, data: answer.data.user };
  }

  signUp(body: SignUpRequest): Promise<HttpResult<CheckEmailAnswer>> {
    return callApi(this.#fetch, AUTH_API.signUp, {
      body: { ...body, email: body.email.trim(), displayName: body.displayName.trim() },
    });
  }

  async verifyEmail(token: string): Promise<HttpResult<SessionUser>> {
    const request = this.#requests.start();
    const answer = await callApi(this.#fetch, AUTH_API.verifyEmail, { body: { token } });
    if (!answer.ok) return answer;
    await this.#adopt(answer.data.user, request);
    return { ok: true, data: answer.data.user };
  }

  resendVerification(email: string): Promise<HttpResult<CheckEmailAnswer>> {
    return callApi(this.#fetch, AUTH_API.resendVerification, { body: { email: email.trim() } });
  }

  async updateAccount(changes: AccountUpdateBody): Promise<HttpResult<SessionUser>> {
    const request = this.#requests.current;
    const answer = await callApi(this.#fetch, AUTH_API.updateMe, {
      body: changes,
    });
    if (!answer.ok) return answer;
    // Still the same user (nobody signed out or in meanwhile): update quietly.
    const state = this.state;
    if (request.isLatest() && state.status === "signedIn") {
      this.set({ ...state, user: answer.data.user });
    }
    return { ok: true, data: answer.data.user };
  }

  forget(): void {
    this.#requests.cancel();
    this.#change({ status: "signedOut" });
  }

  async adopt(user: SessionUser): Promise<void> {
    await this.#adopt(user, this.#requests.start());
  }

  async signOut(): Promise<void> {
    this.#requests.cancel();
    // Even if the server cannot be told, this tab forgets the user; the
    // cookie then expires on its own.
    await callApi(this.#fetch, AUTH_API.signOut, {});
    this.#change({ status: "signedOut" });
  }

  /** Sets the state and, when the user changed, tells `onUserChange`. */
  #change(next: SessionState): void {
    const before = this.user?.id ?? null;
    this.set(next);
    const after = next.status === "signedIn" ? next.user.id : null;
    if (before !== after && next.status !== "loading") {
      this.#onUserChange?.(next.status === "signedIn" ? next.user : null);
    }
  }

  async #staffStands(user: SessionUser): Promise<StaffStand[]> {
    if (user.role === "candidate") return [];
    const answer = await callApi(this.#fetch, QUEUE_API.myStands, {});
    // Without the list the console links are missing, but the session is still good.
    return answer.ok ? answer.data.stands : [];
  }

  async #adopt(user: SessionUser, request: RequestToken): Promise<void> {
    const stands = await this.#staffStands(user);
    if (request.isLatest()) this.#change({ status: "signedIn", user, stands });
  }
}
