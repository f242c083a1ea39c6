/** Sign-in sessions: credentials in, an opaque token out; tokens are stored hashed. */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import {
  type AccountUpdateBody,
  ErrorCode,
  type Language,
  type SessionUser,
  type SignUpBody,
  type UserRole,
} from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database, Transaction } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { sessions, users } from "./auth.schema.js";
import { hashPassword, verifyPassword } from "./password.js";

/** Secret tokens (sessions, invitation links) are stored as their SHA-256, never as themselves. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A fresh secret token: 32 random bytes, base64url. */
export const newToken = () => randomBytes(32).toString("base64url");

/** Verified against when the email is unknown, so timing does not reveal which emails exist. */
const decoyHash = hashPassword("crossfair-decoy-password");

export interface SignedInSession {
  user: SessionUser;
  /** The session's token hash: its id in logs, rooms and events, never the token itself. */
  sessionId: string;
  expiresAt: Date;
}

export class AuthService {
  /**
   * `events` hears of ended sessions (`session.ended`), `observer` of failed
   * sign-ins (the metrics); the admin CLI has neither.
   */
  constructor(
    private readonly db: Database,
    private readonly sessionTtlHours: number,
    private readonly events?: Pick<DomainEvents, "emit">,
    private readonly observer?: { signInFailed(): void },
  ) {}

  /**
   * Deletes an account inside the caller's transaction (the candidate's own
   * deletion, with what it erases first); false when there was none. The
   * database cascades or nulls what references it.
   */
  async deleteAccount(tx: Pick<Transaction, "delete">, userId: string): Promise<boolean> {
    const [deleted] = await tx
      .delete(users)
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    return deleted !== undefined;
  }

  /** Makes a recruiter a stand admin inside the caller's transaction (an accepted invitation). */
  async promoteToStandAdmin(tx: Pick<Transaction, "update">, userId: string): Promise<void> {
    await tx.update(users).set({ role: "stand_admin" }).where(eq(users.id, userId));
  }

  /** Creates a candidate account and signs it in. */
  signUp(input: SignUpBody): Promise<{ user: SessionUser; token: string }> {
    return this.createAccount(input, "candidate");
  }

  /**
   * Creates an account with the given role and signs it in. `alongWith` runs
   * in the same transaction right after the account is inserted (a stand, a
   * staff row…), so both exist or neither does. The password is hashed before
   * the transaction opens. A taken email is a `conflict` on `emailField`.
   */
  async createAccount(
    input: SignUpBody,
    role: UserRole,
    options: {
      emailField?: string;
      alongWith?: (tx: Transaction, user: SessionUser) => Promise<void>;
    } = {},
  ): Promise<{ user: SessionUser; token: string }> {
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          email: input.email.trim().toLowerCase(),
          passwordHash,
          displayName: input.displayName,
          role,
          uiLanguage: input.uiLanguage,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (!created) {
        throw new AppError(
          ErrorCode.conflict,
          "an account with this email exists",
          options.emailField ?? "email",
        );
      }
      await options.alongWith?.(tx, toSessionUser(created));
      return this.#openSession(created, tx);
    });
  }

  /** Changes the user's own name or UI language; the UI language is remembered for their next visit. */
  async updateAccount(userId: string, changes: AccountUpdateBody): Promise<SessionUser> {
    const [updated] = await this.db
      .update(users)
      .set(changes)
      .where(eq(users.id, userId))
      .returning();
    if (!updated) throw new AppError(ErrorCode.notFound, "no such account");
    return toSessionUser(updated);
  }

  async signIn(email: string, password: string): Promise<{ user: SessionUser; token: string }> {
    const [user] = await this.db
      .select()
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
    if (!user || !valid) {
      this.observer?.signInFailed();
      throw new AppError(ErrorCode.invalidCredentials, "email or password is wrong");
    }
    return this.#openSession(user);
  }

  async #openSession(
    user: typeof users.$inferSelect,
    db: Pick<Database, "insert" | "delete"> = this.db,
  ): Promise<{ user: SessionUser; token: string }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.sessionTtlHours * 3_600_000);
    await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt });
    await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
    return { user: toSessionUser(user), token };
  }

  async userForToken(token: string | undefined): Promise<SessionUser | null> {
    return (await this.sessionForToken(token))?.user ?? null;
  }

  /** The signed-in session a token opens: its user, its id (the token's hash) and its end. */
  async sessionForToken(token: string | undefined): Promise<SignedInSession | null> {
    if (!token) return null;
    const [row] = await this.db
      .select({ user: users, sessionId: sessions.tokenHash, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
      .limit(1);
    return row
      ? { user: toSessionUser(row.user), sessionId: row.sessionId, expiresAt: row.expiresAt }
      : null;
  }

  /** Ends the session and, through `session.ended`, cuts its sockets in every process. */
  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    const ended = await this.db
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
      .returning({ sessionId: sessions.tokenHash });
    if (ended.length > 0) {
      await this.events?.emit("session.ended", { sessionIds: ended.map((row) => row.sessionId) });
    }
  }
}

function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    uiLanguage: user.uiLanguage as Language,
  };
}
