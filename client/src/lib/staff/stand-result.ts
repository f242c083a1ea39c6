/**
 * The outcome of a stand manager's form in words, and its field problems:
 * what the status line by a form's button says after a save.
 */
import type { Translate } from "../i18n/i18n.setup.js";
import type { StandManageState } from "./stand-manage.manager.js";
import type { FieldErrors } from "./stand-forms.js";

type StandResult = StandManageState["result"];

/** "Saved", "not saved: <reason>", "check the fields", or nothing yet. */
export function resultText(t: Translate, result: StandResult): string {
  if (!result) return "";
  if (result.ok) return t(`staff.notice.${result.notice}`);
  return result.code
    ? t("staff.manage.notSaved", { reason: t(`errors.${result.code}`) })
    : t("staff.manage.checkFields");
}

/** The field problems of a failed save; none otherwise. */
export function resultErrors(result: StandResult): FieldErrors {
  return result && !result.ok ? result.fields : {};
}
