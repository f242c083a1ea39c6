/**
 * The HTTP side of interview slots: a stand's free slots, booking and
 * cancelling, the candidate's bookings; for staff the stand's slots,
 * publishing and withdrawing them, and the stand's booking settings. Each is
 * a route of the shared contract called through `callApi`.
 */
import {
  AVAILABILITY_API,
  type BookableSlots,
  type BookingSettings,
  type MyBooking,
  type MyBookings,
  type PublishSlotsBody,
  type PublishedSlots,
  type StandSlots,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";

export class AvailabilityApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = (...args) => globalThis.fetch(...args)) {
    this.#fetch = fetchFn;
  }

  bookableSlots(standId: string): Promise<HttpResult<BookableSlots>> {
    return callApi(this.#fetch, AVAILABILITY_API.bookableSlots, { params: { standId } });
  }

  book(slotId: string): Promise<HttpResult<MyBooking>> {
    return callApi(this.#fetch, AVAILABILITY_API.bookSlot, {
      params: { slotId },
      body: { consentToShareProfile: true },
    });
  }

  cancel(bookingId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, AVAILABILITY_API.cancelBooking, { params: { bookingId } });
  }

  myBookings(fairId?: string): Promise<HttpResult<MyBookings>> {
    return callApi(this.#fetch, AVAILABILITY_API.myBookings, {
      query: fairId ? { fairId } : {},
    });
  }

  standSlots(standId: string): Promise<HttpResult<StandSlots>> {
    return callApi(this.#fetch, AVAILABILITY_API.standSlots, { params: { standId } });
  }

  publish(standId: string, body: PublishSlotsBody): Promise<HttpResult<PublishedSlots>> {
    return callApi(this.#fetch, AVAILABILITY_API.publishSlots, { params: { standId }, body });
  }

  withdraw(standId: string, slotId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, AVAILABILITY_API.withdrawSlot, { params: { standId, slotId } });
  }

  settings(standId: string): Promise<HttpResult<BookingSettings>> {
    return callApi(this.#fetch, AVAILABILITY_API.bookingSettings, { params: { standId } });
  }

  saveSettings(standId: string, body: BookingSettings): Promise<HttpResult<BookingSettings>> {
    return callApi(this.#fetch, AVAILABILITY_API.putBookingSettings, {
      params: { standId },
      body,
    });
  }
}
