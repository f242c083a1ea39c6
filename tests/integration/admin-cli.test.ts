/** The first fair admin comes from the command line: `pnpm --filter @crossfair/server admin:create`. */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildTestApp, makeDataDir } from "../support/app.js";
import { repoRoot } from "../support/server-process.js";

const run = promisify(execFile);

async function createAdmin(dataDir: string, password: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/create-admin.ts", ...args],
      {
        cwd: path.join(repoRoot, "server"),
        env: { ...process.env, DATA_DIR: dataDir, CROSSFAIR_ADMIN_PASSWORD: password },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe("admin:create", () => {
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const directory of dataDirs) await rm(directory, { recursive: true, force: true });
  });

  it("creates a fair admin who can sign in, once per email", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const created = await createAdmin(
      dataDir,
      "a long admin password",
      "ada@example.org",
      "Ada",
      "Admin",
    );
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).toContain("Fair admin ada@example.org created");
    const again = await createAdmin(dataDir, "a long admin password", "ada@example.org", "Ada");
    expect(again.code).toBe(1);
    expect(again.output).toContain("exists already");

    const app = await buildTestApp({ SEED_DEMO: "false" }, dataDir);
    try {
      const signIn = await app.http.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: "ada@example.org", password: "a long admin password" },
      });
      expect(signIn.json()).toMatchObject({
        user: { role: "fair_admin", displayName: "Ada Admin" },
      });
    } finally {
      await app.close();
    }
  });

  it("refuses a short password or a missing name with usage help", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const short = await createAdmin(dataDir, "short", "bob@example.org", "Bob");
    expect(short.code).toBe(2);
    expect(short.output).toContain("usage:");
    const nameless = await createAdmin(dataDir, "a long admin password", "bob@example.org");
    expect(nameless.code).toBe(2);
  });
});
