/**
 * The public stand list of a fair's hall: approved stands only, paged without
 * gaps or repeats, every filter combined with AND, the free-text search over
 * organisation, sector and open vacancy titles in any language (wildcards
 * taken literally); and the hall's fair summary with hours and registration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  fairHallSchema,
  pageSchema,
  standSummarySchema,
  type Language,
  type StandKind,
} from "@crossfair/shared";
import { stands, vacancies } from "@crossfair/server/stand/stand.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { signInCookie } from "../../support/session.js";
import { createFair } from "./fair-helpers.js";

const standPage = pageSchema(standSummarySchema);

interface StandSeed {
  name: string;
  kind: StandKind;
  sector: string;
  region: string;
  languages: Language[];
  approval?: "approved" | "pending" | "rejected";
  vacancies?: { title: Partial<Record<Language, string>>; open?: boolean }[];
}

const SEEDS: StandSeed[] = [
  {
    name: "Acier Wallon",
    kind: "employer",
    sector: "metal",
    region: "Hainaut",
    languages: ["fr"],
    vacancies: [{ title: { fr: "Soudeur TIG", nl: "TIG-lasser" } }],
  },
  {
    name: "Brugse Bakkerij",
    kind: "employer",
    sector: "food",
    region: "West-Vlaanderen",
    languages: ["nl", "fr"],
    vacancies: [{ title: { nl: "Bakker" } }, { title: { nl: "Verkoper" }, open: false }],
  },
  {
    name: "Interim 100%",
    kind: "temp_agency",
    sector: "logistics",
    region: "Hainaut",
    languages: ["fr", "nl", "en"],
    vacancies: [{ title: { fr: "Cariste" } }],
  },
  {
    name: "Job_Info Point",
    kind: "information",
    sector: "public",
    region: "Nord",
    languages: ["fr"],
  },
  {
    name: "Deutsche Logistik",
    kind: "employer",
    sector: "Logistics",
    region: "Aachen",
    languages: ["de", "nl"],
    vacancies: [{ title: { de: "Lagerist" }, open: false }],
  },
  {
    name: "Pending Plant",
    kind: "employer",
    sector: "metal",
    region: "Hainaut",
    languages: ["fr"],
    approval: "pending",
  },
  {
    name: "Rejected Farm",
    kind: "employer",
    sector: "food",
    region: "Nord",
    languages: ["fr"],
    approval: "rejected",
  },
];

describe("hall stand list", () => {
  let app: TestApp;
  let slug: string;

  beforeAll(async () => {
    app = await buildTestApp();
    const fair = await createFair(app, await signInCookie(app, "admin@crossfair.test"));
    slug = fair.slug;
    for (const seed of SEEDS) {
      const [stand] = await app.database.db
        .insert(stands)
        .values({
          fairId: fair.id,
          kind: seed.kind,
          organisationName: seed.name,
          description: { en: `${seed.name}.` },
          sector: seed.sector,
          country: "BE",
          region: seed.region,
          languages: seed.languages,
          approvalStatus: seed.approval ?? "approved",
        })
        .returning({ id: stands.id });
      for (const vacancy of seed.vacancies ?? []) {
        const original = Object.keys(vacancy.title)[0] as Language;
        await app.database.db.insert(vacancies).values({
          standId: stand!.id,
          title: vacancy.title,
          description: vacancy.title,
          originalLanguage: original,
          sector: seed.sector,
          country: "BE",
          region: seed.region,
          contractType: "permanent",
          requiredLanguages: [{ language: original, level: "B1" }],
          status: vacancy.open === false ? "closed" : "open",
        });
      }
    }
  });
  afterAll(async () => app?.dispose());

  const list = async (query = "") => {
    const response = await app.http.inject({ url: `/api/fairs/${slug}/stands?${query}` });
    expect(response.statusCode, query).toBe(200);
    return standPage.parse(response.json());
  };
  const names = async (query: string) =>
    (await list(query)).items.map((s) => s.organisationName).sort();

  it("lists approved stands only, with their open vacancies", async () => {
    const all = await list("pageSize=100");
    expect(all.total).toBe(5);
    expect(all.items.map((stand) => stand.organisationName).sort()).toEqual([
      "Acier Wallon",
      "Brugse Bakkerij",
      "Deutsche Logistik",
      "Interim 100%",
      "Job_Info Point",
    ]);
    const bakery = all.items.find((stand) => stand.organisationName === "Brugse Bakkerij");
    expect(bakery?.vacancies.map((vacancy) => vacancy.title)).toEqual([{ nl: "Bakker" }]);
  });

  it("pages without gaps or repeats, and past the end is empty", async () => {
    const all = await list("pageSize=100");
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const part = await list(`page=${page}&pageSize=2`);
      expect(part).toMatchObject({ page, pageSize: 2, total: 5 });
      expect(part.items.length).toBe(page < 3 ? 2 : 1);
      seen.push(...part.items.map((stand) => stand.id));
    }
    expect(seen).toEqual(all.items.map((stand) => stand.id));
    expect(await list("page=4&pageSize=2")).toMatchObject({ items: [], total: 5 });
  });

  it("searches organisation, sector and open vacancy titles in any language, ignoring case", async () => {
    expect(await names("q=acier")).toEqual(["Acier Wallon"]);
    expect(await names("q=LOGIST")).toEqual(["Deutsche Logistik", "Interim 100%"]);
    expect(await names("q=lasser")).toEqual(["Acier Wallon"]);
    expect(await names("q=cariste")).toEqual(["Interim 100%"]);
    // Closed vacancies are not shown, so they are not found either.
    expect(await names("q=verkoper")).toEqual([]);
    expect(await names("q=lagerist")).toEqual([]);
    // A language code is no title: the JSON keys are not searched.
    expect(await names("q=nl")).toEqual([]);
  });

  it("takes the search's wildcard characters literally", async () => {
    expect(await names(`q=${encodeURIComponent("%")}`)).toEqual(["Interim 100%"]);
    expect(await names("q=_")).toEqual(["Job_Info Point"]);
    expect(await names(`q=${encodeURIComponent("\\")}`)).toEqual([]);
  });

  it("filters by sector, region, language, kind and open vacancies, all together", async () => {
    expect(await names("sector=logistics")).toEqual(["Deutsche Logistik", "Interim 100%"]);
    expect(await names("region=hainaut")).toEqual(["Acier Wallon", "Interim 100%"]);
    expect(await names("language=nl")).toEqual([
      "Brugse Bakkerij",
      "Deutsche Logistik",
      "Interim 100%",
    ]);
    expect(await names("kind=employer")).toEqual([
      "Acier Wallon",
      "Brugse Bakkerij",
      "Deutsche Logistik",
    ]);
    expect(await names("hasOpenVacancies=true")).toEqual([
      "Acier Wallon",
      "Brugse Bakkerij",
      "Interim 100%",
    ]);
    expect(await names("hasOpenVacancies=false")).toEqual(["Deutsche Logistik", "Job_Info Point"]);
    expect(await names("kind=employer&language=nl&hasOpenVacancies=true")).toEqual([
      "Brugse Bakkerij",
    ]);
    expect(await names("region=Hainaut&kind=temp_agency&q=interim")).toEqual(["Interim 100%"]);
    const none = await list("language=de&region=Hainaut");
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it("refuses malformed queries with the parameter named, and unknown fairs", async () => {
    const cases: [string, string][] = [
      ["pageSize=0", "querystring.pageSize"],
      ["pageSize=101", "querystring.pageSize"],
      ["language=xx", "querystring.language"],
      ["kind=shop", "querystring.kind"],
      ["hasOpenVacancies=yes", "querystring.hasOpenVacancies"],
      [`q=${"x".repeat(101)}`, "querystring.q"],
    ];
    for (const [query, field] of cases) {
      const response = await app.http.inject({ url: `/api/fairs/${slug}/stands?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(apiErrorSchema.parse(response.json()).error).toMatchObject({
        code: "validation_failed",
        field,
      });
    }
    expect((await app.http.inject({ url: "/api/fairs/no-such-fair/stands" })).statusCode).toBe(404);
  });

  it("shows the demo fair's opening hours and registration window in the hall", async () => {
    const response = await app.http.inject({ url: "/api/fairs/cross-border-job-day/hall" });
    const { fair } = fairHallSchema.parse(response.json());
    expect(fair.registrationNeedsApproval).toBe(false);
    expect(fair.openingHours).toHaveLength(1);
    expect(fair.openingHours[0]?.opens).toMatch(/^(09|10):00$/);
    expect(Date.parse(fair.registrationOpensAt ?? "")).toBeLessThan(Date.parse(fair.startsAt));
    expect(Date.parse(fair.registrationClosesAt ?? "")).toBeGreaterThanOrEqual(
      Date.parse(fair.endsAt),
    );
    const demo = standPage.parse(
      (
        await app.http.inject({ url: "/api/fairs/cross-border-job-day/stands?pageSize=100" })
      ).json(),
    );
    expect(demo.total).toBe(8);
  });
});
