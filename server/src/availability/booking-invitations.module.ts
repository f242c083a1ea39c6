/**
 * The availability domain's invitations to book: the staff route and its
 * service. Started from `app.ts` for now; the availability module (slots and
 * bookings) takes it over when they meet.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { bookingInvitationRoutes } from "./booking-invitations.routes.js";
import { BookingInvitationService } from "./booking-invitations.service.js";

export async function startBookingInvitations(
  { db, http, events }: Platform,
  { guard }: AuthModule,
): Promise<BookingInvitationService> {
  const invitations = new BookingInvitationService(db, events);
  await http.register(bookingInvitationRoutes, { guard, invitations });
  return invitations;
}
