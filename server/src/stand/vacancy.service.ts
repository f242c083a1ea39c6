/**
 * Vacancies of a stand: written in one language (the original), edited there,
 * and translated into others. A translation never overwrites the original
 * text; asking it to is `original_language`.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import {
  ErrorCode,
  type Language,
  type VacancyDetails,
  type VacancyInput,
  type VacancyPatch,
  type VacancyTranslationBody,
} from "@crossfair/shared";
import { vacancies } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standRow, vacancyDetails, type VacancyRow } from "./stand.views.js";

/**
 * Sets one language of a stored LocalizedText inside the UPDATE itself, so two
 * edits at once (the original and a translation) never undo each other.
 */
const withLanguage = (
  column: typeof vacancies.title | typeof vacancies.description,
  language: SQL,
  text: string,
) => sql`${column} || jsonb_build_object(${language}, ${text}::text)`;

export class VacancyService {
  constructor(private readonly db: Database) {}

  async create(standId: string, input: VacancyInput): Promise<VacancyDetails> {
    await standRow(this.db, standId);
    const { title, description, ...rest } = input;
    const [row] = await this.db
      .insert(vacancies)
      .values({
        ...rest,
        standId,
        title: { [input.originalLanguage]: title },
        description: { [input.originalLanguage]: description },
        status: "open",
      })
      .returning();
    return vacancyDetails(row!);
  }

  /** The stand a vacancy belongs to, so the route can ask who may edit it. */
  async standOf(vacancyId: string): Promise<string> {
    return (await this.#row(vacancyId)).standId;
  }

  /** Edits any field; title and description change the original language's text only. */
  async update(vacancyId: string, patch: VacancyPatch): Promise<VacancyDetails> {
    const { title, description, ...rest } = patch;
    const original = sql`${vacancies.originalLanguage}`;
    return this.#save(vacancyId, {
      ...rest,
      ...(title === undefined ? {} : { title: withLanguage(vacancies.title, original, title) }),
      ...(description === undefined
        ? {}
        : { description: withLanguage(vacancies.description, original, description) }),
    });
  }

  /** Adds or replaces one translation; the original language is not a translation. */
  async translate(
    vacancyId: string,
    language: Language,
    text: VacancyTranslationBody,
  ): Promise<VacancyDetails> {
    const current = await this.#row(vacancyId);
    if (language === current.originalLanguage) {
      throw new AppError(
        ErrorCode.originalLanguage,
        `"${language}" is this vacancy's original language; edit the vacancy instead`,
        "language",
      );
    }
    const translated = sql`${language}::text`;
    return this.#save(vacancyId, {
      title: withLanguage(vacancies.title, translated, text.title),
      description: withLanguage(vacancies.description, translated, text.description),
    });
  }

  async #row(vacancyId: string): Promise<VacancyRow> {
    const [row] = await this.db
      .select()
      .from(vacancies)
      .where(eq(vacancies.id, vacancyId))
      .limit(1);
    if (!row) throw new AppError(ErrorCode.notFound, "no such vacancy");
    return row;
  }

  async #save(
    vacancyId: string,
    values: { [Column in keyof VacancyRow]?: VacancyRow[Column] | SQL },
  ): Promise<VacancyDetails> {
    // drizzle refuses an update with nothing to set; an empty patch just reads.
    if (!Object.values(values).some((value) => value !== undefined)) {
      return vacancyDetails(await this.#row(vacancyId));
    }
    const [row] = await this.db
      .update(vacancies)
      .set(values)
      .where(eq(vacancies.id, vacancyId))
      .returning();
    if (!row) throw new AppError(ErrorCode.notFound, "no such vacancy");
    return vacancyDetails(row);
  }
}
