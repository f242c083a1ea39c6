/**
 * The development mailbox page's state: the mails this server kept (no
 * SMTP_URL), or that there is none because mail goes to a real server.
 */
import { MAILBOX_API, type ErrorCode, type KeptMail } from "@crossfair/shared";
import { callApi, type Fetch } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type MailboxState =
  | { status: "loading" }
  | { status: "ready"; messages: KeptMail[] }
  /** Mail goes to the SMTP server: nothing is kept here. */
  | { status: "unavailable" }
  | { status: "failed"; code: ErrorCode };

export class MailboxManager extends StateStore<MailboxState> {
  readonly #fetch: Fetch;
  readonly #latest = new LatestRequest();

  constructor(fetchFn: Fetch) {
    super({ status: "loading" });
    this.#fetch = fetchFn;
  }

  async load(): Promise<void> {
    const request = this.#latest.start();
    const answer = await callApi(this.#fetch, MAILBOX_API.mailbox, {});
    if (!request.isLatest()) return;
    if (answer.ok) this.set({ status: "ready", messages: answer.data.messages });
    else if (answer.code === "not_found") this.set({ status: "unavailable" });
    else this.set({ status: "failed", code: answer.code });
  }
}
