/**
 * Accounts and sign-in sessions: credentials in, an opaque token out; tokens
 * are stored hashed. The account's lifecycle by email (verification, password
 * reset by a one-time link, password change, signing out everywhere) ends
 * sessions the same way signing out does, so their sockets are cut too. A
 * suspended account (people.service.ts) opens no session: sign-in answers
 * `account_suspended`, and its cookies stop naming anyone.
 */
import { and, eq, lt, ne } from "drizzle-orm";
import {
  type AccountUpdateBody,
  ErrorCode,
  type PasswordChangeBody,
  type PasswordResetBody,
  type Language,
  type SessionUser,
  type SignUpBody,
  type UserRole,
} from "@crossfair/shared";
import type { DomainEvents } from "../events/domain-events.js";
import type { MailService } from "../mail/mail.service.js";
import type { Database, Transaction } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { hashToken, issueToken, newToken, useToken } from "./account-tokens.js";
import { accountTokens, sessions, users } from "./auth.schema.js";
import { hashPassword, verifyPassword } from "./password.js";
import { SessionLookup } from "./session-lookup.js";

export { hashToken, newToken };

/** Verified against when the email is unknown, so timing does not reveal which emails exist. */
const decoyHash = hashPassword("crossfair-decoy-password");

/** A reset link works for an hour; a verification link for a week (people read mail late). */
const RESET_TOKEN_TTL_MS = 3_600_000;
export const VERIFICATION_TOKEN_TTL_MS = 7 * 24 * 3_600_000;

export interface SignedInSession {
  user: SessionUser;
  /** The session's token hash: its id in logs, rooms and events, never the token itself. */
  sessionId: string;
  expiresAt: Date;
}

export class AuthService {
  /**
   * `events` hears of ended sessions (`session.ended`), `observer` of failed
   * sign-ins (the metrics), `mail` sends the account's links; the admin CLI
   * has none of them.
   */
  constructor(
    private readonly db: Database,
    private readonly sessionTtlHours: number,
    private readonly events?: Pick<DomainEvents, "emit">,
    private readonly observer?: { signInFailed(): void },
    private readonly mail?: MailService,
  ) {
    this.#sessions = new SessionLookup(db);
  }

  readonly #sessions: SessionLookup;

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

