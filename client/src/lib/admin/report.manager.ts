/**
 * The fair report page's state: the report loaded once (and again on the
 * admin's "refresh"), with its CSV download links. A refresh that fails keeps
 * the report on screen with the error beside it.
 */
import type { FairReport } from "@crossfair/shared";
import { applicationsCsvUrl, reportCsvUrl, type AdminApi } from "./admin.api.js";
import type { ListError } from "./paged-list.js";
import { StateStore } from "../store/state-store.js";

export type ReportState =
  | { status: "loading" }
  | { status: "error"; error: ListError }
  | { status: "ready"; report: FairReport; refreshing: boolean; error: ListError | null };

export class ReportManager extends StateStore<ReportState> {
  readonly #api: Pick<AdminApi, "report">;
  /** Links the browser downloads with the session cookie. */
  readonly csv: { report: string; applications: string };

  constructor(
    api: Pick<AdminApi, "report">,
    readonly slug: string,
  ) {
    super({ status: "loading" });
    this.#api = api;
    this.csv = { report: reportCsvUrl(slug), applications: applicationsCsvUrl(slug) };
  }

  async load(): Promise<void> {
    const before = this.state;
    if (before.status === "ready") this.set({ ...before, refreshing: true, error: null });
    const answer = await this.#api.report(this.slug);
    if (answer.ok) {
      this.set({ status: "ready", report: answer.data, refreshing: false, error: null });
      return;
    }
    const error = { code: answer.code, message: answer.message };
    this.set(
      before.status === "ready"
        ? { ...before, refreshing: false, error }
        : { status: "error", error },
    );
  }
}
