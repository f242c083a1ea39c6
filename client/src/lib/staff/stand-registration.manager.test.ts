import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { apiError, FakeApi } from "./fake-api.js";
import {
  descriptionLanguages,
  newRegistrationDraft,
  OTHER_SECTOR,
  registrationBodyOf,
  StandRegistrationManager,
  type StandRegistrationDraft,
} from "./stand-registration.manager.js";
import { STAND_URLS } from "./stand.api.js";

const FAIR = { slug: "cross-border-job-day", languages: ["nl", "fr"] as const };
const URL = STAND_URLS.registration(FAIR.slug);

const filled = (extra: Partial<StandRegistrationDraft> = {}): StandRegistrationDraft => {
  const draft = newRegistrationDraft("fr");
  return {
    ...draft,
    kind: "temp_agency",
    organisationName: "  Intérim Wallonie  ",
    description: { ...draft.description, fr: "Missions d'intérim en Wallonie. ", en: "  " },
    sector: "staffing",
    country: "BE",
    region: "Namur",
    languages: ["fr", "nl"],
    contactName: "Nadia Lambert",
    email: " nadia@interim-wallonie.test ",
    password: "a long enough password",
    ...extra,
  };
};

describe("the stand registration form", () => {
  it("sends the stand and its contact, trimmed, with only the written descriptions", () => {
    const checked = registrationBodyOf(filled(), FAIR);
    expect(checked).toEqual({
      ok: true,
      value: {
        stand: {
          kind: "temp_agency",
          organisationName: "Intérim Wallonie",
          description: { fr: "Missions d'intérim en Wallonie." },
          sector: "staffing",
          country: "BE",
          region: "Namur",
          languages: ["fr", "nl"],
        },
        contact: {
          displayName: "Nadia Lambert",
          email: "nadia@interim-wallonie.test",
          password: "a long enough password",
          uiLanguage: "fr",
        },
      },
    });
  });

  it("takes a sector typed in by hand and a logo address", () => {
    const checked = registrationBodyOf(
      filled({
        sector: OTHER_SECTOR,
        otherSector: "Metalworking",
        logoUrl: " https://example.test/logo.png ",
      }),
      FAIR,
    );
    expect(checked.ok && checked.value.stand).toMatchObject({
      sector: "Metalworking",
      logoUrl: "https://example.test/logo.png",
    });
  });

  it("marks every missing field, keyed by its place in the body", () => {
    const checked = registrationBodyOf(newRegistrationDraft("en"), FAIR);
    expect(checked).toEqual({
      ok: false,
      errors: {
        "stand.organisationName": "required",
        "stand.description": "required",
        "stand.sector": "required",
        "stand.country": "required",
        "stand.region": "required",
        "stand.languages": "required",
        "contact.displayName": "required",
        "contact.email": "required",
        "contact.password": "required",
      },
    });
  });

  it("wants the description in one of the fair's languages", () => {
    const draft = filled();
    const onlyGerman = { ...draft.description, fr: "", de: "Zeitarbeit in der Wallonie." };
    expect(registrationBodyOf({ ...draft, description: onlyGerman }, FAIR)).toEqual({
      ok: false,
      errors: { "stand.description": "required" },
    });
    expect(descriptionLanguages(FAIR)).toEqual({ fair: ["nl", "fr"], other: ["en", "de"] });
  });

  it("names what is wrong with a filled-in field", () => {
    const checked = registrationBodyOf(
      filled({ email: "nadia", password: "short", logoUrl: "ftp://example.test/logo" }),
      FAIR,
    );
    expect(checked).toEqual({
      ok: false,
      errors: { "stand.logoUrl": "url", "contact.email": "email", "contact.password": "tooShort" },
    });
  });
});

describe("StandRegistrationManager", () => {
  let api: FakeApi;
  let manager: StandRegistrationManager;

  beforeEach(() => {
    api = new FakeApi();
    manager = new StandRegistrationManager({ fetch: api.fetch });
  });

  it("sends nothing while fields need attention", async () => {
    expect(await manager.submit(FAIR, newRegistrationDraft("en"))).toBeNull();
    expect(api.requests).toEqual([]);
    expect(get(manager).failure?.fields["stand.organisationName"]).toBe("required");
    // Editing a field takes its problem away, and only its own.
    manager.edited("stand.organisationName");
    expect(get(manager).failure?.fields["stand.organisationName"]).toBeUndefined();
    expect(get(manager).failure?.fields["stand.region"]).toBe("required");
  });

  it("registers and says where the link went; nobody is signed in until it is followed", async () => {
    const submitting = manager.submit(FAIR, filled());
    expect(get(manager).busy).toBe(true);
    // A second click while the first is under way sends nothing.
    expect(await manager.submit(FAIR, filled())).toBeNull();
    const request = await api.reply("POST", URL, 202, { status: "check_email" });
    expect(await submitting).toEqual({ status: "check_email" });
    expect(api.requests).toHaveLength(1);
    expect(request.body).toMatchObject({
      stand: { organisationName: "Intérim Wallonie" },
      contact: { email: "nadia@interim-wallonie.test", uiLanguage: "fr" },
    });
    expect(get(manager)).toEqual({
      busy: false,
      failure: null,
      sentTo: "nadia@interim-wallonie.test",
    });
    // Another address: the form again, as it was.
    manager.restart();
    expect(get(manager).sentTo).toBeNull();
  });

  it("puts the server's validation problem on the field it names", async () => {
    const submitting = manager.submit(FAIR, filled());
    await api.reply(
      "POST",
      URL,
      400,
      apiError("validation_failed", "bad", "body.stand.description.fr"),
    );
    await submitting;
    expect(get(manager).failure).toEqual({
      code: null,
      fields: { "stand.description.fr": "invalid" },
    });
  });

  it("tells in the alert what no field explains", async () => {
    let submitting = manager.submit(FAIR, filled());
    await api.reply("POST", URL, 409, apiError("conflict", "the fair is closed"));
    await submitting;
    expect(get(manager).failure).toEqual({ code: "conflict", fields: {} });

    submitting = manager.submit(FAIR, filled());
    await api.reply("POST", URL, 400, apiError("validation_failed", "bad", "body.stand.documents"));
    await submitting;
    expect(get(manager).failure?.code).toBe("validation_failed");

    submitting = manager.submit(FAIR, filled());
    await api.reply("POST", URL, 429, apiError("rate_limited"));
    await submitting;
    expect(get(manager).failure).toEqual({ code: "rate_limited", fields: {} });
  });
});
