/**
 * What the candidate's agenda reads and changes over HTTP: their bookings
 * (availability domain), their ended interviews (interview domain), and
 * cancelling a booking. Each is a route of the shared contract through `callApi`.
 */
import {
  AVAILABILITY_API,
  INTERVIEW_API,
  type MyBookings,
  type MyInterviews,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";

export class AgendaApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = (...args) => globalThis.fetch(...args)) {
    this.#fetch = fetchFn;
  }

  myBookings(): Promise<HttpResult<MyBookings>> {
    return callApi(this.#fetch, AVAILABILITY_API.myBookings, { query: {} });
  }

  myInterviews(): Promise<HttpResult<MyInterviews>> {
    return callApi(this.#fetch, INTERVIEW_API.myInterviews, { query: {} });
  }

  cancel(bookingId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, AVAILABILITY_API.cancelBooking, { params: { bookingId } });
  }
}
