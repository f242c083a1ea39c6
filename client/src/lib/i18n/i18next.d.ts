/**
 * Types `t()` keys from the English messages, so a misspelt or removed key is a
 * type error in svelte-check rather than a raw key on screen.
 */
import type { Messages } from "./messages.js";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}
