/**
 * Seeds the demo fair (see demo-data.ts) into an empty database, in one
 * transaction, so a half-seeded database never exists.
 */
import { count } from "drizzle-orm";
import type { Language } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { hashPassword } from "../auth/password.js";
import { candidateProfiles } from "../candidate/candidate.schema.js";
import type { Database } from "../plugins/db.js";
import { screeningQuestions } from "../stand/stand.schema.js";
import {
  DEMO_ACCOUNTS,
  DEMO_FAIR_SLUG,
  DEMO_PASSWORD,
  DEMO_PROFILES,
  DEMO_SCREENING_QUESTIONS,
  DEMO_STANDS,
} from "./demo-data.js";
import { fairOrganisers, fairs, organisers } from "./fair.schema.js";
import { standStaff, stands, vacancies } from "../stand/stand.schema.js";

/** The calendar date and HH:MM wall-clock time of an instant in a time zone. */
function localTime(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

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
    const endsAt = new Date(day.getTime() + 9 * 3_600_000);
    const timeZone = "Europe/Brussels";
    const opening = localTime(day, timeZone);
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
        timeZone,
        startsAt: day,
        endsAt,
        openingHours: [
          { date: opening.date, opens: opening.time, closes: localTime(endsAt, timeZone).time },
        ],
        // Registration opened two weeks before and stays open through the fair day; a demo
        // seeded after the fair day's end (the fair stays live) still takes registrations.
        registrationOpensAt: new Date(day.getTime() - 14 * 86_400_000),
        registrationClosesAt: new Date(Math.max(endsAt.getTime(), now.getTime() + 12 * 3_600_000)),
        // A walk-in fair: joining a queue registers the candidate, so the demo needs no approvals.
        registrationNeedsApproval: false,
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
          // The demo's accounts sign in with the public password; nobody reads their mail.
          emailVerifiedAt: new Date(),
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
      if (index === 1) {
        await tx.insert(screeningQuestions).values(
          DEMO_SCREENING_QUESTIONS.map((question, position) => ({
            standId: stand.id,
            position,
            question,
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

    const profiles = DEMO_PROFILES;
    for (const profile of profiles) {
      const userId = accountIds.get(profile.email);
      if (!userId) continue;
      await tx.insert(candidateProfiles).values({
        userId,
        country: profile.country,
        region: profile.region,
        languages: profile.languages,
        sectors: profile.sectors,
        pitch: profile.pitch,
      });
    }
  });
  return true;
}

export { DEMO_FAIR_SLUG, DEMO_PASSWORD };
