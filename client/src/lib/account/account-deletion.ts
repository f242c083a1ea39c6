/**
 * Deleting the candidate's account: asked for twice (the page's confirmation
 * dialog, then this request), after which the session forgets the user.
 */
import { readonly, writable, type Readable } from "svelte/store";
import type { ErrorCode } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";

export type DeletionState =
  | { status: "idle" }
  | { status: "confirming" }
  | { status: "deleting" }
  | { status: "failed"; code: ErrorCode }
  | { status: "deleted" };

export class AccountDeletion implements Readable<DeletionState> {
  readonly #api: AccountApi;
  readonly #forget: () => void;
  readonly #state = writable<DeletionState>({ status: "idle" });
  readonly subscribe = readonly(this.#state).subscribe;
  #current: DeletionState = { status: "idle" };

  /** `forget` tells the session the account is gone (the server cleared the cookie). */
  constructor(api: AccountApi, forget: () => void) {
    this.#api = api;
    this.#forget = forget;
  }

  get state(): DeletionState {
    return this.#current;
  }

  ask(): void {
    if (this.#current.status === "deleting" || this.#current.status === "deleted") return;
    this.#set({ status: "confirming" });
  }

  cancel(): void {
    if (this.#current.status === "deleting" || this.#current.status === "deleted") return;
    this.#set({ status: "idle" });
  }

  /** Deletes the account; only after `ask()`, so one stray click never deletes anything. */
  async confirm(): Promise<boolean> {
    if (this.#current.status !== "confirming" && this.#current.status !== "failed") return false;
    this.#set({ status: "deleting" });
    const answer = await this.#api.deleteAccount();
    if (!answer.ok) {
      this.#set({ status: "failed", code: answer.code });
      return false;
    }
    this.#set({ status: "deleted" });
    this.#forget();
    return true;
  }

  #set(next: DeletionState): void {
    this.#current = next;
    this.#state.set(next);
  }
}
