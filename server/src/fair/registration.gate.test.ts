/**
 * The queue's registration gate with its approval cache, on a map of
 * registrations instead of PostgreSQL (tests/integration/fairs has the
 * routes, the database and the decisions across processes).
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, type ApprovalStatus } from "@crossfair/shared";
import { AdmissionGate, type RegistrationRecords } from "./registration.gate.js";

const FAIR = "f0000000-0000-4000-8000-000000000001";
const ANNA = "00000000-0000-4000-8000-000000000001";

class MapRecords implements RegistrationRecords {
  readonly rows = new Map<string, { status: ApprovalStatus; decidedAt: Date | null }>();
  reads = 0;

  set(candidateId: string, status: ApprovalStatus): void {
    this.rows.set(`${FAIR}|${candidateId}`, { status, decidedAt: null });
  }
  async approvedCandidates(fairId: string): Promise<string[]> {
    this.reads += 1;
    return [...this.rows]
      .filter(([key, row]) => key.startsWith(`${fairId}|`) && row.status === "approved")
      .map(([key]) => key.split("|")[1]!);
  }
  async statusOf(fairId: string, candidateId: string): Promise<ApprovalStatus | null> {
    this.reads += 1;
    return this.rows.get(`${fairId}|${candidateId}`)?.status ?? null;
  }
  async approveWalkIn(fairId: string, candidateId: string, at: Date): Promise<void> {
    const key = `${fairId}|${candidateId}`;
    const row = this.rows.get(key);
    if (!row || row.status === "pending") this.rows.set(key, { status: "approved", decidedAt: at });
  }
}

function setUp() {
  const records = new MapRecords();
  let now = Date.UTC(2026, 2, 12, 9);
  const gate = new AdmissionGate(records, () => now);
  return { records, gate, tick: (ms = 1) => (now += ms), now: () => now };
}

const refused = expect.objectContaining({ code: ErrorCode.registrationRequired });

describe("AdmissionGate", () => {
  it("lets an approved candidate into a pre-screened fair and asks the records once", async () => {
    const { gate, records } = setUp();
    records.set(ANNA, "approved");
    await gate.admit(FAIR, ANNA, true);
    await gate.admit(FAIR, ANNA, true);
    expect(records.reads).toBe(1);
  });

  it("refuses a pre-screened fair to the unregistered, the pending and the rejected, saying which", async () => {
    const { gate, records } = setUp();
    await expect(gate.admit(FAIR, ANNA, true)).rejects.toEqual(
      expect.objectContaining({
        code: ErrorCode.registrationRequired,
        message: "register for this fair first",
      }),
    );
    records.set(ANNA, "pending");
    await expect(gate.admit(FAIR, ANNA, true)).rejects.toEqual(
      expect.objectContaining({ message: "your registration is pending" }),
    );
    records.set(ANNA, "rejected");
    await expect(gate.admit(FAIR, ANNA, true)).rejects.toEqual(refused);
  });

  it("registers a walk-in on the spot, approves a pending one, and never lets a rejected one in", async () => {
    const { gate, records, now } = setUp();
    await gate.admit(FAIR, ANNA, false);
    expect(records.rows.get(`${FAIR}|${ANNA}`)).toEqual({
      status: "approved",
      decidedAt: new Date(now()),
    });
    const bram = "00000000-0000-4000-8000-000000000002";
    records.set(bram, "pending");
    await gate.admit(FAIR, bram, false);
    expect(records.rows.get(`${FAIR}|${bram}`)?.status).toBe("approved");
    const cleo = "00000000-0000-4000-8000-000000000003";
    records.set(cleo, "rejected");
    await expect(gate.admit(FAIR, cleo, false)).rejects.toEqual(refused);
    expect(records.rows.get(`${FAIR}|${cleo}`)?.status).toBe("rejected");
  });

  it("answers from the warmed cache without reading, and a forgotten approval is read again", async () => {
    const { gate, records, tick } = setUp();
    records.set(ANNA, "approved");
    await gate.warm(FAIR);
    const afterWarm = records.reads;
    await gate.admit(FAIR, ANNA, true);
    expect(records.reads).toBe(afterWarm);
    // The organiser rejects her after all: every process forgets the approval.
    records.set(ANNA, "rejected");
    tick();
    gate.forgetApproval(FAIR, ANNA);
    await expect(gate.admit(FAIR, ANNA, true)).rejects.toEqual(refused);
  });

  it("does not bring back an approval forgotten while a warm-up was reading", async () => {
    const { records, tick } = setUp();
    records.set(ANNA, "approved");
    let release: () => void = () => undefined;
    const slow: RegistrationRecords = {
      approvedCandidates: async (fairId) => {
        const approved = await records.approvedCandidates(fairId);
        await new Promise<void>((resolve) => (release = resolve));
        return approved;
      },
      statusOf: (fairId, candidateId) => records.statusOf(fairId, candidateId),
      approveWalkIn: (fairId, candidateId, at) => records.approveWalkIn(fairId, candidateId, at),
    };
    let now = Date.UTC(2026, 2, 12, 9);
    const gate = new AdmissionGate(slow, () => now);
    const warming = gate.warm(FAIR);
    await Promise.resolve();
    // The decision lands while the warm-up's read is under way.
    records.set(ANNA, "rejected");
    now += 1;
    tick();
    gate.forgetApproval(FAIR, ANNA);
    release();
    await warming;
    await expect(gate.admit(FAIR, ANNA, true)).rejects.toEqual(refused);
  });
});
