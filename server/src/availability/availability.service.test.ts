/**
 * The availability services' rules on the embedded database with a fixed
 * clock: publishing (hours, overlaps, the past, staff only), booking and its
 * limit, the cut-off, withdrawing, and `bookedSlotDue` for call-next.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { fairs } from "../fair/fair.schema.js";
import { openDatabase, type DatabaseHandle } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standStaff, stands } from "../stand/stand.schema.js";
import { AvailabilityService } from "./availability.service.js";
import { BookingService } from "./booking.service.js";

const DAY = "2026-12-08";
/** 08:00 Brussels time on the fair day. */
const MORNING = new Date("2026-12-08T07:00:00Z");

let directory: string;
let handle: DatabaseHandle;
let now: Date;
const emitted: { name: string; event: unknown }[] = [];
const events = {
  async emit(name: string, event: unknown) {
    emitted.push({ name, event });
  },
};

let standId: string;
let admin: string;
let recruiter: string;
let colleague: string;
let outsider: string;
let candidates: SessionUser[];

let slots: AvailabilityService;
let bookings: BookingService;

const failure = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "no error";
};

async function account(role: "candidate" | "stand_admin" | "recruiter", name: string) {
  const [row] = await handle.db
    .insert(users)
    .values({ email: `${name}@unit.test`, passwordHash: "x", displayName: name, role })
    .returning();
  return row!;
}

async function freshCandidate(name: string): Promise<SessionUser> {
  const row = await account("candidate", name);
  return { ...row, role: "candidate" } as unknown as SessionUser;
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "crossfair-availability-"));
  handle = await openDatabase({ dataDir: directory, log: pino({ level: "silent" }) });
  const { db } = handle;
  const [fair] = await db
    .insert(fairs)
    .values({
      slug: "unit-fair",
      name: { en: "Unit fair" },
      description: { en: "" },
      timeZone: "Europe/Brussels",
      startsAt: new Date("2026-12-08T08:00:00Z"),
      endsAt: new Date("2026-12-08T16:00:00Z"),
      languages: ["en"],
      status: "live",
      registrationNeedsApproval: false,
      openingHours: [{ date: DAY, opens: "09:00", closes: "17:00" }],
    })
    .returning();
  const [stand] = await db
    .insert(stands)
    .values({
      fairId: fair!.id,
      kind: "employer",
      organisationName: "Unit Works",
      description: { en: "" },
      sector: "it",
      country: "BE",
      region: "Brussels",
      languages: ["en"],
      approvalStatus: "approved",
      bookingCutoffMinutes: 60,
    })
    .returning();
  standId = stand!.id;
  admin = (await account("stand_admin", "admin")).id;
  recruiter = (await account("recruiter", "rita")).id;
  colleague = (await account("recruiter", "colin")).id;
  outsider = (await account("recruiter", "otto")).id;
  await db.insert(standStaff).values([
    { standId, userId: admin, role: "stand_admin", languages: ["en"] },
    { standId, userId: recruiter, role: "recruiter", languages: ["en"] },
    { standId, userId: colleague, role: "recruiter", languages: ["en"] },
  ]);
  candidates = [];
  for (const name of ["cara", "cody", "cleo"]) {
    const row = await account("candidate", name);
    candidates.push({ ...row, role: "candidate" } as unknown as SessionUser);
  }
  const clock = () => now;
  slots = new AvailabilityService({ db, events, now: clock });
  bookings = new BookingService({
    db,
    events,
    now: clock,
    gate: { admit: async () => undefined },
    consents: { give: async () => undefined },
  });
  // PGlite starts and migrates in some seconds on a busy machine.
}, 90_000);

afterAll(async () => {
  await handle?.close();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  now = MORNING;
  emitted.length = 0;
});

const asAdmin = () => ({ userId: admin, standRole: "stand_admin" as const });
const asRecruiter = () => ({ userId: recruiter, standRole: "recruiter" as const });
const publish = (
  actor: ReturnType<typeof asAdmin> | ReturnType<typeof asRecruiter>,
  body: { from: string; to: string; recruiterId: string | null; date?: string },
) =>
  slots.publish(actor, standId, {
    date: body.date ?? DAY,
    from: body.from,
    to: body.to,
    lengthMinutes: 15,
    breakMinutes: 5,
    recruiterId: body.recruiterId,
  });

