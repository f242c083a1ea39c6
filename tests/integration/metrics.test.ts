/**
 * `GET /metrics`: off without METRICS_TOKEN, hidden from callers without the
 * token, and with it the figures an operator watches: socket events timed by
 * event and outcome, HTTP requests by route pattern, sockets and outbox lag,
 * each live stand's queue and wait estimate, live interviews and their
 * media, the media workers, and refused sign-ins.
 */
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairHallSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import { connectClient, type TestSocket } from "../support/socket-client.js";

const TOKEN = "metrics-token-for-the-test-0123";

async function listen(app: TestApp): Promise<string> {
  await app.http.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}

/** The value of one sample line, e.g. `name{a="b"} 3`; null when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const matches = Object.entries(labels).every(([key, value]) =>
      line.includes(`${key}="${value}"`),
    );
    if (matches) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

describe("metrics endpoint", () => {
  let app: TestApp;
  let baseUrl: string;
  let socket: TestSocket;

  beforeAll(async () => {
    app = await buildTestApp({ METRICS_TOKEN: TOKEN });
    baseUrl = await listen(app);
    socket = (await connectClient(baseUrl)).socket;
  });
  afterAll(async () => {
    socket?.close();
    await app?.dispose();
  });

  it("answers 404 like an unknown route without the right bearer token", async () => {
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await fetch(`${baseUrl}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("times socket events by event and outcome, and HTTP requests by route pattern", async () => {
    await socket.emitWithAck("system:ping", { sentAt: 1 });
    const untyped = socket as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    await untyped.emitWithAck("system:ping", { sentAt: "soon" });
    await fetch(`${baseUrl}/api/auth/me`);

    const response = await fetch(`${baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const events = "crossfair_socket_event_duration_seconds_count";
    expect(sample(text, events, { event: "system:ping", outcome: "ok" })).toBe(1);
    expect(sample(text, events, { event: "system:ping", outcome: "validation_failed" })).toBe(1);
    const http = "crossfair_http_request_duration_seconds_count";
    expect(sample(text, http, { method: "GET", route: "/api/auth/me", status: "401" })).toBe(1);
    expect(sample(text, "crossfair_sockets", {})).toBe(1);
    expect(sample(text, "crossfair_outbox_pending_records", {})).toBe(0);
    expect(sample(text, "crossfair_nodejs_eventloop_lag_p99_seconds", {})).not.toBeNull();
  });

  it("shows each live stand's queue and wait, the interviews and media, and refused sign-ins", async () => {
    const cookie = await signInCookie(app, "candidate@crossfair.test");
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
    );
    const stand = hall.stands.find((entry) => entry.organisationName === "Flanders Food Factory")!;
    const { socket: candidate } = await connectClient(baseUrl, cookie);
    const { socket: recruiter } = await connectClient(
      baseUrl,
      await signInCookie(app, "recruiter@crossfair.test"),
    );
    try {
      // A recruiter taking candidates gives the stand a wait estimate.
      await recruiter.emitWithAck("staff:console", { standId: stand.id });
      expect(
        await candidate.emitWithAck("queue:join", {
          standId: stand.id,
          consentToShareProfile: true,
        }),
      ).toMatchObject({ ok: true });
      for (let attempt = 0; attempt < 2; attempt += 1) {
        await app.http.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { email: "candidate@crossfair.test", password: "not the password at all" },
        });
      }
      const text = await (
        await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).text();
      expect(sample(text, "crossfair_queue_entries", { stand: stand.id, state: "waiting" })).toBe(
        1,
      );
      expect(sample(text, "crossfair_queue_entries", { stand: stand.id, state: "called" })).toBe(0);
      expect(
        sample(text, "crossfair_queue_wait_estimate_seconds", { stand: stand.id }),
      ).toBeGreaterThan(0);
      expect(sample(text, "crossfair_sign_in_failures_total", {})).toBe(2);
      expect(sample(text, "crossfair_interviews_live", {})).toBe(0);
      expect(sample(text, "crossfair_media_streams", { kind: "consumer" })).toBe(0);
      expect(sample(text, "crossfair_media_workers_live", {})).toBe(0);
    } finally {
      candidate.close();
      recruiter.close();
    }
  });
});

describe("metrics endpoint without METRICS_TOKEN", () => {
  it("is off: 404 even with a bearer token", async () => {
    const app = await buildTestApp();
    try {
      const baseUrl = await listen(app);
      const response = await fetch(`${baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(404);
    } finally {
      await app.dispose();
    }
  });
});

describe("metrics endpoint with a media worker", () => {
  it("shows the worker alive and the CPU it used, and every figure the dashboard draws", async () => {
    const app = await buildTestApp({ METRICS_TOKEN: TOKEN, MEDIA_WORKERS: "1" });
    try {
      const text = (
        await app.http.inject({ url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } })
      ).body;
      expect(sample(text, "crossfair_media_workers_live", {})).toBe(1);
      const pid = String(app.media.workers[0]!.worker.pid);
      expect(sample(text, "crossfair_media_worker_cpu_seconds", { pid })).toBeGreaterThanOrEqual(0);
      // The Grafana dashboard in infra/ draws only figures the server exposes.
      const dashboard = await readFile(
        new URL("../../infra/monitoring/grafana-dashboard.json", import.meta.url),
        "utf8",
      );
      const drawn = new Set(dashboard.match(/crossfair_[a-z0-9_]+/g));
      const exposed = new Set(
        text
          .split("\n")
          .flatMap((line) => (line.startsWith("# TYPE ") ? [line.split(" ")[2]] : [])),
      );
      const base = (name: string) => name.replace(/_(bucket|count|sum|total)$/, "");
      const missing = [...drawn].filter((name) => !exposed.has(name) && !exposed.has(base(name)));
      expect(drawn.size).toBeGreaterThan(8);
      expect(missing).toEqual([]);
    } finally {
      await app.dispose();
    }
  });
});
