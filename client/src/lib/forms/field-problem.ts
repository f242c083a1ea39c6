/**
 * A field's problem in words: the checks name a problem per field path
 * (`FieldErrors`), the form shows it translated under the control.
 */
import type { Translate } from "../i18n/i18n.setup.js";
import type { FieldErrors } from "../staff/stand-forms.js";

/** The translated problem of the first of `fields` that has one. */
export function problemText(
  t: Translate,
  errors: FieldErrors,
  ...fields: string[]
): string | undefined {
  for (const field of fields) {
    const problem = errors[field];
    if (problem) return t(`staff.field.${problem}`);
  }
  return undefined;
}
