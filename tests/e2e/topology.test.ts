/**
 * Interviews through the production-shaped topology (infra/topology): nginx
 * TLS in front of two server processes sharing Redis and PostgreSQL, coturn,
 * and Chromium for the candidate and the recruiter each in a network
 * namespace of its own. Measured and printed, each a p50 over a few calls:
 *
 * - accept → first remote frame, peers' sockets on different processes;
 * - the same with the candidate's network letting only HTTPS out (no UDP, no
 *   other port), so media goes through TURN over TLS on 443 (coturn's log
 *   shows the candidate's relay);
 * - a killed mediasoup worker → video back on both sides;
 * - the killed process owning the session → video back on both sides.
 *
 * Speed is the benchmark's to judge: in the test suite a call only has to work
 * and recover (within a generous bound, four times the target), and the
 * figures are printed. `pnpm bench:topology` runs this suite with more samples
 * and TOPOLOGY_TARGETS=1, where the issue's targets (#11) themselves apply.
 */
import { writeFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mediaRoomDiagnosticsSchema, type MediaRoomDiagnostics } from "@crossfair/shared";
import { chromiumAvailable, requireClientBuild } from "../support/browser.js";
import { DEMO_PASSWORD } from "../support/browser-pages.js";
import { interviewPhase, joinInterview, receiveStats } from "../support/interview-media.js";
import { startTopology, topologyAvailable, type Topology } from "../support/topology.js";

