/**
 * Slot state through the real routes: the demo fair opened on the coming
 * days (its seeded hours are today's and may be over), the fair's dates on
 * its own clocks, and slots published at a stand.
 */
import type { App } from "@crossfair/server/app";
import {
  fairAdminViewSchema,
  myBookingSchema,
  publishedSlotsSchema,
  type MyBooking,
  type PublishSlotsBody,
  type StaffSlot,
} from "@crossfair/shared";
import { DEMO_FAIR } from "./stands.js";

export const FAIR_ZONE = "Europe/Brussels";

/** The calendar date `daysAhead` days from now on the fair's clocks. */
export function fairDate(daysAhead: number, timeZone = FAIR_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(
    new Date(Date.now() + daysAhead * 86_400_000),
  );
}

/** Opens the demo fair 07:00–22:00 on the next `days` days, keeping its other hours. */
export async function openDemoFairAhead(
  app: App,
  adminCookie: string,
  days = 3,
): Promise<string[]> {
  const current = await app.http.inject({
    url: `/api/admin/fairs/${DEMO_FAIR}`,
    headers: { cookie: adminCookie },
  });
  if (current.statusCode !== 200) throw new Error(`fair: ${current.body}`);
  const dates = Array.from({ length: days }, (_, index) => fairDate(index + 1));
  const hours = fairAdminViewSchema
    .parse(current.json())
    .openingHours.filter((day) => !dates.includes(day.date));
  const patched = await app.http.inject({
    method: "PATCH",
    url: `/api/admin/fairs/${DEMO_FAIR}`,
    headers: { cookie: adminCookie },
    payload: {
      openingHours: [...hours, ...dates.map((date) => ({ date, opens: "07:00", closes: "22:00" }))],
    },
  });
  if (patched.statusCode !== 200) throw new Error(`opening hours: ${patched.body}`);
  return dates;
}

export async function publishSlots(
  app: App,
  cookie: string,
  standId: string,
  body: PublishSlotsBody,
): Promise<StaffSlot[]> {
  const response = await app.http.inject({
    method: "POST",
    url: `/api/stands/${standId}/slots`,
    headers: { cookie },
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`publish slots: ${response.body}`);
  return publishedSlotsSchema.parse(response.json()).slots;
}

export const bookSlot = (app: App, cookie: string, slotId: string) =>
  app.http.inject({
    method: "POST",
    url: `/api/slots/${slotId}/booking`,
    headers: { cookie },
    payload: { consentToShareProfile: true },
  });

export async function booked(app: App, cookie: string, slotId: string): Promise<MyBooking> {
  const response = await bookSlot(app, cookie, slotId);
  if (response.statusCode !== 201) throw new Error(`book: ${response.body}`);
  return myBookingSchema.parse(response.json());
}
