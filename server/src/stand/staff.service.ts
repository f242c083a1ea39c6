/**
 * A stand's staff: who is on it, removing someone (never the last stand
 * admin) and the languages each member interviews in. Every change is told
 * to the queue's membership cache, so consoles follow at once.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { ErrorCode, type Language, type StandStaffMember } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { standStaff } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standRow, type StandEvents } from "./stand.views.js";

export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly events: StandEvents,
  ) {}

  async list(standId: string): Promise<StandStaffMember[]> {
    await standRow(this.db, standId);
    return this.#members(eq(standStaff.standId, standId));
  }

  /** Removes a member; the last stand admin stays, or nobody could manage the stand. */
  async remove(standId: string, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const members = await tx
        .select({ userId: standStaff.userId, role: standStaff.role })
        .from(standStaff)
        .where(eq(standStaff.standId, standId))
        .for("update");
      const member = members.find((entry) => entry.userId === userId);
      if (!member) throw new AppError(ErrorCode.notFound, "not on this stand's staff");
      const admins = members.filter((entry) => entry.role === "stand_admin");
      if (member.role === "stand_admin" && admins.length === 1) {
        throw new AppError(ErrorCode.conflict, "the last stand admin cannot be removed");
      }
      await tx
        .delete(standStaff)
        .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)));
    });
    // Their open consoles close, and every process forgets the membership.
    await this.events.emit("staff.removed", { standId, userId });
  }

  async setLanguages(
    standId: string,
    userId: string,
    languages: Language[],
  ): Promise<StandStaffMember> {
    const [row] = await this.db
      .update(standStaff)
      .set({ languages })
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
      .returning({ userId: standStaff.userId });
    if (!row) throw new AppError(ErrorCode.notFound, "not on this stand's staff");
    await this.events.emit("staff.changed", { standId, userId });
    const [member] = await this.#members(
      and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)),
    );
    return member!;
  }

  #members(where: SQL | undefined): Promise<StandStaffMember[]> {
    return this.db
      .select({
        userId: standStaff.userId,
        displayName: users.displayName,
        email: users.email,
        role: standStaff.role,
        languages: standStaff.languages,
      })
      .from(standStaff)
      .innerJoin(users, eq(users.id, standStaff.userId))
      .where(where)
      .orderBy(asc(standStaff.role), asc(users.displayName), asc(users.id));
  }
}
