/**
 * Types `t()` keys from the English messages, so a misspelt or removed key is a
 * type error in svelte-check rather than a raw key on screen.
 */
import type en from "./locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
