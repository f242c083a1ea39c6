/**
 * The demo fair's content: three employment services, eight stands with
 * vacancies written in Dutch, French and English, demo accounts and profiles.
 */
import type { CefrLevel, Language, LocalizedText, StandKind, UserRole } from "@crossfair/shared";

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

export interface DemoVacancy {
  title: LocalizedText;
  original: Language;
  contract: "permanent" | "fixed_term" | "temporary" | "apprenticeship";
  openings: number;
  languages: { language: Language; level: "A1" | "A2" | "B1" | "B2" | "C1" | "C2" }[];
}

export interface DemoStand {
  kind: StandKind;
  name: string;
  sector: string;
  country: string;
  region: string;
  languages: Language[];
  description: LocalizedText;
  vacancies: DemoVacancy[];
}

export const DEMO_STANDS: DemoStand[] = [
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

export const DEMO_PROFILES: {
  email: string;
  country: string;
  region: string;
  languages: { language: Language; level: CefrLevel }[];
  sectors: string[];
  pitch: string;
}[] = [
  {
    email: "candidate@crossfair.test",
    country: "FR",
    region: "Hauts-de-France",
    languages: [
      { language: "fr", level: "C2" },
      { language: "nl", level: "A2" },
      { language: "en", level: "B1" },
    ],
    sectors: ["logistics", "food"],
    pitch: "Cariste expérimentée, 6 ans en entrepôt, cherche un poste en Belgique.",
  },
  {
    email: "kandidaat@crossfair.test",
    country: "BE",
    region: "West-Vlaanderen",
    languages: [
      { language: "nl", level: "C2" },
      { language: "fr", level: "B1" },
      { language: "en", level: "B2" },
    ],
    sectors: ["ict", "energy"],
    pitch: "Elektromechanicus met interesse in windenergie en IT.",
  },
];

/** Asked by Hainaut Logistique when a candidate joins its queue. */
export const DEMO_SCREENING_QUESTIONS: LocalizedText[] = [
  {
    fr: "Avez-vous un brevet de cariste valide ?",
    nl: "Heeft u een geldig heftruckattest?",
    en: "Do you hold a valid forklift licence?",
  },
  {
    fr: "Êtes-vous disponible pour le travail de nuit ?",
    nl: "Bent u beschikbaar voor nachtwerk?",
    en: "Are you available for night shifts?",
  },
];