const available = (await chromiumAvailable()) && (await topologyAvailable());
const STAND = "Flanders Food Factory";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SAMPLES = Number(process.env.TOPOLOGY_SAMPLES ?? 3);
/** The target under the benchmark; four times it in the suite (a shared CI machine). */
const bound = (targetMs: number) =>
  process.env.TOPOLOGY_TARGETS === "1" ? targetMs : 4 * targetMs;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.runIf(available)("interviews through the TLS, two-process, TURN topology", () => {
  let topology: Topology;
  let candidateBrowser: Browser;
  let recruiterBrowser: Browser;
  let candidate: Page;
  let recruiter: Page;
  let admin: Page;
  let standId: string;
  const figures: Record<string, number | number[]> = {};
  /** The interview under way, ended after each test even when the test failed. */
  let current: string | null = null;

  beforeAll(async () => {
    requireClientBuild();
    topology = await startTopology({ TOPOLOGY_HEARTBEAT_MS: "500" });
    candidateBrowser = await topology.launchIn(topology.candidateNs);
    recruiterBrowser = await topology.launchIn(topology.recruiterNs);
    const open = async (browser: Browser, email: string) => {
      const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        permissions: ["camera", "microphone"],
      });
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") console.warn(`[${email}] ${message.text()}`);
      });
      await page.goto(`${topology.url}/#/sign-in`);
      const answer = await page.evaluate(
        async ({ email, password }) =>
          (
            await fetch("/api/auth/sign-in", {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ email, password }),
            })
          ).status,
        { email, password: DEMO_PASSWORD },
      );
      expect(answer).toBe(200);
      // The page was loaded signed out; a reload reads the new session.
      await page.reload();
      return page;
    };
    candidate = await open(candidateBrowser, "candidate@crossfair.test");
    recruiter = await open(recruiterBrowser, "recruiter@crossfair.test");
    admin = await open(recruiterBrowser, "admin@crossfair.test");
    const hall = (await recruiter.evaluate(async () =>
      (await fetch("/api/fairs/current/hall")).json(),
    )) as { stands: { id: string; organisationName: string }[] };
    standId = hall.stands.find((stand) => stand.organisationName === STAND)!.id;
  }, 240_000);

  afterEach(async () => {
    if (!current) return;
    await recruiter.evaluate(
      async (id) => void (await fetch(`/api/interviews/${id}/end`, { method: "POST" })),
      current,
    );
    current = null;
  });

  afterAll(async () => {
    console.info(`topology figures: ${JSON.stringify(figures)}`);
    if (process.env.TOPOLOGY_FIGURES) {
      await writeFile(process.env.TOPOLOGY_FIGURES, JSON.stringify(figures));
    }
    await topology?.stop();
  });

  const serverOf = (page: Page) =>
    page.getByTestId("connection-status").getAttribute("data-server");

  const diagnostics = async (interviewId: string): Promise<MediaRoomDiagnostics> =>
    mediaRoomDiagnosticsSchema.parse(
      await admin.evaluate(
        async (id) => (await fetch(`/api/admin/media/rooms/${id}`)).json(),
        interviewId,
      ),
    );

  /** Queue, call, accept in the two pages; both join; ms from the accept to both first frames. */
  async function interview(): Promise<{ interviewId: string; ms: number }> {
    await candidate.goto(`${topology.url}/#/stands/${standId}`);
    await candidate.getByTestId("join-consent").check({ timeout: 15_000 });
    const answers = candidate.getByTestId("join-answer");
    for (let index = 0; index < (await answers.count()); index += 1) {
      await answers.nth(index).fill("Oui.");
    }
    await candidate.getByTestId("join-submit").click();
    await recruiter.goto(`${topology.url}/#/console/${standId}`);
    const callNext = recruiter.getByTestId("staff-call-next");
    await expect.poll(() => callNext.isEnabled(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => recruiter.getByTestId("staff-queue-row").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await callNext.click();
    void recruiter
      .waitForURL(/#\/interview\//, { timeout: 15_000 })
      .then(() => (current = /#\/interview\/(.+)$/.exec(recruiter.url())?.[1] ?? current))
      .catch(() => undefined);
    const accept = candidate.getByTestId("incoming-call").getByTestId("incoming-call-accept");
    await accept.waitFor({ timeout: 15_000 });
    const acceptedAt = Date.now();
    await accept.click();
    const match = new RegExp(`#/interview/(${UUID})$`);
    await Promise.all(
      [candidate, recruiter].map(async (page) => {
        await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(match);
        await joinInterview(page);
      }),
    );
    current = match.exec(candidate.url())![1]!;
    await Promise.all([candidate, recruiter].map((page) => firstFrame(page, 20_000)));
    return { interviewId: match.exec(candidate.url())![1]!, ms: Date.now() - acceptedAt };
  }

  async function firstFrame(page: Page, timeoutMs: number): Promise<void> {
    await expect
      .poll(async () => (await receiveStats(page)).videoFramesDecoded, {
        timeout: timeoutMs,
        interval: 50,
      })
      .toBeGreaterThan(0);
  }

  async function end(interviewId: string): Promise<void> {
    await recruiter.getByTestId("end-interview").click();
    for (const page of [recruiter, candidate]) {
      await expect.poll(() => interviewPhase(page), { timeout: 15_000 }).toBe("ended");
    }
    const status = await recruiter.evaluate(
      async (id) =>
        (
          (await (await fetch(`/api/interviews/${id}`)).json()) as {
            interview: { status: string };
          }
        ).interview.status,
      interviewId,
    );
    expect(status).toBe("ended");
    current = null;
  }

  /** After a fault at `since`: ms until both pages decode video again on a new session. */
  async function videoBack(since: number, timeoutMs: number): Promise<number> {
    await Promise.all(
      [candidate, recruiter].map(async (page) => {
        // The old session's consumers are gone first (the count restarts from zero)…
        await expect
          .poll(
            async () =>
              (await interviewPhase(page)) !== "live" ||
              (await receiveStats(page)).videoFramesDecoded === 0,
            {
              timeout: timeoutMs,
              interval: 50,
            },
          )
          .toBe(true);
        // …then frames arrive on the new one.
        await expect
          .poll(() => interviewPhase(page), { timeout: timeoutMs, interval: 50 })
          .toBe("live");
        await firstFrame(page, timeoutMs);
      }),
    );
    return Date.now() - since;
  }

  it(
    "connects peers on different processes: accept → first remote frame p50 < 1.5 s",
    async () => {
      await topology.firewall("open");
      const samples: number[] = [];
      for (let index = 0; index < SAMPLES; index += 1) {
        const { interviewId, ms } = await interview();
        samples.push(ms);
        const [candidateServer, recruiterServer] = await Promise.all([
          serverOf(candidate),
          serverOf(recruiter),
        ]);
        expect(candidateServer).toBeTruthy();
        expect(candidateServer).not.toBe(recruiterServer);
        expect([candidateServer, recruiterServer]).toContain(
          (await diagnostics(interviewId)).processId,
        );
        await end(interviewId);
      }
      // nginx is the only proxy believed (TRUST_PROXY): the app sees each browser's own address.
      const appLogs = (await topology.log("app-1.log")) + (await topology.log("app-2.log"));
      expect(appLogs).toContain(`"remoteAddress":"${topology.candidateAddress}"`);
      expect(appLogs).toContain(`"remoteAddress":"${topology.recruiterAddress}"`);
      figures.acceptToFrameMs = samples;
      figures.acceptToFrameP50Ms = median(samples);
      expect(median(samples)).toBeLessThan(bound(1_500));
    },
    60_000 + SAMPLES * 40_000,
  );

  it(
    "relays through TURN over TLS when only HTTPS gets out: p50 < 3 s",
    async () => {
      await topology.firewall("https-only");
      const samples: number[] = [];
      for (let index = 0; index < SAMPLES; index += 1) {
        const { interviewId, ms } = await interview();
        samples.push(ms);
        await end(interviewId);
      }
      const candidateId = (await candidate.evaluate(async () =>
        (await fetch("/api/auth/me")).json(),
      )) as { user: { id: string } };
      // coturn allocated relays for the candidate over TLS.
      const turnLog = await topology.log("turn.log");
      expect(turnLog).toMatch(
        new RegExp(`user <\\d+:${candidateId.user.id}>: .*ALLOCATE processed, success`),
      );
      figures.turnAcceptToFrameMs = samples;
      figures.turnAcceptToFrameP50Ms = median(samples);
      expect(median(samples)).toBeLessThan(bound(3_000));
    },
    60_000 + SAMPLES * 40_000,
  );

  it("brings video back within 5 s of its mediasoup worker's death", async () => {
    await topology.firewall("open");
    const { interviewId } = await interview();
    const before = await diagnostics(interviewId);
    const killedAt = Date.now();
    process.kill(before.workerPid, "SIGKILL");
    const ms = await videoBack(killedAt, 25_000);
    figures.workerDeathToVideoMs = ms;
    expect((await diagnostics(interviewId)).workerPid).not.toBe(before.workerPid);
    expect(ms).toBeLessThan(bound(5_000));
    await end(interviewId);
  }, 120_000);

  it("brings video back within 10 s of the death of the process owning the session", async () => {
    const { interviewId } = await interview();
    const before = await diagnostics(interviewId);
    const ownerPid = topology.pidOf(before.processId);
    const killedAt = Date.now();
    process.kill(ownerPid, "SIGKILL");
    const ms = await videoBack(killedAt, 45_000);
    figures.ownerDeathToVideoMs = ms;
    const after = await diagnostics(interviewId);
    expect(after.processId).not.toBe(before.processId);
    expect(ms).toBeLessThan(bound(10_000));
    await end(interviewId);
  }, 120_000);
});
