/**
 * What the client reads and changes of group sessions over HTTP: a stand's,
 * the fair's and the candidate's sessions, registering and withdrawing, and
 * the stand admin's scheduling. Each is a route of the shared contract.
 */
import {
  WEBINAR_API,
  type Webinar,
  type WebinarBody,
  type WebinarList,
  type WebinarReport,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";

export class WebinarsApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = (...args) => globalThis.fetch(...args)) {
    this.#fetch = fetchFn;
  }

  ofStand(standId: string): Promise<HttpResult<WebinarList>> {
    return callApi(this.#fetch, WEBINAR_API.standWebinars, { params: { standId } });
  }

  ofFair(slug: string): Promise<HttpResult<WebinarList>> {
    return callApi(this.#fetch, WEBINAR_API.fairWebinars, { params: { slug } });
  }

  mine(): Promise<HttpResult<WebinarList>> {
    return callApi(this.#fetch, WEBINAR_API.myWebinars, {});
  }

  register(webinarId: string): Promise<HttpResult<Webinar>> {
    return callApi(this.#fetch, WEBINAR_API.registerForWebinar, { params: { webinarId } });
  }

  withdraw(webinarId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, WEBINAR_API.unregisterFromWebinar, { params: { webinarId } });
  }

  schedule(standId: string, body: WebinarBody): Promise<HttpResult<Webinar>> {
    return callApi(this.#fetch, WEBINAR_API.scheduleWebinar, { params: { standId }, body });
  }

  update(webinarId: string, body: WebinarBody): Promise<HttpResult<Webinar>> {
    return callApi(this.#fetch, WEBINAR_API.updateWebinar, { params: { webinarId }, body });
  }

  cancel(webinarId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, WEBINAR_API.cancelWebinar, { params: { webinarId } });
  }

  report(slug: string): Promise<HttpResult<WebinarReport>> {
    return callApi(this.#fetch, WEBINAR_API.webinarReport, { params: { slug } });
  }
}
