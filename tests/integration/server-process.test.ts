/**
 * The server as a process: bad configuration and an unreachable database fail
 * fast with a message naming the variable; a running server with a real
 * mediasoup worker shuts down cleanly on SIGTERM, telling its sockets first.
 */
import { rm } from "node:fs/promises";
import { io as connectSocket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "@crossfair/shared";
import { makeDataDir } from "../support/app.js";
import { descendantsNamed, runServerToExit, startServer } from "../support/server-process.js";

const dataDirs: string[] = [];
afterAll(async () => {
  for (const directory of dataDirs) await rm(directory, { recursive: true, force: true });
});

describe("server process start-up", () => {
  it("names every bad variable and exits non-zero", async () => {
    const { code, output } = await runServerToExit({
      PORT: "not-a-port",
      DATABASE_URL: "mysql://root@localhost/db",
      REDIS_URL: "http://localhost",
    });
    expect(code).toBe(1);
    expect(output).toContain("Invalid configuration");
    expect(output).toMatch(/PORT: .*not-a-port/);
    expect(output).toMatch(/DATABASE_URL: must start with postgres/);
    expect(output).toMatch(/REDIS_URL: must start with redis/);
  });

  it("fails fast with a message naming DATABASE_URL when PostgreSQL cannot be reached", async () => {
    const started = Date.now();
    const { code, output } = await runServerToExit({
      DATABASE_URL: "postgres://nobody:secret@127.0.0.1:1/nowhere",
      MEDIA_WORKERS: "0",
    });
    expect(code).toBe(1);
    expect(output).toContain(
      "Cannot connect to DATABASE_URL (postgres://nobody:***@127.0.0.1:1/nowhere)",
    );
    expect(output).not.toContain("secret");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("fails fast with a message naming REDIS_URL when Redis cannot be reached", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const { code, output } = await runServerToExit({
      DATA_DIR: dataDir,
      REDIS_URL: "redis://127.0.0.1:1",
      MEDIA_WORKERS: "0",
    });
    expect(code).toBe(1);
    expect(output).toContain("Cannot connect to REDIS_URL (redis://127.0.0.1:1)");
  });
});

describe("graceful shutdown", () => {
  it("disconnects sockets, stops the mediasoup worker and exits 0 on SIGTERM", async () => {
    const dataDir = await makeDataDir();
    dataDirs.push(dataDir);
    const server = await startServer({ DATA_DIR: dataDir, MEDIA_WORKERS: "1" });
    const ready = await (await fetch(`${server.baseUrl}/readyz`)).json();
    expect(ready).toMatchObject({ status: "ready", checks: { media: { ok: true } } });

    // Looked up below the server process at any depth, whatever starts the server.
    const workerPids = descendantsNamed(server.child.pid!, "mediasoup-worker");
    expect(workerPids).toHaveLength(1);

    const socket = connectSocket(server.baseUrl, {
      transports: ["websocket"],
      reconnection: false,
    });
    const hello = await new Promise<{ protocolVersion: number }>((resolve) =>
      socket.once("system:hello", resolve),
    );
    expect(hello.protocolVersion).toBe(PROTOCOL_VERSION);
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    const code = await server.stop("SIGTERM");
    expect(code).toBe(0);
    expect(await disconnected).toBe("io server disconnect");
    // The worker ends on its own once its channel closes; give it a moment, not forever.
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => workerPids.filter(alive), { timeout: 3_000 }).toEqual([]);
    expect(server.output()).toContain("shutting down");
    socket.close();
  });
});
