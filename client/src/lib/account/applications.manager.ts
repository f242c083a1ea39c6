/**
 * Owns the candidate's applications: the list, withdrawing one (asked for
 * first, since a withdrawal is final), and applying to a vacancy from a stand
 * page, so the stand page knows which vacancies already have an application.
 */
import type { ErrorCode, MyApplication } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";
import { sortApplications } from "./applications.view.js";
import { StateStore } from "../store/state-store.js";

export interface ApplicationsState {
  status: "loading" | "ready" | "error";
  applications: MyApplication[];
  loadError: ErrorCode | null;
  /** The application whose withdrawal waits for "yes". */
  confirming: string | null;
  /** The application whose withdrawal or the vacancy whose application is on its way. */
  busy: string | null;
  /** The last failed action, with what it was about. */
  failure: { id: string; code: ErrorCode } | null;
  /** The last done action, for the announcement. */
  done: { id: string; action: "withdrawn" | "applied" } | null;
}

const LOADING: ApplicationsState = {
  status: "loading",
  applications: [],
  loadError: null,
  confirming: null,
  busy: null,
  failure: null,
  done: null,
};

export class ApplicationsManager extends StateStore<ApplicationsState> {
  readonly #api: AccountApi;

  constructor(api: AccountApi) {
    super(LOADING);
    this.#api = api;
  }

  async load(): Promise<void> {
    this.set({ ...this.state, status: "loading", loadError: null });
    const answer = await this.#api.applications();
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", loadError: answer.code });
      return;
    }
    this.set({ ...LOADING, status: "ready", applications: sortApplications(answer.data) });
  }

  /** The candidate's application to a vacancy, if any. */
  forVacancy(vacancyId: string): MyApplication | undefined {
    return this.state.applications.find((entry) => entry.vacancy.id === vacancyId);
  }

  askWithdraw(applicationId: string): void {
    if (this.state.busy) return;
    this.set({ ...this.state, confirming: applicationId, failure: null, done: null });
  }

  cancelWithdraw(): void {
    this.set({ ...this.state, confirming: null });
  }

  async withdraw(applicationId: string): Promise<boolean> {
    if (this.state.busy || this.state.confirming !== applicationId) return false;
    this.set({ ...this.state, busy: applicationId, failure: null, done: null });
    const answer = await this.#api.withdraw(applicationId);
    if (!answer.ok) {
      this.set({
        ...this.state,
        busy: null,
        confirming: null,
        failure: { id: applicationId, code: answer.code },
      });
      // The stand may have moved it meanwhile (e.g. hired): show where it is now.
      if (answer.code === "invalid_transition") await this.#refresh();
      return false;
    }
    this.set({
      ...this.state,
      applications: this.#replace(answer.data),
      busy: null,
      confirming: null,
      done: { id: applicationId, action: "withdrawn" },
    });
    return true;
  }

  async apply(vacancyId: string, message: string): Promise<boolean> {
    if (this.state.busy || this.forVacancy(vacancyId)) return false;
    this.set({ ...this.state, busy: vacancyId, failure: null, done: null });
    const answer = await this.#api.apply(vacancyId, { message: message.trim() });
    if (!answer.ok) {
      this.set({ ...this.state, busy: null, failure: { id: vacancyId, code: answer.code } });
      // Applied already (another tab): the list shows that application.
      if (answer.code === "conflict") await this.#refresh();
      return false;
    }
    this.set({
      ...this.state,
      applications: this.#replace(answer.data),
      busy: null,
      done: { id: vacancyId, action: "applied" },
    });
    return true;
  }

  async #refresh(): Promise<void> {
    const answer = await this.#api.applications();
    if (answer.ok) this.set({ ...this.state, applications: sortApplications(answer.data) });
  }

  #replace(application: MyApplication): MyApplication[] {
    const others = this.state.applications.filter((entry) => entry.id !== application.id);
    return sortApplications([application, ...others]);
  }
}
