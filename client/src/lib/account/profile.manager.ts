/**
 * Owns the profile editor: loads the saved profile (none yet for a new
 * candidate), holds the draft the form edits (language rows added and
 * removed, sectors ticked), checks it and saves it, and says how the last
 * save went so the page can announce it.
 */
import { readonly, writable, type Readable } from "svelte/store";
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

export class ProfileManager implements Readable<ProfileState> {
  readonly #api: AccountApi;
  readonly #state = writable<ProfileState>(INITIAL);
  readonly subscribe = readonly(this.#state).subscribe;
  #current: ProfileState = INITIAL;

  constructor(api: AccountApi) {
    this.#api = api;
  }

  get state(): ProfileState {
    return this.#current;
  }

  async load(): Promise<void> {
    this.#set({ ...this.#current, status: "loading", loadError: null });
    const answer = await this.#api.profile();
    if (!answer.ok) {
      this.#set({ ...this.#current, status: "error", loadError: answer.code });
      return;
    }
    this.#set({
      ...INITIAL,
      status: "ready",
      saved: answer.data,
      draft: answer.data ? draftFromProfile(answer.data) : emptyDraft(),
    });
  }

  /** The CV upload answers with the whole profile; only `hasCv` and the time are news here. */
  cvSaved(profile: CandidateProfile): void {
    this.#set({ ...this.#current, saved: profile });
  }

  setText(field: TextField, value: string): void {
    this.#edit({ ...this.#current.draft, [field]: value }, field);
  }

  addLanguage(): LanguageRow | null {
    const draft = this.#current.draft;
    if (!canAddLanguage(draft)) return null;
    const row: LanguageRow = { key: newRowKey(), language: unusedLanguage(draft), level: "" };
    this.#edit({ ...draft, languages: [...draft.languages, row] }, "languages");
    return row;
  }

  removeLanguage(key: number): void {
    const draft = this.#current.draft;
    this.#edit(
      { ...draft, languages: draft.languages.filter((row) => row.key !== key) },
      "languages",
      key,
    );
  }

  setLanguageRow(key: number, change: Partial<Omit<LanguageRow, "key">>): void {
    const draft = this.#current.draft;
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
    const draft = this.#current.draft;
    const has = draft.sectors.includes(sector);
    if (on === has) return true;
    if (on && !canAddSector(draft)) {
      this.#set({
        ...this.#current,
        errors: {
          ...this.#current.errors,
          fields: { ...this.#current.errors.fields, sectors: "tooManySectors" },
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
    if (this.#current.save.status === "saving" || this.#current.status !== "ready") return false;
    const check = checkProfile(this.#current.draft);
    if (!check.ok) {
      this.#set({
        ...this.#current,
        errors: check.errors,
        save: { status: "failed", reason: "invalid" },
      });
      return false;
    }
    const sent = this.#current.draft;
    this.#set({ ...this.#current, errors: NO_ERRORS, save: { status: "saving" } });
    const answer = await this.#api.saveProfile(check.body);
    if (!answer.ok) {
      const errors = answer.code === "validation_failed" ? profileErrorsFrom(answer.field) : null;
      this.#set({
        ...this.#current,
        errors: errors ?? NO_ERRORS,
        save: { status: "failed", reason: errors ? "invalid" : answer.code },
      });
      return false;
    }
    // Edits made while saving stay; the saved values are the server's (trimmed).
    const editedMeanwhile = this.#current.draft !== sent;
    this.#set({
      ...this.#current,
      saved: answer.data,
      draft: editedMeanwhile ? this.#current.draft : draftFromProfile(answer.data),
      save: { status: "saved", at: answer.data.updatedAt },
      dirty: editedMeanwhile,
    });
    return true;
  }

  /** Languages offered in a row: its own and those no other row has taken. */
  languagesFor(key: number, all: readonly Language[]): Language[] {
    const taken = new Set(
      this.#current.draft.languages.filter((row) => row.key !== key).map((row) => row.language),
    );
    return all.filter((language) => !taken.has(language));
  }

  #edit(draft: ProfileDraft, field: ProfileField, rowKey?: number): void {
    // An edit may fix what was complained about; the next save checks again.
    const fields = { ...this.#current.errors.fields };
    delete fields[field];
    const rows = { ...this.#current.errors.rows };
    if (rowKey !== undefined) delete rows[rowKey];
    const save =
      this.#current.save.status === "saving" ? this.#current.save : { status: "idle" as const };
    this.#set({ ...this.#current, draft, errors: { fields, rows }, save, dirty: true });
  }

  #set(next: ProfileState): void {
    this.#current = next;
    this.#state.set(next);
  }
}
