/**
 * What reaches the logs when things fail: a query that fails on a candidate's
 * sign-up leaves neither the email, the name nor the password's hash, and a
 * request log keeps the route but not the invitation token in its URL.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/app.js";

describe("log redaction", () => {
  let app: TestApp;
  const lines: string[] = [];
  const logged = () => lines.join("");

  beforeAll(async () => {
    app = await buildTestApp({ LOG_LEVEL: "info" }, undefined, {
      write: (line: string) => void lines.push(line),
    });
  });
  afterAll(async () => app?.dispose());

  it("logs a failed query by its SQL and constraint, without the values bound to it", async () => {
    // A rule the database enforces and the app does not know: the insert fails as a bug would.
    await app.database.db.execute(
      sql`alter table users add constraint log_test_no_secret check (email not like '%secretive%')`,
    );
    const email = "secretive.person@example.org";
    const password = "a long and private passphrase";
    const response = await app.http.inject({
      method: "POST",
      url: "/api/auth/sign-up",
      payload: { email, password, displayName: "Zoë Privée", uiLanguage: "fr" },
    });
    expect(response.statusCode).toBe(500);
    const text = logged();
    expect(text).toContain("unhandled error");
    expect(text).toContain("insert into");
    expect(text).toContain("log_test_no_secret");
    expect(text).toContain("[redacted]");
    for (const secret of [email, "secretive", password, "Zoë Privée", "$argon2"]) {
      expect(text, secret).not.toContain(secret);
    }
    await app.database.db.execute(sql`alter table users drop constraint log_test_no_secret`);
  });

  it("logs requests without the secrets in their URL, and never their cookies", async () => {
    lines.length = 0;
    const token = "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4";
    await app.http.inject({
      url: `/api/invitations/${token}`,
      headers: { cookie: "crossfair_session=very-secret-session" },
    });
    const text = logged();
    expect(text).toContain("/api/invitations/[redacted]");
    expect(text).not.toContain(token);
    expect(text).not.toContain("very-secret-session");
  });
});
