/**
 * The availability domain as one module: interview slots staff publish,
 * candidates' bookings of them, and who is free when (`bookedSlotDue`, for
 * call-next). It emits `booking.made` and `booking.cancelled`, and hears
 * `staff.removed` (a leaving recruiter's future slots are withdrawn). The
 * booking rows (`slot_bookings`) are this domain's; their statuses at slot
 * time (called, attended, no-show) are written through `bookings.markCalled`,
 * `markAttended` and `markNoShow`.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { CandidateModule } from "../candidate/candidate.module.js";
import type { FairModule } from "../fair/fair.module.js";
import type { Platform } from "../platform.js";
import type { Clock } from "./availability.rules.js";
import { availabilityRoutes } from "./availability.routes.js";
import { AvailabilityService } from "./availability.service.js";
import { BookingService } from "./booking.service.js";

export interface AvailabilityModule {
  readonly availability: AvailabilityService;
  readonly bookings: BookingService;
}

export async function startAvailabilityModule(
  { db, http, events }: Platform,
  { guard }: AuthModule,
  { registrations }: FairModule,
  { consents }: CandidateModule,
  now: Clock = () => new Date(),
): Promise<AvailabilityModule> {
  const availability = new AvailabilityService({ db, events, now });
  const bookings = new BookingService({ db, events, now, gate: registrations, consents });
  await http.register(availabilityRoutes, { guard, availability, bookings });
  // A recruiter who leaves takes their future slots along; their candidates are told.
  events.on("staff.removed", ({ standId, userId }) => availability.recruiterLeft(standId, userId));
  return { availability, bookings };
}
