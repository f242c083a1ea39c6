/**
 * The account's lifecycle as the client sees it: asking for a reset link,
 * setting a new password from it, changing the password, signing out
 * everywhere (the verification link signs in: the session store follows it). Each is one request to a
 * route of the shared contract; `OneRequest` holds its state (sending,
 * failed with a code and maybe a field, done) for the form that sends it.
 */
import { AUTH_API, type ErrorCode } from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";
import { StateStore } from "../store/state-store.js";

export class AccountSecurityApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  forgotPassword(email: string): Promise<HttpResult<unknown>> {
    return callApi(this.#fetch, AUTH_API.passwordForgot, { body: { email } });
  }

  resetPassword(token: string, password: string): Promise<HttpResult<unknown>> {
    return callApi(this.#fetch, AUTH_API.passwordReset, { body: { token, password } });
  }

  changePassword(currentPassword: string, newPassword: string): Promise<HttpResult<unknown>> {
    return callApi(this.#fetch, AUTH_API.passwordChange, {
      body: { currentPassword, newPassword },
    });
  }

  signOutEverywhere(): Promise<HttpResult<unknown>> {
    return callApi(this.#fetch, AUTH_API.signOutEverywhere, {});
  }
}

export type RequestState =
  | { status: "idle" }
  | { status: "sending" }
  | { status: "failed"; code: ErrorCode; field?: string }
  | { status: "done" };

/** One request a form sends, and where it stands; a second send while one is on its way is ignored. */
export class OneRequest<Args extends unknown[]> extends StateStore<RequestState> {
  readonly #run: (...args: Args) => Promise<HttpResult<unknown>>;

  constructor(run: (...args: Args) => Promise<HttpResult<unknown>>) {
    super({ status: "idle" });
    this.#run = run;
  }

  /** Sends it; true when the server agreed. */
  async send(...args: Args): Promise<boolean> {
    if (this.state.status === "sending") return false;
    this.set({ status: "sending" });
    const answer = await this.#run(...args);
    if (answer.ok) {
      this.set({ status: "done" });
      return true;
    }
    this.set({
      status: "failed",
      code: answer.code,
      ...(answer.field === undefined ? {} : { field: answer.field }),
    });
    return false;
  }

  /** Back to a fresh form (e.g. another password change after one succeeded). */
  clear(): void {
    if (this.state.status !== "sending") this.set({ status: "idle" });
  }
}
