/**
 * The demo fair seeded into an empty embedded database: a cross-border job day
 * run by three employment services, with employers, a temp agency and an
 * information stand, vacancies written in Dutch, French and English, and demo
 * accounts whose credentials the README lists.
 */
import { count } from "drizzle-orm";
import type { Language, LocalizedText, StandKind, UserRole } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { hashPassword } from "../auth/password.js";
import type { Database } from "../plugins/db.js";
import { fairOrganisers, fairs, organisers, standStaff, stands, vacancies } from "./fair.schema.js";

export const DEMO_PASSWORD = "crossfair-demo";
export const DEMO_FAIR_SLUG = "cross-border-job-day";

export const DEMO_ACCOUNTS: { email: string; role: UserRole; displayName: string; ui: Language }[] =
  [
    { email: "admin@crossfair.test", role: "fair_admin", displayName: "Fair Admin", ui: "en" },
    {
      email: "recruiter@crossfair.test",
      role: "recruiter",
      displayName: "Lotte Peeters",
      ui: "nl",
    },
    {
      email: "standadmin@crossfair.test",
      role: "stand_admin",
      displayName: "Julien Lemaire",
      ui: "fr",
    },
    {
      email: "candidate@crossfair.test",
      role: "candidate",
      displayName: "Camille Dubois",
      ui: "fr",
    },
    {
      email: "kandidaat@crossfair.test",
      role: "candidate",
      displayName: "Jens Vermeulen",
      ui: "nl",
    },
  ];

interface DemoVacancy {
  title: LocalizedText;
  original: Language;
  contract: "permanent" | "fixed_term" | "temporary" | "apprenticeship";
  openings: number;
  languages: { language: Language; level: "A1" | "A2" | "B1" | "B2" | "C1" | "C2" }[];
}

interface DemoStand {
  kind: StandKind;
  name: string;
  sector: string;
  country: string;
  region: string;
  languages: Language[];
  description: LocalizedText;
  vacancies: DemoVacancy[];
}

