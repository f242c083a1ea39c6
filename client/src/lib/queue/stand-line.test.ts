import { beforeEach, describe, expect, it } from "vitest";
import { FakeStand, ManualTimers, seeded } from "./stand-line.fake.js";
import { GAP_MS, StandLine } from "./stand-line.js";

const STAND = "11111111-1111-4111-8111-111111111111";
const MINE = 15;

describe("StandLine", () => {
  let timers: ManualTimers;
  let gaps: number;
  let line: StandLine;
  let stand: FakeStand;

  /** The line reads the stand now, with the candidate's ticket. */
  function readNow(ticket: number | null = MINE): void {
    line.setTicket(ticket);
    line.view(stand.view(ticket), line.startRead());
  }

  /** Random changes of other tickets (and sometimes the candidate's own, which never counts). */
  function churn(steps: number, random: () => number): number[] {
    const versions: number[] = [];
    for (let i = 0; i < steps; i += 1) {
      const roll = random();
      if (roll < 0.1)
        versions.push(stand.step()); // a version with no waiting change
      else if (roll < 0.2) versions.push(stand.toggle(MINE));
      else if (roll < 0.3) {
        // One version, two changes: someone ahead is called as a newcomer joins.
        const ahead = [...stand.waiting].filter((ticket) => ticket < MINE);
        const called = ahead[Math.floor(random() * ahead.length)];
        versions.push(
          called === undefined
            ? stand.step([stand.newTicket(), 1])
            : stand.step([called, -1], [stand.newTicket(), 1]),
        );
      } else versions.push(stand.toggle(1 + Math.floor(random() * 30)));
    }
    return versions;
  }

  beforeEach(() => {
    timers = new ManualTimers();
    gaps = 0;
    line = new StandLine({ timers, onGap: () => (gaps += 1) });
    stand = new FakeStand(STAND, [1, 2, 3, 5, 8, 13, 15, 21, 30]);
  });

  it("starts from the read's ahead and counts", () => {
    readNow();
    expect(line.ahead).toBe(6);
    expect(line.counts).toMatchObject({ version: 0, waiting: 9 });
  });

  it("applies deltas in order to the same ahead as a fresh read", () => {
    readNow();
    const random = seeded(7);
    for (let i = 0; i < 200; i += 1) {
      const versions = churn(1 + Math.floor(random() * 3), random);
      line.delta(stand.delta(versions));
      expect(line.ahead).toBe(stand.view(MINE).ahead);
    }
    expect(line.counts).toEqual(stand.counts());
    expect(gaps).toBe(0);
  });

  it("gives the same ahead when two processes' pushes interleave out of order", () => {
    readNow();
    const random = seeded(42);
    const versions = churn(300, random);
    // Two server processes, each coalescing its own versions into messages.
    const [a, b] = [versions.filter((v) => v % 3 === 0), versions.filter((v) => v % 3 !== 0)];
    const batches = (own: number[]) => {
      const out: number[][] = [];
      for (let i = 0; i < own.length; i += 1 + Math.floor(random() * 4))
        out.push(own.slice(i, i + 1 + Math.floor(random() * 4)));
      return out;
    };
    const messages = [...batches(a), ...batches(b)].filter((m) => m.length > 0);
    // Shuffled: any order at all, and each message delivered once more later.
    for (let i = messages.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [messages[i], messages[j]] = [messages[j]!, messages[i]!];
    }
    for (const message of [...messages, ...messages.slice(0, 10)]) {
      line.delta(stand.delta(message));
      timers.advance(10);
    }
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    expect(line.counts).toEqual(stand.counts());
    expect(gaps).toBe(0);
  });

  it("applies deltas that came before the read's answer when they are newer", () => {
    line.setTicket(MINE);
    const token = line.startRead();
    const early = churn(5, seeded(1));
    const answer = stand.view(MINE); // the server reads as of version 5...
    const later = churn(5, seeded(2));
    // ...but versions 4 to 10 reach the client before the answer does.
    line.delta(stand.delta(later));
    line.delta(stand.delta(early.slice(3)));
    expect(line.ahead).toBeNull();
    line.view(answer, token);
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    // Versions the answer already held change nothing when they come late.
    line.delta(stand.delta(early.slice(0, 3)));
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    expect(line.counts?.version).toBe(10);
    expect(gaps).toBe(0);
  });

  it("takes the counts from the highest version seen, answers included", () => {
    readNow();
    const [v1, v2, v3] = [stand.toggle(4), stand.toggle(6), stand.toggle(7)];
    line.delta(stand.delta([v3!]));
    line.delta(stand.delta([v1!]));
    expect(line.counts).toMatchObject({ version: 3, waiting: 12 });
    const older = line.startRead();
    line.startRead();
    line.view({ ...stand.view(MINE), version: 2, waiting: 99 }, older);
    expect(line.counts?.waiting).toBe(12);
    line.delta(stand.delta([v2!]));
    expect(line.counts?.version).toBe(3);
    // Stand-level figures change without a new version: an equal version is taken.
    line.delta({ ...stand.delta([v3!]), activeRecruiters: 3, versions: [], changes: [] });
    expect(line.counts?.activeRecruiters).toBe(3);
  });

  it("asks for one read when a version stays missing, and matches a fresh read after it", () => {
    readNow();
    const versions = churn(6, seeded(3));
    const lost = versions[2]!;
    for (const version of versions) if (version !== lost) line.delta(stand.delta([version]));
    timers.advance(GAP_MS - 1);
    expect(gaps).toBe(0);
    timers.advance(1);
    expect(gaps).toBe(1);

    // The resync: a fresh read while more changes keep coming.
    const token = line.startRead();
    const during = churn(2, seeded(4));
    const answer = stand.view(MINE);
    line.delta(stand.delta(during));
    line.view(answer, token);
    line.delta(stand.delta(churn(3, seeded(5))));
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    timers.advance(10 * GAP_MS);
    expect(gaps).toBe(1);
  });

  it("takes a push's newer counts without reading: its versions come in the next push", () => {
    readNow();
    const [v1, v2, v3] = churn(3, seeded(8));
    // Sent while v2 and v3 happened: their counts, v1's changes only.
    line.delta({ ...stand.delta([v1!]), ...stand.counts() });
    expect(line.counts?.version).toBe(v3);
    timers.advance(5 * GAP_MS);
    expect(gaps).toBe(0);
    line.delta(stand.delta([v2!, v3!]));
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    // A version lost between carried ones is still a gap.
    const [v4, , v6] = churn(3, seeded(9));
    line.delta(stand.delta([v4!]));
    line.delta(stand.delta([v6!]));
    timers.advance(GAP_MS);
    expect(gaps).toBe(1);
  });

  it("waits for a late version instead of reading again", () => {
    readNow();
    const [v1, v2, v3] = churn(3, seeded(6));
    line.delta(stand.delta([v1!, v3!]));
    timers.advance(GAP_MS - 100);
    line.delta(stand.delta([v2!]));
    timers.advance(GAP_MS);
    expect(gaps).toBe(0);
    expect(line.ahead).toBe(stand.view(MINE).ahead);
    expect(timers.pending).toBe(0);
  });

  it("does not read again while a read is under way, but does after it failed", () => {
    readNow();
    const [, v2] = churn(2, seeded(8));
    line.delta(stand.delta([v2!]));
    const token = line.startRead();
    timers.advance(GAP_MS);
    expect(gaps).toBe(0);
    expect(line.readFailed(token, true)).toBe(true);
    timers.advance(GAP_MS);
    expect(gaps).toBe(1);
    // A refusal is not retried on a timer, so it cannot loop.
    expect(line.readFailed(line.startRead(), false)).toBe(true);
    timers.advance(10 * GAP_MS);
    expect(gaps).toBe(1);
  });

  it("forgets ahead on a new ticket until the next read, and ignores an older read", () => {
    readNow();
    const old = line.startRead();
    expect(line.setTicket(30)).toBe(true);
    expect(line.ahead).toBeNull();
    expect(line.setTicket(30)).toBe(false);
    line.view(stand.view(MINE), old);
    const fresh = line.startRead();
    line.view(stand.view(30), fresh);
    expect(line.ahead).toBe(8);
    line.view(stand.view(MINE), old);
    expect(line.ahead).toBe(8);
  });

  it("keeps only counts, and never reads again, for a viewer without a ticket", () => {
    readNow(null);
    const versions = churn(5, seeded(9));
    line.delta(stand.delta(versions.slice(2)));
    timers.advance(10 * GAP_MS);
    expect(gaps).toBe(0);
    expect(line.ahead).toBeNull();
    expect(line.counts).toEqual(stand.counts());
  });

  it("reads again when a read answers older than the versions it still keeps", () => {
    line = new StandLine({ timers, bufferVersions: 10, onGap: () => (gaps += 1) });
    line.setTicket(MINE);
    const token = line.startRead();
    const answer = stand.view(MINE);
    line.delta(stand.delta(churn(40, seeded(10))));
    for (let i = 0; i < 30; i += 1) line.delta(stand.delta([stand.toggle(2)]));
    line.view(answer, token);
    expect(gaps).toBe(0);
    timers.advance(GAP_MS);
    expect(gaps).toBe(1);
  });

  it("after a reconnect takes the next counts whatever their version", () => {
    readNow();
    line.delta(stand.delta(churn(5, seeded(11))));
    line.reset();
    expect(line.ahead).toBeNull();
    const restarted = new FakeStand(STAND, [1, 15]);
    line.view(restarted.view(MINE), line.startRead());
    expect(line.counts).toEqual(restarted.counts());
    expect(line.ahead).toBe(1);
  });
});
