/**
 * Owns the profile editor: loads the saved profile (none yet for a new
 * candidate), holds the draft the form edits (language rows added and
 * removed, sectors ticked), checks it and saves it, and says how the last
 * save went so the page can announce it.
 */
import type { CandidateProfile, ErrorCode, Language } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";
import {
  canAddLanguage,
  canAddSector,
  checkProfile,
  draftFromProfile,
  emptyDraft,
  newRowKey,
  NO_ERRORS,
  profileErrorsFrom,
  unusedLanguage,
  type LanguageRow,
  type ProfileDraft,
  type ProfileErrors,
  type ProfileField,
} from "./profile.draft.js";
import { StateStore } from "../store/state-store.js";

export type SaveStatus =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved"; at: string }
  /** "invalid": the form has problems to fix; otherwise the server's code. */
  | { status: "failed"; reason: "invalid" | ErrorCode };

export interface ProfileState {
  status: "loading" | "ready" | "error";
  loadError: ErrorCode | null;
  /** The profile as last saved; null until the candidate saves one. */
  saved: CandidateProfile | null;
  draft: ProfileDraft;
  errors: ProfileErrors;
  save: SaveStatus;
  /** True when the draft differs from what was last loaded or saved. */
  dirty: boolean;
}

const INITIAL: ProfileState = {
  status: "loading",
  loadError: null,
  saved: null,
  draft: emptyDraft(),
  errors: NO_ERRORS,
  save: { status: "idle" },
  dirty: false,
};

type TextField = Exclude<ProfileField, "languages" | "sectors">;

export class ProfileManager extends StateStore<ProfileState> {
  readonly #api: AccountApi;
  readonly #onSaved: () => void;

  /** `onSaved`: what else follows the profile (the languages matching reads), told after a save. */
  constructor(api: AccountApi, onSaved: () => void = () => {}) {
    super(INITIAL);
    this.#api = api;
    this.#onSaved = onSaved;
  }

  async load(): Promise<void> {
    this.set({ ...this.state, status: "loading", loadError: null });
    const answer = await this.#api.profile();
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", loadError: answer.code });
      return;
    }
    this.set({
      ...INITIAL,
      status: "ready",
      saved: answer.data,
      draft: answer.data ? draftFromProfile(answer.data) : emptyDraft(),
    });
  }

  /** The CV upload answers with the whole profile; only `hasCv` and the time are news here. */
  cvSaved(profile: CandidateProfile): void {
    this.set({ ...this.state, saved: profile });
  }

  setText(field: TextField, value: string): void {
    this.#edit({ ...this.state.draft, [field]: value }, field);
  }

  addLanguage(): LanguageRow | null {
    const draft = this.state.draft;
    if (!canAddLanguage(draft)) return null;
    const row: LanguageRow = { key: newRowKey(), language: unusedLanguage(draft), level: "" };
    this.#edit({ ...draft, languages: [...draft.languages, row] }, "languages");
    return row;
  }

  removeLanguage(key: number): void {
    const draft = this.state.draft;
    this.#edit(
      { ...draft, languages: draft.languages.filter((row) => row.key !== key) },
      "languages",
      key,
    );
  }

  setLanguageRow(key: number, change: Partial<Omit<LanguageRow, "key">>): void {
    const draft = this.state.draft;
    this.#edit(
      {
        ...draft,
        languages: draft.languages.map((row) => (row.key === key ? { ...row, ...change } : row)),
      },
      "languages",
      key,
    );
  }

  /** Ticks or unticks a sector; ticking past the maximum is refused (returns false). */
  toggleSector(sector: string, on: boolean): boolean {
    const draft = this.state.draft;
    const has = draft.sectors.includes(sector);
    if (on === has) return true;
    if (on && !canAddSector(draft)) {
      this.set({
        ...this.state,
        errors: {
          ...this.state.errors,
          fields: { ...this.state.errors.fields, sectors: "tooManySectors" },
        },
      });
      return false;
    }
    const sectors = on
      ? [...draft.sectors, sector]
      : draft.sectors.filter((entry) => entry !== sector);
    this.#edit({ ...draft, sectors }, "sectors");
    return true;
  }

  /** Checks and saves the draft; true when it was saved. */
  async save(): Promise<boolean> {
    if (this.state.save.status === "saving" || this.state.status !== "ready") return false;
    const check = checkProfile(this.state.draft);
    if (!check.ok) {
      this.set({
        ...this.state,
        errors: check.errors,
        save: { status: "failed", reason: "invalid" },
      });
      return false;
    }
    const sent = this.state.draft;
    this.set({ ...this.state, errors: NO_ERRORS, save: { status: "saving" } });
    const answer = await this.#api.saveProfile(check.body);
    if (!answer.ok) {
      const errors = answer.code === "validation_failed" ? profileErrorsFrom(answer.field) : null;
      this.set({
        ...this.state,
        errors: errors ?? NO_ERRORS,
        save: { status: "failed", reason: errors ? "invalid" : answer.code },
      });
      return false;
    }
    // Edits made while saving stay; the saved values are the server's (trimmed).
    const editedMeanwhile = this.state.draft !== sent;
    this.set({
      ...this.state,
      saved: answer.data,
      draft: editedMeanwhile ? this.state.draft : draftFromProfile(answer.data),
      save: { status: "saved", at: answer.data.updatedAt },
      dirty: editedMeanwhile,
    });
    this.#onSaved();
    return true;
  }

  /** Languages offered in a row: its own and those no other row has taken. */
  languagesFor(key: number, all: readonly Language[]): Language[] {
    const taken = new Set(
      this.state.draft.languages.filter((row) => row.key !== key).map((row) => row.language),
    );
    return all.filter((language) => !taken.has(language));
  }

  #edit(draft: ProfileDraft, field: ProfileField, rowKey?: number): void {
    // An edit may fix what was complained about; the next save checks again.
    const fields = { ...this.state.errors.fields };
    delete fields[field];
    const rows = { ...this.state.errors.rows };
    if (rowKey !== undefined) delete rows[rowKey];
    const save =
      this.state.save.status === "saving" ? this.state.save : { status: "idle" as const };
    this.set({ ...this.state, draft, errors: { fields, rows }, save, dirty: true });
  }
}