const DEMO_STANDS: DemoStand[] = [
  {
    kind: "employer",
    name: "Flanders Food Factory",
    sector: "food",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["nl", "fr"],
    description: {
      nl: "Familiebedrijf in de voedingsindustrie met drie productiesites rond Kortrijk.",
      fr: "Entreprise familiale agroalimentaire avec trois sites de production autour de Courtrai.",
    },
    vacancies: [
      {
        title: {
          nl: "Productieoperator (ploegenwerk)",
          fr: "Opérateur de production (travail posté)",
        },
        original: "nl",
        contract: "permanent",
        openings: 6,
        languages: [{ language: "nl", level: "A2" }],
      },
      {
        title: { nl: "Technieker onderhoud" },
        original: "nl",
        contract: "permanent",
        openings: 2,
        languages: [
          { language: "nl", level: "B1" },
          { language: "fr", level: "A2" },
        ],
      },
    ],
  },
  {
    kind: "employer",
    name: "Hainaut Logistique",
    sector: "logistics",
    country: "BE",
    region: "Hainaut",
    languages: ["fr", "nl", "en"],
    description: {
      fr: "Plateforme logistique de 60 000 m² près de Mouscron, ouverte 24h/24.",
      en: "A 60,000 m² logistics hub near Mouscron, open around the clock.",
    },
    vacancies: [
      {
        title: { fr: "Cariste (permis chariot élévateur)", nl: "Heftruckchauffeur" },
        original: "fr",
        contract: "temporary",
        openings: 10,
        languages: [{ language: "fr", level: "A2" }],
      },
      {
        title: { fr: "Responsable d'équipe logistique" },
        original: "fr",
        contract: "permanent",
        openings: 1,
        languages: [
          { language: "fr", level: "C1" },
          { language: "nl", level: "B1" },
        ],
      },
    ],
  },
  {
    kind: "employer",
    name: "Lille Métropole Santé",
    sector: "healthcare",
    country: "FR",
    region: "Hauts-de-France",
    languages: ["fr"],
    description: {
      fr: "Groupe hospitalier de la métropole lilloise, 4 200 salariés.",
      nl: "Ziekenhuisgroep in de metropool Rijsel, 4 200 medewerkers.",
    },
    vacancies: [
      {
        title: { fr: "Infirmier·ère de nuit", nl: "Verpleegkundige nachtdienst" },
        original: "fr",
        contract: "permanent",
        openings: 8,
        languages: [{ language: "fr", level: "B2" }],
      },
      {
        title: { fr: "Aide-soignant·e" },
        original: "fr",
        contract: "fixed_term",
        openings: 12,
        languages: [{ language: "fr", level: "B1" }],
      },
    ],
  },
  {
    kind: "temp_agency",
    name: "Interim Grensregio",
    sector: "staffing",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["nl", "fr", "en"],
    description: {
      nl: "Uitzendkantoor voor grensarbeiders: industrie, bouw en logistiek aan beide kanten van de grens.",
      fr: "Agence d'intérim pour frontaliers : industrie, construction et logistique des deux côtés de la frontière.",
      en: "Temp agency for cross-border workers in industry, construction and logistics.",
    },
    vacancies: [
      {
        title: { nl: "Magazijnmedewerker", fr: "Magasinier", en: "Warehouse operative" },
        original: "nl",
        contract: "temporary",
        openings: 15,
        languages: [{ language: "nl", level: "A1" }],
      },
      {
        title: { fr: "Soudeur TIG/MIG", nl: "Lasser TIG/MIG" },
        original: "fr",
        contract: "temporary",
        openings: 4,
        languages: [{ language: "fr", level: "A2" }],
      },
    ],
  },
  {
    kind: "employer",
    name: "Kortrijk Tech Solutions",
    sector: "ict",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["en", "nl"],
    description: {
      en: "Software studio building logistics and healthcare platforms; English is our working language.",
      nl: "Softwarebedrijf dat platformen bouwt voor logistiek en zorg; Engels is onze werktaal.",
    },
    vacancies: [
      {
        title: { en: "Junior software developer (TypeScript)" },
        original: "en",
        contract: "permanent",
        openings: 2,
        languages: [{ language: "en", level: "B2" }],
      },
      {
        title: { en: "IT support engineer", fr: "Technicien support informatique" },
        original: "en",
        contract: "permanent",
        openings: 1,
        languages: [
          { language: "en", level: "B1" },
          { language: "fr", level: "B1" },
        ],
      },
    ],
  },
  {
    kind: "employer",
    name: "Tournai Construction",
    sector: "construction",
    country: "BE",
    region: "Hainaut",
    languages: ["fr"],
    description: {
      fr: "Entreprise générale de construction, chantiers en Wallonie picarde et en Flandre.",
    },
    vacancies: [
      {
        title: { fr: "Maçon qualifié", nl: "Gekwalificeerd metselaar" },
        original: "fr",
        contract: "permanent",
        openings: 3,
        languages: [{ language: "fr", level: "A2" }],
      },
    ],
  },
  {
    kind: "employer",
    name: "Dunkerque Énergie",
    sector: "energy",
    country: "FR",
    region: "Hauts-de-France",
    languages: ["fr", "en"],
    description: {
      fr: "Producteur d'énergie du littoral dunkerquois, en pleine transition vers l'éolien en mer.",
      en: "Energy producer on the Dunkirk coast, moving into offshore wind.",
    },
    vacancies: [
      {
        title: {
          fr: "Technicien·ne de maintenance éolien",
          en: "Wind turbine maintenance technician",
        },
        original: "fr",
        contract: "permanent",
        openings: 5,
        languages: [
          { language: "fr", level: "B1" },
          { language: "en", level: "B1" },
        ],
      },
    ],
  },
  {
    kind: "information",
    name: "Grensinfopunt · Info Frontaliers",
    sector: "public_services",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["nl", "fr", "en"],
    description: {
      nl: "Alles over werken over de grens: sociale zekerheid, belastingen en pendelen. Webinars elk uur.",
      fr: "Tout sur le travail frontalier : sécurité sociale, impôts et trajets. Webinaires toutes les heures.",
      en: "Everything about working across the border: social security, taxes and commuting. Hourly webinars.",
    },
    vacancies: [],
  },
];

