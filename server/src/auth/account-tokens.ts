/**
 * The one-time tokens of emailed links (password reset, email verification):
 * issued fresh, stored only as their hash, used up once. Expired ones are swept
 * whenever a new one is issued.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { ErrorCode } from "@crossfair/shared";
import type { Transaction } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { accountTokens } from "./auth.schema.js";

/** Secret tokens (sessions, invitation links) are stored as their SHA-256, never as themselves. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A fresh secret token: 32 random bytes, base64url. */
export const newToken = () => randomBytes(32).toString("base64url");

export type TokenPurpose = (typeof accountTokens.$inferInsert)["purpose"];

/** A fresh token for an emailed link; only its hash is stored. Expired tokens are swept. */
export async function issueToken(
  tx: Pick<Transaction, "insert" | "delete">,
  userId: string,
  purpose: TokenPurpose,
  ttlMs: number,
): Promise<string> {
  const token = newToken();
  await tx.delete(accountTokens).where(lt(accountTokens.expiresAt, new Date()));
  await tx.insert(accountTokens).values({
    tokenHash: hashToken(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return token;
}

/** Uses a link's token up (deleting it), answering its account; `invalid_token` if none. */
export async function useToken(
  tx: Pick<Transaction, "delete">,
  token: string,
  purpose: TokenPurpose,
): Promise<string> {
  const [used] = await tx
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        gt(accountTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: accountTokens.userId });
  if (!used) throw new AppError(ErrorCode.invalidToken, "this link is invalid, used or expired");
  return used.userId;
}
