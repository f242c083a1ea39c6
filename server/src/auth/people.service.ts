/**
 * The fair admin's view of the accounts: finding one by email or name, and
 * suspending or reinstating it. A suspension is stored on the account with
 * its reason, ends every session of the account in the same transaction (the
 * sockets are cut in every process through `session.ended`), and is told to
 * the other domains as `account.suspended` (the queue ends the account's
 * places, each removal on record). Sign-in refuses the account until an
 * admin reinstates it.
 */
import { count, desc, eq, ilike, or, sql } from "drizzle-orm";
import {
  ErrorCode,
  offsetOf,
  type Page,
  type PeopleQuery,
  type Person,
  type SessionUser,
  type SuspensionBody,
} from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { sessions, users } from "./auth.schema.js";
import { announceEndedSessions } from "./auth.service.js";

/** `%` and `_` in what the admin typed are letters, not wildcards. */
export const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class PeopleService {
  constructor(
    private readonly db: Database,
    private readonly events: Pick<DomainEvents, "emit">,
  ) {}

  /** Accounts whose email or name holds the query (any case), newest first. */
  async find(query: PeopleQuery): Promise<Page<Person>> {
    const pattern = likePattern(query.query);
    const where = query.query
      ? or(ilike(users.email, pattern), ilike(users.displayName, pattern))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(users)
        .where(where)
        .orderBy(desc(users.createdAt), users.id)
        .limit(query.pageSize)
        .offset(offsetOf(query)),
      this.db.select({ value: count() }).from(users).where(where),
    ]);
    return {
      items: rows.map(toPerson),
      total: total?.value ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Suspends an account (a reason required) or reinstates it. Suspending ends
   * its sessions and tells every domain; suspending again only changes the
   * reason (the first date stays), reinstating an account in good standing
   * changes nothing. Nobody suspends their own account (`own_account`).
   */
  async setSuspension(
    admin: SessionUser,
    userId: string,
    { suspended, reason }: SuspensionBody,
  ): Promise<Person> {
    if (suspended && userId === admin.id) {
      throw new AppError(ErrorCode.ownAccount, "you cannot suspend your own account");
    }
    const { person, ended } = await this.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(users)
        .set(
          suspended
            ? {
                suspendedAt: sql`coalesce(${users.suspendedAt}, now())`,
                suspensionReason: reason ?? null,
              }
            : { suspendedAt: null, suspensionReason: null },
        )
        .where(eq(users.id, userId))
        .returning();
      if (!updated) throw new AppError(ErrorCode.notFound, "no such account");
      const ended = suspended
        ? await tx
            .delete(sessions)
            .where(eq(sessions.userId, userId))
            .returning({ sessionId: sessions.tokenHash })
        : [];
      return { person: toPerson(updated), ended };
    });
    if (suspended) {
      // Sockets first, so the person cannot take a new place while the old ones end.
      await announceEndedSessions(this.events, ended);
      await this.events.emit("account.suspended", { userId });
    }
    return person;
  }
}

function toPerson(user: typeof users.$inferSelect): Person {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    suspendedAt: user.suspendedAt?.toISOString() ?? null,
    suspensionReason: user.suspensionReason,
  };
}
