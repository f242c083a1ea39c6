/**
 * The ids that tie a form control to the texts that describe it: its hint
 * and its error message. One place builds them, so a control's
 * `aria-describedby` and `aria-invalid` always name elements that exist.
 */

/** The id of the message under a control that failed its check. */
export function errorIdOf(controlId: string): string {
  return `${controlId}-error`;
}

/** The id of the hint under a control. */
export function hintIdOf(controlId: string): string {
  return `${controlId}-hint`;
}

/**
 * An `aria-describedby` value from the ids that apply; `undefined` (no
 * attribute) when none do, because an empty value would name nothing.
 */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return present.length > 0 ? present.join(" ") : undefined;
}

/** The attributes a control spreads on itself. */
export interface FieldAria {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export interface FieldAriaInput {
  /** The control's id; its label points at it. */
  id: string;
  /** The hint's id, when the control has a hint. */
  hintId?: string | undefined;
  /** The error message's id; by default `errorIdOf(id)`. */
  errorId?: string | undefined;
  /** Whether the control failed its check (its error message is shown). */
  invalid: boolean;
  /** Other messages that speak of this control, e.g. its group's error. */
  also?: (string | false | null | undefined)[] | undefined;
}

/**
 * The control's wiring: invalid only while it has a problem, and described
 * by its hint and, while shown, its error message.
 */
export function fieldAria(input: FieldAriaInput): FieldAria {
  const errorId = input.errorId ?? errorIdOf(input.id);
  return {
    id: input.id,
    "aria-invalid": input.invalid ? true : undefined,
    "aria-describedby": describedBy(input.hintId, input.invalid && errorId, ...(input.also ?? [])),
  };
}