describe("publishing slots", () => {
  it("cuts the range on the fair's clocks and refuses overlaps, hours, the past and outsiders", async () => {
    const made = await publish(asRecruiter(), {
      from: "10:00",
      to: "11:00",
      recruiterId: recruiter,
    });
    expect(made.map((slot) => slot.startsAt)).toEqual([
      "2026-12-08T09:00:00.000Z",
      "2026-12-08T09:20:00.000Z",
      "2026-12-08T09:40:00.000Z",
    ]);
    expect(made[0]!.recruiter).toEqual({ id: recruiter, displayName: "rita" });

    const overlap = publish(asRecruiter(), { from: "10:50", to: "11:30", recruiterId: recruiter });
    expect(await failure(overlap)).toBe("slot_overlap");
    // Another recruiter, or the stand, may hold the same time.
    await publish(asAdmin(), { from: "10:00", to: "10:30", recruiterId: colleague });
    await publish(asAdmin(), { from: "10:00", to: "10:30", recruiterId: null });
    const standOverlap = publish(asAdmin(), { from: "10:10", to: "10:45", recruiterId: null });
    expect(await failure(standOverlap)).toBe("slot_overlap");

    expect(
      await failure(publish(asAdmin(), { from: "16:50", to: "17:30", recruiterId: admin })),
    ).toBe("outside_opening_hours");
    expect(
      await failure(
        publish(asAdmin(), { date: "2026-12-09", from: "10:00", to: "11:00", recruiterId: admin }),
      ),
    ).toBe("outside_opening_hours");
    now = new Date("2026-12-08T12:00:00Z");
    expect(
      await failure(publish(asAdmin(), { from: "12:00", to: "14:00", recruiterId: admin })),
    ).toBe("slot_in_past");
    now = MORNING;
    expect(
      await failure(publish(asAdmin(), { from: "12:00", to: "13:00", recruiterId: outsider })),
    ).toBe("not_stand_staff");
    // A recruiter publishes for themselves only.
    expect(
      await failure(publish(asRecruiter(), { from: "12:00", to: "13:00", recruiterId: colleague })),
    ).toBe("forbidden");
    expect(
      await failure(publish(asRecruiter(), { from: "12:00", to: "13:00", recruiterId: null })),
    ).toBe("forbidden");
  });
});

