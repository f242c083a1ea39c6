/** The one way every domain finds a fair, by its slug or as the current one: the row, or `not_found`. */
import { desc, eq, inArray, sql } from "drizzle-orm";
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

/** The fair the hall shows: the live one, else the newest open for registration. */
export async function currentFair(db: Pick<Database, "select">): Promise<FairRow> {
  const [fair] = await db
    .select()
    .from(fairs)
    .where(inArray(fairs.status, ["live", "registration_open"]))
    .orderBy(sql`case ${fairs.status} when 'live' then 0 else 1 end`, desc(fairs.startsAt))
    .limit(1);
  if (!fair) throw new AppError(ErrorCode.notFound, "no fair is open");
  return fair;
}
