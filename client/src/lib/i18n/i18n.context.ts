/** Hands the one I18n instance to every component without threading props. */
import { getContext, setContext } from "svelte";
import type { I18n } from "./i18n.setup.js";

const KEY = Symbol("crossfair.i18n");

export function provideI18n(i18n: I18n): void {
  setContext(KEY, i18n);
}

export function useI18n(): I18n {
  const i18n = getContext<I18n | undefined>(KEY);
  if (!i18n) throw new Error("useI18n() called outside <App>: provideI18n() was not run");
  return i18n;
}
