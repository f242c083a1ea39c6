/**
 * "Check your email": what the sign-up page shows once the account is asked
 * for, and the sign-in page when an account's address is not confirmed yet.
 * It holds the address, the request for a new link (answered the same
 * whoever the address belongs to), and, on a development server whose mail
 * goes nowhere real, the id of the message just sent, which `DevMessage`
 * loads so the visitor can follow its link.
 */
import {
  MAILBOX_API,
  type CheckEmailAnswer,
  type ErrorCode,
  type SentMessage,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";
import { StateStore } from "../store/state-store.js";

export interface CheckEmailState {
  /** The address the mail went to; empty until `start`. */
  email: string;
  /** The development mailbox's message for this visitor, when the server named one. */
  devMessageId: string | null;
  resend: "idle" | "sending" | "sent";
  /** Why asking for a new link failed (rate limited, offline…). */
  error: ErrorCode | null;
}

export type ResendVerification = (email: string) => Promise<HttpResult<CheckEmailAnswer>>;

const EMPTY: CheckEmailState = { email: "", devMessageId: null, resend: "idle", error: null };

export class CheckEmail extends StateStore<CheckEmailState> {
  readonly #resend: ResendVerification;

  constructor(resend: ResendVerification) {
    super(EMPTY);
    this.#resend = resend;
  }

  /** A mail went to `email` (sign-up's answer), or is to be asked for again (`answer` null). */
  start(email: string, answer: CheckEmailAnswer | null): void {
    this.set({ ...EMPTY, email, devMessageId: answer?.devMailbox?.messageId ?? null });
  }

  /** Asks for a new link; a new development message replaces the one shown. */
  async resend(): Promise<void> {
    if (this.state.resend === "sending" || !this.state.email) return;
    this.update({ resend: "sending", error: null });
    const answer = await this.#resend(this.state.email);
    if (!answer.ok) {
      this.update({ resend: "idle", error: answer.code });
      return;
    }
    this.update({
      resend: "sent",
      devMessageId: answer.data.devMailbox?.messageId ?? this.state.devMessageId,
    });
  }
}

export type DevMessageState =
  | { status: "idle" }
  | { status: "loading"; id: string }
  | { status: "shown"; message: SentMessage }
  | { status: "failed"; code: ErrorCode };

/** Loads the one development-mailbox message a sign-up or resend named. */
export class DevMessage extends StateStore<DevMessageState> {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch) {
    super({ status: "idle" });
    this.#fetch = fetchFn;
  }

  async load(messageId: string): Promise<void> {
    const current = this.state;
    if (current.status === "loading" && current.id === messageId) return;
    if (current.status === "shown" && current.message.id === messageId) return;
    this.set({ status: "loading", id: messageId });
    const answer = await callApi(this.#fetch, MAILBOX_API.sentMessage, { params: { messageId } });
    const latest = this.state;
    // Another message was asked for meanwhile: that one is shown.
    if (latest.status !== "loading" || latest.id !== messageId) return;
    this.set(
      answer.ok
        ? { status: "shown", message: answer.data }
        : { status: "failed", code: answer.code },
    );
  }
}
