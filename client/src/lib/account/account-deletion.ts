/**
 * Deleting the candidate's account: asked for twice (the page's confirmation
 * dialog, then this request), after which the session forgets the user.
 */
import type { ErrorCode } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";
import { StateStore } from "../store/state-store.js";

export type DeletionState =
  | { status: "idle" }
  | { status: "confirming" }
  | { status: "deleting" }
  | { status: "failed"; code: ErrorCode }
  | { status: "deleted" };

export class AccountDeletion extends StateStore<DeletionState> {
  readonly #api: AccountApi;
  readonly #forget: () => void;

  /** `forget` tells the session the account is gone (the server cleared the cookie). */
  constructor(api: AccountApi, forget: () => void) {
    super({ status: "idle" });
    this.#api = api;
    this.#forget = forget;
  }

  ask(): void {
    if (this.state.status === "deleting" || this.state.status === "deleted") return;
    this.set({ status: "confirming" });
  }

  cancel(): void {
    if (this.state.status === "deleting" || this.state.status === "deleted") return;
    this.set({ status: "idle" });
  }

  /** Deletes the account; only after `ask()`, so one stray click never deletes anything. */
  async confirm(): Promise<boolean> {
    if (this.state.status !== "confirming" && this.state.status !== "failed") return false;
    this.set({ status: "deleting" });
    const answer = await this.#api.deleteAccount();
    if (!answer.ok) {
      this.set({ status: "failed", code: answer.code });
      return false;
    }
    this.set({ status: "deleted" });
    this.#forget();
    return true;
  }
}
