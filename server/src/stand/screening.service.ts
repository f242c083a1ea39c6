/**
 * A stand's screening questions as its admin edits them: the whole list is
 * replaced at once, in the order sent. Questions that stay keep their ids, so
 * the answers already given still refer to them; a question taken off the
 * list is only marked removed (never deleted, which would cascade to its
 * answers), so staff keep seeing what waiting candidates answered. The queue
 * caches the list in every process, so each change is forgotten there at once.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { ErrorCode, type ScreeningQuestions, type ScreeningQuestionsBody } from "@crossfair/shared";
import { stands } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { screeningQuestions } from "./stand.schema.js";
import type { StandEvents } from "./stand.views.js";

export class ScreeningService {
  constructor(
    private readonly db: Database,
    private readonly events: StandEvents,
  ) {}

  async replace(
    standId: string,
    questions: ScreeningQuestionsBody["questions"],
  ): Promise<ScreeningQuestions> {
    await this.db.transaction(async (tx) => {
      // Two admins saving at once would interleave positions; the stand row serialises them.
      const [stand] = await tx
        .select({ id: stands.id })
        .from(stands)
        .where(eq(stands.id, standId))
        .for("update");
      if (!stand) throw new AppError(ErrorCode.notFound, "no such stand");
      const existing = await tx
        .select({ id: screeningQuestions.id, removedAt: screeningQuestions.removedAt })
        .from(screeningQuestions)
        .where(eq(screeningQuestions.standId, standId));
      const ofThisStand = new Set(existing.map((row) => row.id));
      questions.forEach((question, index) => {
        // A removed question's id is accepted: sending it again asks it again, answers and all.
        if (question.id !== undefined && !ofThisStand.has(question.id)) {
          throw new AppError(
            ErrorCode.validationFailed,
            "not a question of this stand",
            `body.questions.${index}.id`,
          );
        }
      });

      const kept = new Set(questions.flatMap((question) => question.id ?? []));
      const dropped = existing
        .filter((row) => row.removedAt === null && !kept.has(row.id))
        .map((row) => row.id);
      if (dropped.length > 0) {
        await tx
          .update(screeningQuestions)
          .set({ removedAt: new Date() })
          .where(inArray(screeningQuestions.id, dropped));
      }
      for (const [position, question] of questions.entries()) {
        if (question.id === undefined) {
          await tx
            .insert(screeningQuestions)
            .values({ standId, position, question: question.question });
        } else {
          await tx
            .update(screeningQuestions)
            .set({ position, question: question.question, removedAt: null })
            .where(eq(screeningQuestions.id, question.id));
        }
      }
    });
    await this.events.emit("stand.changed", { standId: standId });
    return { questions: await this.current(standId) };
  }

  /** The questions asked now, in order. */
  async current(standId: string): Promise<ScreeningQuestions["questions"]> {
    return this.db
      .select({ id: screeningQuestions.id, question: screeningQuestions.question })
      .from(screeningQuestions)
      .where(and(eq(screeningQuestions.standId, standId), isNull(screeningQuestions.removedAt)))
      .orderBy(asc(screeningQuestions.position));
  }
}
