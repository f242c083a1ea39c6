/**
 * The availability domain as one module: interview slots staff publish,
 * candidates' bookings of them, and who is free when (`bookedSlotDue`, for
 * call-next). It emits `booking.made` and `booking.cancelled`, and hears
 * `staff.removed` (a leaving recruiter's future slots are withdrawn). The
 * booking rows (`slot_bookings`) are this domain's; their statuses at slot
 * time (called, attended, no-show) are written through `bookings.markCalled`,
 * `markAttended` and `markNoShow` by the bookings' timers (slot-calls.ts).
 * Staff's invitations to book are its too (booking-invitations.*).
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { CandidateModule } from "../candidate/candidate.module.js";
import type { FairModule } from "../fair/fair.module.js";
import type { Platform } from "../platform.js";
import type { QueueService } from "../queue/queue.service.js";
import { availabilityRoutes } from "./availability.routes.js";
import { AvailabilityService } from "./availability.service.js";
import { startBookingInvitations } from "./booking-invitations.module.js";
import { BookingService } from "./booking.service.js";
import { startSlotCalls } from "./slot-calls.js";

export interface AvailabilityModule {
  readonly availability: AvailabilityService;
  readonly bookings: BookingService;
  /**
   * Starts the bookings' timers (the call at slot time, the reminders), which
   * call through the queue, and reads from the queue's presence who of the
   * booked candidates is connected: once the queue module, which asks this
   * one who is free when, has started.
   */
  callThrough(queue: Pick<QueueService, "booked" | "live">): Promise<void>;
}

export async function startAvailabilityModule(
  platform: Platform,
  auth: AuthModule,
  { registrations }: FairModule,
  { consents }: CandidateModule,
): Promise<AvailabilityModule> {
  const { db, http, events, clock } = platform;
  const now = () => new Date(clock());
  const availability = new AvailabilityService({ db, events, now });
  const bookings = new BookingService({ db, events, now, gate: registrations, consents });
  await http.register(availabilityRoutes, { guard: auth.guard, availability, bookings });
  await startBookingInvitations(platform, auth);
  // A recruiter who leaves takes their future slots along; their candidates are told.
  events.on("staff.removed", ({ standId, userId }) => availability.recruiterLeft(standId, userId));
  return {
    availability,
    bookings,
    callThrough: async ({ booked, live }) => {
      availability.seePresence((candidateIds) => live.connectedAmong(candidateIds));
      await startSlotCalls({ ...platform, booked, bookings });
    },
  };
}
