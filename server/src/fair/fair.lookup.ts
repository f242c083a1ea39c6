/** The one way every domain finds a fair by its slug: the row, or `not_found`. */
import { eq } from "drizzle-orm";
import { ErrorCode } from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { fairs } from "./fair.schema.js";

export type FairRow = typeof fairs.$inferSelect;

export async function fairBySlug(db: Pick<Database, "select">, slug: string): Promise<FairRow> {
  const [fair] = await db.select().from(fairs).where(eq(fairs.slug, slug)).limit(1);
  if (!fair) throw new AppError(ErrorCode.notFound, `no fair "${slug}"`);
  return fair;
}
