/**
 * Creates a fair admin account against the configured database:
 *   CROSSFAIR_ADMIN_PASSWORD=… pnpm --filter @crossfair/server admin:create -- admin@example.org "Ada Admin"
 * The password comes from the environment so it stays out of shell history.
 */
import { pino } from "pino";
import { emailSchema, signUpBodySchema } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { hashPassword } from "../auth/password.js";
import { ConfigError, parseConfig } from "../config.js";
import { openDatabase } from "../plugins/db.js";

async function main(): Promise<number> {
  const [email, ...nameParts] = process.argv.slice(2).filter((arg) => arg !== "--");
  const displayName = nameParts.join(" ").trim();
  const password = process.env.CROSSFAIR_ADMIN_PASSWORD ?? "";
  const parsed = signUpBodySchema.safeParse({ email, password, displayName });
  if (!email || !emailSchema.safeParse(email).success || !parsed.success) {
    console.error(
      'usage: CROSSFAIR_ADMIN_PASSWORD=<at least 10 characters> admin:create <email> "<display name>"',
    );
    if (!parsed.success)
      console.error(parsed.error.issues.map((issue) => issue.message).join("\n"));
    return 2;
  }
  const config = parseConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolSize: 1,
    log: pino({ level: "warn" }),
  });
  try {
    const [created] = await database.db
      .insert(users)
      .values({
        email: parsed.data.email.toLowerCase(),
        passwordHash: await hashPassword(parsed.data.password),
        displayName: parsed.data.displayName,
        role: "fair_admin",
        // The operator vouches for the address; an admin is not asked to confirm it.
        emailVerifiedAt: new Date(),
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) {
      console.error(`An account with the email ${parsed.data.email} exists already.`);
      return 1;
    }
    console.info(`Fair admin ${parsed.data.email} created (${created.id}).`);
    return 0;
  } finally {
    await database.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