  /**
   * Creates an account with the given role and signs it in (a stand's
   * registration, an accepted staff invitation; candidates sign up through
   * sign-up.service.ts, which answers the same for a taken email). `alongWith`
   * runs in the same transaction right after the account is inserted (a stand,
   * a staff row…), so both exist or neither does. The password is hashed before
   * the transaction opens. A taken email is a `conflict` on `emailField`.
   * `verified`: the email is known to be the person's already (an invitation
   * link reached that mailbox), so no verification mail goes.
   */
  async createAccount(
    input: SignUpBody,
    role: UserRole,
    options: {
      emailField?: string;
      verified?: boolean;
      alongWith?: (tx: Transaction, user: SessionUser) => Promise<void>;
    } = {},
  ): Promise<{ user: SessionUser; token: string }> {
    const passwordHash = await hashPassword(input.password);
    const { signedIn, verification } = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          email: input.email.trim().toLowerCase(),
          passwordHash,
          displayName: input.displayName,
          role,
          uiLanguage: input.uiLanguage,
          ...(options.verified ? { emailVerifiedAt: new Date() } : {}),
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
      const verification =
        this.mail && !options.verified
          ? await issueToken(tx, created.id, "email_verification", VERIFICATION_TOKEN_TTL_MS)
          : null;
      return { signedIn: await this.openSession(created, tx), verification };
    });
    // After the commit: the link must find its token. Sign-up does not wait for the mail.
    if (verification) {
      void this.mail?.send("emailVerification", signedIn.user, {
        link: this.mail.link(`/verify-email/${verification}`),
      });
    }
    return signedIn;
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
    // Told only after the right password: a guesser learns nothing about the account.
    if (user.suspendedAt) {
      throw new AppError(ErrorCode.accountSuspended, "this account is suspended");
    }
    // Until the mailed link is followed; "send it again" is offered with this answer.
    if (!user.emailVerifiedAt) {
      throw new AppError(ErrorCode.emailUnverified, "confirm your email address first");
    }
    return this.openSession(user);
  }

  /** A new session for the account (inside the caller's transaction when given one). */
  async openSession(
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
    const row = await this.#sessions.find(hashToken(token));
    return row
      ? { user: toSessionUser(row.user), sessionId: row.sessionId, expiresAt: row.expiresAt }
      : null;
  }

  /** Ends the session and, through `session.ended`, cuts its sockets in every process. */
  async signOut(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.#endSessions(
      await this.db
        .delete(sessions)
        .where(eq(sessions.tokenHash, hashToken(token)))
        .returning({ sessionId: sessions.tokenHash }),
    );
  }

  /** Ends every session of the signed-in user, this one included. */
  async signOutEverywhere(token: string | undefined): Promise<void> {
    const session = await this.#signedIn(token);
    await this.#endSessions(
      await this.db
        .delete(sessions)
        .where(eq(sessions.userId, session.user.id))
        .returning({ sessionId: sessions.tokenHash }),
    );
  }

  /**
   * "Forgot password": mails a one-time link when the email has an account, and
   * does nothing otherwise. The caller answers the same either way, before this
   * finishes, so neither the answer nor its timing tells whether the account exists.
   * A new link replaces the account's earlier ones.
   */
  async requestPasswordReset(email: string): Promise<void> {
    if (!this.mail) return;
    const [user] = await this.db
      .select()
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    if (!user) return;
    const token = await this.db.transaction(async (tx) => {
      await tx
        .delete(accountTokens)
        .where(and(eq(accountTokens.userId, user.id), eq(accountTokens.purpose, "password_reset")));
      return issueToken(tx, user.id, "password_reset", RESET_TOKEN_TTL_MS);
    });
    await this.mail.send("passwordReset", toSessionUser(user), {
      link: this.mail.link(`/reset-password/${token}`),
    });
  }

  /**
   * Sets a new password from a reset link (once: the token is used up) and ends
   * every session of the account. Following the link proves the mailbox is the
   * person's, so the email counts as verified too.
   */
  async resetPassword({ token, password }: PasswordResetBody): Promise<void> {
    const passwordHash = await hashPassword(password);
    const ended = await this.db.transaction(async (tx) => {
      const userId = await useToken(tx, token, "password_reset");
      const [user] = await tx
        .update(users)
        .set({ passwordHash })
        .where(eq(users.id, userId))
        .returning({ emailVerifiedAt: users.emailVerifiedAt });
      if (user && !user.emailVerifiedAt) {
        await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
      }
      return tx
        .delete(sessions)
        .where(eq(sessions.userId, userId))
        .returning({ sessionId: sessions.tokenHash });
    });
    await this.#endSessions(ended);
  }

  /**
   * The signed-in user changes their password, proving it with the current one;
   * their other sessions end (this one stays), and a mail tells them it happened.
   */
  async changePassword(
    token: string | undefined,
    { currentPassword, newPassword }: PasswordChangeBody,
  ): Promise<void> {
    const session = await this.#signedIn(token);
    const [row] = await this.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, session.user.id))
      .limit(1);
    if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
      this.observer?.signInFailed();
      throw new AppError(
        ErrorCode.invalidCredentials,
        "the current password is wrong",
        "currentPassword",
      );
    }
    const passwordHash = await hashPassword(newPassword);
    const ended = await this.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, session.user.id));
      return tx
        .delete(sessions)
        .where(and(eq(sessions.userId, session.user.id), ne(sessions.tokenHash, session.sessionId)))
        .returning({ sessionId: sessions.tokenHash });
    });
    await this.#endSessions(ended);
    if (this.mail) {
      void this.mail.send("passwordChanged", session.user, { link: this.mail.link("/sign-in") });
    }
  }

  async #signedIn(token: string | undefined): Promise<SignedInSession> {
    const session = await this.sessionForToken(token);
    if (!session) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return session;
  }

  #endSessions(ended: { sessionId: string }[]): Promise<void> {
    return announceEndedSessions(this.events, ended);
  }
}

/** Tells every process that these sessions ended (`session.ended`), so their sockets are cut. */
export async function announceEndedSessions(
  events: Pick<DomainEvents, "emit"> | undefined,
  ended: { sessionId: string }[],
): Promise<void> {
  // The event carries at most 1,000 ids; an account with more sessions is told in parts.
  for (let start = 0; start < ended.length; start += 1_000) {
    const sessionIds = ended.slice(start, start + 1_000).map((row) => row.sessionId);
    await events?.emit("session.ended", { sessionIds });
  }
}

export function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    uiLanguage: user.uiLanguage as Language,
  };
}
