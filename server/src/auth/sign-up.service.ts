/**
 * A candidate's sign-up, which never tells whether an email has an account,
 * and the email verification that completes it. Sign-up answers "check your
 * email" either way, after the same work (one password hash, one insert
 * attempt): a new email gets its unverified account and the verification
 * link; an email that has an account gets, in its owner's language, a mail
 * saying someone tried to sign up with it, with links to sign in and to
 * choose a new password. Nobody is signed in until the link is followed;
 * following it verifies the email and signs the person in (once).
 *
 * Where the development mailbox is open (no SMTP_URL, not production), each
 * answer carries the id of the message it sent, so the demo's visitor, who
 * cannot read mail, can open that message (mail.routes.ts).
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import {
  ErrorCode,
  type CheckEmailAnswer,
  type SessionUser,
  type SignUpBody,
  type UserRole,
} from "@crossfair/shared";
import type { MailService } from "../mail/mail.service.js";
import type { MailParams } from "../mail/mail.templates.js";
import type { Database, Transaction } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { issueToken, useToken } from "./account-tokens.js";
import { accountTokens, users } from "./auth.schema.js";
import { toSessionUser, VERIFICATION_TOKEN_TTL_MS, type AuthService } from "./auth.service.js";
import { hashPassword } from "./password.js";

type Account = typeof users.$inferSelect;

/** The mails an email's owner may get when someone signs up with it, and their words' parameters. */
type AttemptMail =
  | ["signUpAttempt", Omit<MailParams["signUpAttempt"], "name">]
  | ["standRegistrationAttempt", Omit<MailParams["standRegistrationAttempt"], "name">];

/** What a sign-up is for: the account's role, what is written with it, and the owner's mail. */
export interface SignUpPurpose {
  role: UserRole;
  /** Runs in the new account's transaction; nothing runs when the email has an account. */
  alongWith?: (tx: Transaction, user: SessionUser) => Promise<void>;
  /** The mail to the email's owner (`link` signs in, `resetLink` chooses a new password). */
  attempt: (link: string, resetLink: string) => AttemptMail;
}

export class SignUpService {
  constructor(
    private readonly db: Database,
    private readonly auth: Pick<AuthService, "openSession">,
    private readonly mail?: MailService,
  ) {}

  /** Whether answers name the message they sent (the development mailbox is open). */
  get #showsMessages(): boolean {
    return this.mail?.devMailboxOpen ?? false;
  }

  #answer(messageId: string | undefined): CheckEmailAnswer {
    return messageId
      ? { status: "check_email", devMailbox: { messageId } }
      : { status: "check_email" };
  }

  /** Signs a candidate up, or tells the email's owner someone tried; the same answer either way. */
  async signUp(input: SignUpBody): Promise<CheckEmailAnswer> {
    return this.signUpFor(input, {
      role: "candidate",
      attempt: (link, resetLink) => ["signUpAttempt", { link, resetLink }],
    });
  }

  /**
   * A new account for `purpose`, written with what comes along with it (a stand's registration:
   * the stand and its staff row) in one transaction, or the owner's mail when the email has an
   * account (then nothing is written). The same answer, after the same work, either way.
   */
  async signUpFor(input: SignUpBody, purpose: SignUpPurpose): Promise<CheckEmailAnswer> {
    // Hashed on both paths, before anything else: a taken email answers as slowly as a new one.
    const passwordHash = await hashPassword(input.password);
    const email = input.email.trim().toLowerCase();
    const outcome = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          email,
          passwordHash,
          displayName: input.displayName,
          role: purpose.role,
          uiLanguage: input.uiLanguage,
        })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (created) {
        await purpose.alongWith?.(tx, toSessionUser(created));
        const token = this.mail
          ? await issueToken(tx, created.id, "email_verification", VERIFICATION_TOKEN_TTL_MS)
          : null;
        return { created, token };
      }
      const [owner] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
      return { owner };
    });
    if (!this.mail) return this.#answer(undefined);
    const messageId = this.#showsMessages ? randomUUID() : undefined;
    // After the commit (the link must find its token); the answer does not wait for delivery.
    if ("created" in outcome && outcome.token) {
      void this.mail.send(
        "emailVerification",
        toSessionUser(outcome.created),
        { link: this.mail.link(`/verify-email/${outcome.token}`) },
        { messageId },
      );
    } else if ("owner" in outcome && outcome.owner) {
      // To the owner, in their language, by their name: never to whoever typed the address.
      const [kind, params] = purpose.attempt(
        this.mail.link("/sign-in"),
        this.mail.link("/forgot-password"),
      );
      void this.mail.send(kind, toSessionUser(outcome.owner), params as never, { messageId });
    }
    return this.#answer(messageId);
  }

  /**
   * Follows a verification link: the email counts as verified and the person is
   * signed in. The token is used up, so a replayed link is `invalid_token`; a
   * suspended account is verified but opens no session (`account_suspended`).
   */
  async verifyEmail(token: string): Promise<{ user: SessionUser; token: string }> {
    const account = await this.db.transaction(async (tx) => {
      const userId = await useToken(tx, token, "email_verification");
      await tx
        .update(users)
        .set({ emailVerifiedAt: new Date() })
        .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
      const [row] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
      return row;
    });
    if (!account)
      throw new AppError(ErrorCode.invalidToken, "this link is invalid, used or expired");
    if (account.suspendedAt) {
      throw new AppError(ErrorCode.accountSuspended, "this account is suspended");
    }
    return this.auth.openSession(account);
  }

  /**
   * "Send the link again": a fresh verification link (replacing the earlier
   * ones) when the email has an unverified, unsuspended account; nothing
   * otherwise. Resolves to the id of the message sent, where answers name it.
   * The route answers the same whatever this finds.
   */
  async resendVerification(email: string): Promise<string | undefined> {
    if (!this.mail) return undefined;
    const [account] = await this.db
      .select()
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    if (!account || account.emailVerifiedAt || account.suspendedAt) return undefined;
    const token = await this.#replaceVerificationToken(account);
    const messageId = this.#showsMessages ? randomUUID() : undefined;
    await this.mail.send(
      "emailVerification",
      toSessionUser(account),
      { link: this.mail.link(`/verify-email/${token}`) },
      { messageId },
    );
    return messageId;
  }

  /** Whether the caller should wait for `resendVerification` to name its message. */
  get answersNameMessages(): boolean {
    return this.#showsMessages;
  }

  /** The answer of "send the link again", with the message's id where answers name it. */
  resendAnswer(messageId: string | undefined): CheckEmailAnswer {
    return this.#answer(messageId);
  }

  #replaceVerificationToken(account: Account): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx
        .delete(accountTokens)
        .where(
          and(
            eq(accountTokens.userId, account.id),
            eq(accountTokens.purpose, "email_verification"),
          ),
        );
      return issueToken(tx, account.id, "email_verification", VERIFICATION_TOKEN_TTL_MS);
    });
  }
}
