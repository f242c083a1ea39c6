import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, configTableMarkdown, parseConfig, redactUrl } from "./config.js";

describe("parseConfig", () => {
  it("needs nothing for the embedded demo", () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.SEED_DEMO).toBe(true);
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(config.MEDIA_WORKERS).toBeGreaterThan(0);
  });

  it("does not seed a PostgreSQL database unless asked", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u@h/db" }).SEED_DEMO).toBe(false);
    expect(parseConfig({ DATABASE_URL: "postgres://u@h/db", SEED_DEMO: "true" }).SEED_DEMO).toBe(
      true,
    );
    expect(parseConfig({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
  });

  it("never seeds the demo (and its public passwords) in production unless asked", () => {
    expect(parseConfig({ NODE_ENV: "production" }).SEED_DEMO).toBe(false);
    expect(parseConfig({ NODE_ENV: "production", SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(parseConfig({ NODE_ENV: "development" }).SEED_DEMO).toBe(true);
  });

  it("serves the API docs and readiness details in production only when asked", () => {
    const production = parseConfig({ NODE_ENV: "production" });
    expect([production.API_DOCS, production.READINESS_DETAILS]).toEqual([false, false]);
    const asked = parseConfig({
      NODE_ENV: "production",
      API_DOCS: "true",
      READINESS_DETAILS: "true",
    });
    expect([asked.API_DOCS, asked.READINESS_DETAILS]).toEqual([true, true]);
    const development = parseConfig({ NODE_ENV: "development" });
    expect([development.API_DOCS, development.READINESS_DETAILS]).toEqual([true, true]);
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names every bad variable at once", () => {
    let caught: unknown;
    try {
      parseConfig({ PORT: "70000", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x/y" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join("\n");
    expect(problems).toMatch(/^PORT: .*"70000"/m);
    expect(problems).toMatch(/^LOG_LEVEL: /m);
    expect(problems).toMatch(/^DATABASE_URL: must start with postgres/m);
    expect(problems).not.toContain("mysql://x/y");
  });

  it("asks for the TURN secret with a TURN server, and a TURN server to relay through", () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return "";
      } catch (error) {
        return (error as ConfigError).problems.join("\n");
      }
    };
    expect(problems({ TURN_URLS: "turns:turn.example.org:443?transport=tcp" })).toMatch(
      /^TURN_SECRET: /m,
    );
    expect(problems({ TURN_RELAY_ONLY: "true" })).toMatch(/^TURN_RELAY_ONLY: /m);
    expect(problems({ TURN_URLS: "http://turn.example.org" })).toMatch(/^TURN_URLS: /m);
    // STUN needs no credentials.
    expect(problems({ TURN_URLS: "stun:stun.example.org:3478" })).toBe("");
    expect(
      parseConfig({
        TURN_URLS: "turn:10.0.0.3:3478?transport=tcp,turns:turn.example.org:443?transport=tcp",
        TURN_SECRET: "a-long-enough-secret",
        TURN_RELAY_ONLY: "yes",
      }),
    ).toMatchObject({ TURN_RELAY_ONLY: true, TURN_CREDENTIAL_TTL_SECONDS: 3_600 });
  });

  it("redacts passwords from connection URLs", () => {
    expect(redactUrl("postgres://user:hunter2@db:5432/app")).toBe(
      "postgres://user:***@db:5432/app",
    );
    expect(redactUrl("::")).toBe("<unparseable url>");
  });
});

describe("README settings table", () => {
  // Prettier pads table cells, so both sides are compared with runs of spaces and dashes collapsed.
  const normalise = (markdown: string) => markdown.replace(/ +/g, " ").replace(/-{3,}/g, "---");

  it("is the one generated from the schema", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(normalise(readme)).toContain(normalise(configTableMarkdown()));
  });
});