describe("booking, cancelling and what is due", () => {
  it("books within the limit, cancels until the cut-off, and withdraws with its booking", async () => {
    const [first, second] = await publish(asAdmin(), {
      from: "14:00",
      to: "14:40",
      recruiterId: admin,
    });
    const [cara, cody] = candidates as [SessionUser, SessionUser];
    const booked = await bookings.book(cara, first!.id);
    expect(booked).toMatchObject({ status: "booked", standName: "Unit Works" });
    expect(booked.cancellableUntil).toBe("2026-12-08T12:00:00.000Z");
    expect(emitted.map((entry) => entry.name)).toEqual(["booking.made"]);

    expect(await failure(bookings.book(cody, first!.id))).toBe("slot_taken");
    expect(await failure(bookings.book(cara, first!.id))).toBe("booking_limit");
    expect(await failure(bookings.book(cara, second!.id))).toBe("booking_limit");

    // Past the cut-off the candidate cannot cancel; staff still can.
    now = new Date("2026-12-08T12:30:00Z");
    expect(await failure(bookings.cancel(cara, booked.id))).toBe("cancel_cutoff_passed");
    const staffUser = { id: admin, role: "stand_admin" } as SessionUser;
    await bookings.cancel(staffUser, booked.id);
    expect(emitted.at(-1)).toMatchObject({ name: "booking.cancelled", event: { by: "staff" } });
    expect(await failure(bookings.cancel(staffUser, booked.id))).toBe("invalid_transition");

    // The slot is free again; withdrawing it cancels the new booking.
    const again = await bookings.book(cody, first!.id);
    await slots.withdraw(asAdmin(), standId, first!.id);
    expect(emitted.at(-1)).toMatchObject({
      name: "booking.cancelled",
      event: { bookingId: again.id, by: "slot_withdrawn" },
    });
    expect(await failure(bookings.book(cody, first!.id))).toBe("slot_withdrawn");
    expect(await failure(slots.withdraw(asAdmin(), standId, first!.id))).toBe("slot_withdrawn");

    now = new Date("2026-12-08T13:30:00Z");
    expect(await failure(bookings.book(cody, second!.id))).toBe("slot_in_past");
  });

  it("finds the first live booking due for a recruiter or the stand in [from, to)", async () => {
    const mine = await publish(asAdmin(), { from: "15:00", to: "15:40", recruiterId: colleague });
    const ofStand = await publish(asAdmin(), { from: "15:40", to: "16:00", recruiterId: null });
    const [, , cleo] = candidates as [SessionUser, SessionUser, SessionUser];
    const [cara, cody] = candidates as [SessionUser, SessionUser];
    const from = new Date("2026-12-08T14:00:00Z");
    const to = new Date("2026-12-08T15:00:00Z");
    expect(await slots.bookedSlotDue(standId, colleague, from, to)).toBeNull();

    // Cody books the colleague's second slot (14:20 UTC), Cleo the stand's (14:40 UTC).
    await bookings.book(cody, mine[1]!.id);
    await bookings.book(cleo, ofStand[0]!.id);
    const due = await slots.bookedSlotDue(standId, colleague, from, to);
    expect(due).toMatchObject({
      slotId: mine[1]!.id,
      candidateId: cody.id,
      recruiterId: colleague,
      status: "booked",
    });
    expect(due!.startsAt.toISOString()).toBe("2026-12-08T14:20:00.000Z");
    // [from, to): a booking starting at `to` is not due yet; the stand's slot is due for anyone.
    expect(
      await slots.bookedSlotDue(standId, colleague, from, new Date("2026-12-08T14:20:00Z")),
    ).toBeNull();
    const forOther = await slots.bookedSlotDue(standId, recruiter, from, to);
    expect(forOther).toMatchObject({ slotId: ofStand[0]!.id, recruiterId: null });
    // Another stand's recruiter has nothing due here; a cancelled booking is not due.
    const early = await bookings.book(cara, mine[0]!.id);
    expect((await slots.bookedSlotDue(standId, colleague, from, to))!.bookingId).toBe(early.id);
    await bookings.cancel(cara, early.id);
    expect((await slots.bookedSlotDue(standId, colleague, from, to))!.slotId).toBe(mine[1]!.id);
  });
});

describe("a booking's life at slot time, and a recruiter who leaves", () => {
  it("moves booked → called → attended once each, and booked → no_show", async () => {
    const made = await publish(asAdmin(), { from: "16:00", to: "16:40", recruiterId: admin });
    const cara = await freshCandidate("cara2");
    const cody = await freshCandidate("cody2");
    const first = await bookings.book(cara, made[0]!.id);
    const second = await bookings.book(cody, made[1]!.id);

    expect(await bookings.markAttended(first.id, crypto.randomUUID())).toBe(false);
    expect(await bookings.markCalled(first.id)).toBe(true);
    expect(await bookings.markCalled(first.id)).toBe(false);
    const interviewId = crypto.randomUUID();
    expect(await bookings.markAttended(first.id, interviewId)).toBe(true);
    expect(await bookings.markNoShow(first.id)).toBe(false);
    expect(await bookings.markNoShow(second.id)).toBe(true);
    // Neither is due any more, and neither may be cancelled.
    const from = new Date("2026-12-08T14:00:00Z");
    const to = new Date("2026-12-08T16:00:00Z");
    const due = await slots.bookedSlotDue(standId, admin, from, to);
    expect(due?.bookingId === first.id || due?.bookingId === second.id).toBe(false);
    expect(await failure(bookings.cancel(cody, second.id))).toBe("invalid_transition");
  });

  it("withdraws a leaving recruiter's future slots and cancels their bookings", async () => {
    const held = await publish(asAdmin(), { from: "16:40", to: "17:00", recruiterId: recruiter });
    const cleo = await freshCandidate("cleo2");
    const booked = await bookings.book(cleo, held[0]!.id);
    emitted.length = 0;
    await slots.recruiterLeft(standId, recruiter);
    expect(emitted).toEqual([
      expect.objectContaining({
        name: "booking.cancelled",
        event: expect.objectContaining({ bookingId: booked.id, by: "slot_withdrawn" }),
      }),
    ]);
    const left = (await slots.standSlots(standId)).slots.filter(
      (slot) => slot.recruiter?.id === recruiter && Date.parse(slot.startsAt) > now.getTime(),
    );
    expect(left).toEqual([]);
  });
});
