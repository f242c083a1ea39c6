/**
 * Owns a stand admin's view of their stand: its details as staff see them
 * (every vacancy, whatever its status), saving the stand's own page
 * (description per language, logo, documents), and creating and editing
 * vacancies and their translations. One change is sent at a time; each ends
 * in a notice for the live region or in field errors next to the inputs.
 */
import type {
  ErrorCode,
  Language,
  StandDetails,
  VacancyDetails,
  VacancyStatus,
} from "@crossfair/shared";
import type { Fetch, HttpResult } from "../http/http.client.js";
import { StandApi } from "./stand.api.js";
import {
  profilePatchOf,
  serverFieldErrors,
  translationBodyOf,
  vacancyInputOf,
  vacancyPatchOf,
  type Checked,
  type FieldErrors,
  type ProfileDraft,
  type TranslationDraft,
  type VacancyDraft,
} from "./stand-forms.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

/** Which form a change came from, so errors and notices land next to it. */
export type StandForm =
  | { kind: "profile" }
  | { kind: "newVacancy" }
  | { kind: "vacancy"; vacancyId: string }
  | { kind: "translation"; vacancyId: string }
  | { kind: "status"; vacancyId: string };

export type StandNotice =
  "profileSaved" | "vacancyCreated" | "vacancySaved" | "translationSaved" | "statusSaved";

export interface StandManageState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  stand: StandDetails | null;
  /** The form whose change is under way. */
  busy: StandForm | null;
  /** The last change's outcome, for that form. */
  result:
    | { form: StandForm; ok: true; notice: StandNotice }
    | { form: StandForm; ok: false; code: ErrorCode | null; fields: FieldErrors }
    | null;
}

const IDLE: StandManageState = {
  standId: null,
  status: "idle",
  error: null,
  stand: null,
  busy: null,
  result: null,
};

export const sameForm = (a: StandForm | null | undefined, b: StandForm): boolean =>
  !!a &&
  a.kind === b.kind &&
  ("vacancyId" in a ? a.vacancyId : null) === ("vacancyId" in b ? b.vacancyId : null);

export class StandManageManager extends StateStore<StandManageState> {
  readonly #fetch: Fetch;
  readonly #requests = new LatestRequest();

  constructor(options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async open(standId: string): Promise<void> {
    const generation = this.#requests.start();
    this.set({ ...IDLE, standId, status: "loading" });
    const answer = await new StandApi(this.#fetch).loadStand(standId);
    if (!generation.isLatest()) return;
    this.set(
      answer.ok
        ? { ...this.state, status: "ready", stand: answer.data }
        : { ...this.state, status: "error", error: answer.code },
    );
  }

  saveProfile(draft: ProfileDraft): Promise<boolean> {
    return this.#change(
      { kind: "profile" },
      profilePatchOf(draft),
      "profileSaved",
      (standId, patch) => new StandApi(this.#fetch).patchStand(standId, patch),
    );
  }

  createVacancy(draft: VacancyDraft): Promise<boolean> {
    return this.#change(
      { kind: "newVacancy" },
      vacancyInputOf(draft),
      "vacancyCreated",
      (standId, input) => new StandApi(this.#fetch).createVacancy(standId, input),
    );
  }

  saveVacancy(vacancyId: string, draft: VacancyDraft): Promise<boolean> {
    return this.#change(
      { kind: "vacancy", vacancyId },
      vacancyPatchOf(draft),
      "vacancySaved",
      (_, patch) => new StandApi(this.#fetch).patchVacancy(vacancyId, patch),
    );
  }

  saveTranslation(vacancyId: string, draft: TranslationDraft): Promise<boolean> {
    const language: Language = draft.language;
    return this.#change(
      { kind: "translation", vacancyId },
      translationBodyOf(draft),
      "translationSaved",
      (_, body) => new StandApi(this.#fetch).putTranslation(vacancyId, language, body),
    );
  }

  setVacancyStatus(vacancyId: string, status: VacancyStatus): Promise<boolean> {
    return this.#change(
      { kind: "status", vacancyId },
      { ok: true, value: { status } },
      "statusSaved",
      (_, patch) => new StandApi(this.#fetch).patchVacancy(vacancyId, patch),
    );
  }

  /** Forgets the last result (the form was edited again). */
  clearResult(): void {
    if (this.state.result) this.set({ ...this.state, result: null });
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }

  async #change<Body, Answer extends StandDetails | VacancyDetails>(
    form: StandForm,
    checked: Checked<Body>,
    notice: StandNotice,
    send: (standId: string, body: Body) => Promise<HttpResult<Answer>>,
  ): Promise<boolean> {
    const { standId, status, busy } = this.state;
    if (!standId || status !== "ready" || busy) return false;
    if (!checked.ok) {
      this.set({
        ...this.state,
        result: { form, ok: false, code: null, fields: checked.errors },
      });
      return false;
    }
    const generation = this.#requests.current;
    this.set({ ...this.state, busy: form, result: null });
    const answer = await send(standId, checked.value);
    if (!generation.isLatest()) return false;
    if (!answer.ok) {
      const fields = serverFieldErrors(answer);
      this.set({
        ...this.state,
        busy: null,
        result: { form, ok: false, code: answer.code, fields },
      });
      return false;
    }
    this.set({
      ...this.state,
      busy: null,
      stand: this.state.stand ? merge(this.state.stand, answer.data) : null,
      result: { form, ok: true, notice },
    });
    return true;
  }
}

/** The stand with a new version of itself or of one of its vacancies (new ones listed first). */
function merge(stand: StandDetails, answer: StandDetails | VacancyDetails): StandDetails {
  if (!("standId" in answer)) return answer;
  const known = stand.vacancies.some((vacancy) => vacancy.id === answer.id);
  return {
    ...stand,
    vacancies: known
      ? stand.vacancies.map((vacancy) => (vacancy.id === answer.id ? answer : vacancy))
      : [answer, ...stand.vacancies],
  };
}
