/**
 * The matrix rows of interview slots and bookings. Each cell that consumes a
 * slot gets a fresh one at the home stand, at its own time on the days the
 * demo fair is opened ahead, so cells never meet each other's slots.
 */
import { myBookingSchema, publishedSlotsSchema } from "@crossfair/shared";
import { openDemoFairAhead } from "../../support/slots.js";
import {
  ALL,
  CANDIDATES,
  HOME_ADMIN,
  HOME_STAFF_AND_ADMIN,
  call,
  type Fixtures,
} from "./actors.js";
import { asCandidateThrowaway, throwawayCandidate, type HttpAction } from "./cell-requests.js";

const openedAhead = new WeakMap<Fixtures, Promise<string[]>>();
let nextSlot = 0;

/** A body for a slot no other cell has: 10 minutes at its own time, held by `recruiterId`. */
async function slotBody(fx: Fixtures, recruiterId: string | null) {
  if (!openedAhead.has(fx)) openedAhead.set(fx, openDemoFairAhead(fx.app, fx.cookies.fairAdmin!));
  const dates = await openedAhead.get(fx)!;
  const index = nextSlot++;
  // 07:00–22:00 holds 90 ten-minute slots a day.
  const minute = 7 * 60 + (index % 90) * 10;
  const time = (at: number) =>
    `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
  return {
    date: dates[Math.floor(index / 90)]!,
    from: time(minute),
    to: time(minute + 10),
    lengthMinutes: 10,
    recruiterId,
  };
}

/** A fresh slot at the home stand, published by its admin, held by `recruiterId` or the stand. */
async function freshSlot(fx: Fixtures, recruiterId: string | null = null): Promise<string> {
  const { slots } = publishedSlotsSchema.parse(
    await call(fx.app, {
      method: "POST",
      url: `/api/stands/${fx.homeStandId}/slots`,
      cookie: fx.cookies.homeStandAdmin,
      payload: await slotBody(fx, recruiterId),
    }),
  );
  return slots[0]!.id;
}

const bookingSettings = { interviewMinutes: 15, bookingsPerCandidate: 1, bookingCutoffMinutes: 60 };

export const HTTP_ACTIONS_OF_AVAILABILITY: HttpAction[] = [
  {
    // A recruiter publishes their own slots, the stand admin its own, a fair admin the stand's.
    route: "POST /api/stands/{standId}/slots",
    allowed: HOME_STAFF_AND_ADMIN,
    request: async (fx, actor) => ({
      url: `/api/stands/${fx.homeStandId}/slots`,
      payload: await slotBody(
        fx,
        actor === "homeRecruiter" || actor === "homeStandAdmin" ? fx.userIds[actor] : null,
      ),
    }),
  },
  {
    route: "GET /api/stands/{standId}/slots",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/slots` }),
  },
  {
    // The home recruiter's own slot: every allowed actor may withdraw it.
    route: "DELETE /api/stands/{standId}/slots/{slotId}",
    allowed: HOME_STAFF_AND_ADMIN,
    request: async (fx) => ({
      url: `/api/stands/${fx.homeStandId}/slots/${await freshSlot(fx, fx.userIds.homeRecruiter)}`,
    }),
  },
  {
    route: "GET /api/stands/{standId}/bookable-slots",
    allowed: ALL,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/bookable-slots` }),
  },
  {
    // Candidates book as throwaway candidates, so the stand's limit never answers instead.
    route: "POST /api/slots/{slotId}/booking",
    allowed: CANDIDATES,
    request: async (fx, actor) => ({
      url: `/api/slots/${await freshSlot(fx)}/booking`,
      payload: { consentToShareProfile: true },
      ...(await asCandidateThrowaway(fx, actor)),
    }),
  },
  {
    // Its candidate (acting as the booker) or the stand's staff; another candidate or a
    // recruiter elsewhere is told there is no such booking.
    route: "DELETE /api/bookings/{bookingId}",
    allowed: ["candidate", ...HOME_STAFF_AND_ADMIN],
    hiddenFrom: ["otherCandidate", "foreignRecruiter"],
    request: async (fx, actor) => {
      const booker = await throwawayCandidate(fx);
      const booking = myBookingSchema.parse(
        await call(fx.app, {
          method: "POST",
          url: `/api/slots/${await freshSlot(fx)}/booking`,
          cookie: booker,
          payload: { consentToShareProfile: true },
        }),
      );
      return {
        url: `/api/bookings/${booking.id}`,
        ...(actor === "candidate" ? { cookie: booker } : {}),
      };
    },
  },
  {
    route: "GET /api/me/bookings",
    allowed: CANDIDATES,
    request: (fx) => ({ url: `/api/me/bookings?fairId=${fx.fairId}` }),
  },
  {
    route: "GET /api/stands/{standId}/booking-settings",
    allowed: HOME_STAFF_AND_ADMIN,
    request: (fx) => ({ url: `/api/stands/${fx.homeStandId}/booking-settings` }),
  },
  {
    // The defaults sent back, so the other cells' bookings meet the same rules.
    route: "PUT /api/stands/{standId}/booking-settings",
    allowed: HOME_ADMIN,
    request: (fx) => ({
      url: `/api/stands/${fx.homeStandId}/booking-settings`,
      payload: bookingSettings,
    }),
  },
];
