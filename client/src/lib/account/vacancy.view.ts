/**
 * How a vacancy reads on its stand page: title and description in the
 * visitor's language when a translation exists, marked as translated, with
 * the original (the language the employer wrote in) one click away; and the
 * stand details that carry the descriptions, loaded from the stand's own API.
 */
import { readonly, writable, type Readable } from "svelte/store";
import type { ErrorCode, Language, LocalizedText, StandDetails } from "@crossfair/shared";
import { localizeText, type LocalizedView } from "../hall/hall.view.js";
import type { AccountApi } from "./account.api.js";

export interface VacancyTextInput {
  title: LocalizedText;
  description?: LocalizedText;
  originalLanguage: Language;
}

export interface VacancyText {
  title: LocalizedView;
  description: LocalizedView | null;
  /** Whether what is shown in the UI language is a translation of the original. */
  isTranslation: boolean;
  /** Whether the original is there to be shown instead. */
  canShowOriginal: boolean;
}

export function vacancyText(
  vacancy: VacancyTextInput,
  uiLanguage: Language,
  showOriginal: boolean,
): VacancyText {
  const original = vacancy.originalLanguage;
  // A description that only repeats the title (as imported vacancies often have) says nothing.
  const description =
    vacancy.description && !sameText(vacancy.description, vacancy.title)
      ? vacancy.description
      : undefined;
  const inUi = {
    title: localizeText(vacancy.title, uiLanguage, original),
    description: description ? localizeText(description, uiLanguage, original) : null,
  };
  const isTranslation = inUi.title.isTranslation || Boolean(inUi.description?.isTranslation);
  const canShowOriginal =
    isTranslation &&
    (inUi.title.available.includes(original) ||
      Boolean(inUi.description?.available.includes(original)));
  if (!(showOriginal && canShowOriginal)) return { ...inUi, isTranslation, canShowOriginal };
  return {
    title: localizeText(vacancy.title, original, original),
    description: description ? localizeText(description, original, original) : null,
    isTranslation,
    canShowOriginal,
  };
}

function sameText(a: LocalizedText, b: LocalizedText): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Language>;
  return [...keys].every((language) => (a[language] ?? "").trim() === (b[language] ?? "").trim());
}

export type StandDetailsState =
  | { status: "loading" }
  | { status: "ready"; stand: StandDetails }
  | { status: "error"; code: ErrorCode };

/** Loads a stand's details once; the page falls back to the hall's summary while it cannot. */
export function loadStandDetails(api: AccountApi, standId: string): Readable<StandDetailsState> {
  const state = writable<StandDetailsState>({ status: "loading" });
  void api.stand(standId).then((answer) => {
    state.set(
      answer.ok ? { status: "ready", stand: answer.data } : { status: "error", code: answer.code },
    );
  });
  return readonly(state);
}