/** Seeds the demo fair when the database holds no fair yet; returns whether it seeded. */
export async function seedDemoFair(db: Database, now = new Date()): Promise<boolean> {
  const [existing] = await db.select({ fairs: count() }).from(fairs);
  if ((existing?.fairs ?? 0) > 0) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const organiserRows = await tx
      .insert(organisers)
      .values([
        { name: "VDAB", country: "BE", website: "https://www.vdab.be" },
        { name: "Le Forem", country: "BE", website: "https://www.leforem.be" },
        { name: "France Travail", country: "FR", website: "https://www.francetravail.fr" },
      ])
      .returning({ id: organisers.id });

    const day = new Date(now);
    day.setUTCHours(8, 0, 0, 0);
    const [fair] = await tx
      .insert(fairs)
      .values({
        slug: DEMO_FAIR_SLUG,
        name: {
          nl: "Grensoverschrijdende jobdag",
          fr: "Journée de l'emploi transfrontalier",
          en: "Cross-border job day",
          de: "Grenzüberschreitender Jobtag",
        },
        description: {
          nl: "Werkgevers uit Vlaanderen, Wallonië en Noord-Frankrijk zoeken talent. Solliciteer online en voer live sollicitatiegesprekken.",
          fr: "Des employeurs de Flandre, de Wallonie et du nord de la France recrutent. Postulez en ligne et passez des entretiens en direct.",
          en: "Employers from Flanders, Wallonia and northern France are hiring. Apply online and hold live video interviews.",
        },
        timeZone: "Europe/Brussels",
        startsAt: day,
        endsAt: new Date(day.getTime() + 9 * 3_600_000),
        languages: ["nl", "fr", "en"],
        status: "live",
        queueCapPerCandidate: 3,
      })
      .returning({ id: fairs.id });
    if (!fair) throw new Error("demo fair insert returned nothing");
    await tx
      .insert(fairOrganisers)
      .values(organiserRows.map((organiser) => ({ fairId: fair.id, organiserId: organiser.id })));

    const accountIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(users)
        .values({
          email: account.email,
          passwordHash,
          displayName: account.displayName,
          role: account.role,
          uiLanguage: account.ui,
        })
        .returning({ id: users.id });
      if (row) accountIds.set(account.email, row.id);
    }

    for (const [index, demo] of DEMO_STANDS.entries()) {
      const [stand] = await tx
        .insert(stands)
        .values({
          fairId: fair.id,
          kind: demo.kind,
          organisationName: demo.name,
          description: demo.description,
          sector: demo.sector,
          country: demo.country,
          region: demo.region,
          languages: demo.languages,
          approvalStatus: "approved",
        })
        .returning({ id: stands.id });
      if (!stand) throw new Error("demo stand insert returned nothing");
      if (demo.vacancies.length > 0) {
        await tx.insert(vacancies).values(
          demo.vacancies.map((vacancy) => ({
            standId: stand.id,
            title: vacancy.title,
            description: vacancy.title,
            originalLanguage: vacancy.original,
            sector: demo.sector,
            country: demo.country,
            region: demo.region,
            contractType: vacancy.contract,
            openings: vacancy.openings,
            requiredLanguages: vacancy.languages,
          })),
        );
      }
      const staff =
        index === 0
          ? {
              email: "recruiter@crossfair.test",
              role: "recruiter" as const,
              languages: ["nl", "fr"],
            }
          : index === 1
            ? {
                email: "standadmin@crossfair.test",
                role: "stand_admin" as const,
                languages: ["fr", "en"],
              }
            : null;
      const staffId = staff ? accountIds.get(staff.email) : undefined;
      if (staff && staffId) {
        await tx.insert(standStaff).values({
          standId: stand.id,
          userId: staffId,
          role: staff.role,
          languages: staff.languages as Language[],
        });
      }
    }
  });
  return true;
}
