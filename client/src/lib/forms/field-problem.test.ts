import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n/i18n.setup.js";
import type { FieldErrors } from "../staff/stand-forms.js";
import { problemText } from "./field-problem.js";

describe("problemText", () => {
  const t = get(createI18n("en").t);
  const errors: FieldErrors = { title: "required", "documents.0.url": "url" };

  it("translates the first field's problem there is, and nothing without one", () => {
    expect(problemText(t, errors, "documents.0.url")).toBe(t("staff.field.url"));
    expect(problemText(t, errors, "missing", "title")).toBe(t("staff.field.required"));
    expect(problemText(t, errors, "missing")).toBeUndefined();
  });
});
