/**
 * What the live page shows beside the stream, over HTTP: the session as
 * anyone sees it (title in the visitor's language, the language spoken, its
 * stand), then that stand's details for its vacancies. A late answer for a
 * superseded load is dropped.
 */
import {
  WEBINAR_API,
  type ErrorCode,
  type Language,
  type StandDetails,
  type Webinar,
  type WebinarCopy,
} from "@crossfair/shared";
import { callApi, type Fetch, type HttpResult } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface WebinarDetailsState {
  status: "loading" | "ready" | "error";
  webinar: Webinar | undefined;
  /** The stand's details (vacancies); undefined while loading or when they could not be read. */
  stand: StandDetails | undefined;
  error: ErrorCode | undefined;
}

export interface WebinarDetailsApi {
  webinar(webinarId: string): Promise<HttpResult<Webinar>>;
  stand(standId: string): Promise<HttpResult<StandDetails>>;
}

export function webinarHttpApi(
  fetchFn: Fetch,
  stand: (standId: string) => Promise<HttpResult<StandDetails>>,
): WebinarDetailsApi {
  return {
    webinar: (webinarId) =>
      callApi(fetchFn, WEBINAR_API.webinar, { params: { webinarId }, what: "webinar" }),
    stand,
  };
}

export class WebinarDetailsManager extends StateStore<WebinarDetailsState> {
  readonly #api: WebinarDetailsApi;
  readonly #loads = new LatestRequest();

  constructor(api: WebinarDetailsApi) {
    super({ status: "loading", webinar: undefined, stand: undefined, error: undefined });
    this.#api = api;
  }

  async load(webinarId: string): Promise<void> {
    const token = this.#loads.start();
    this.update({ status: "loading" });
    const answer = await this.#api.webinar(webinarId);
    if (!token.isLatest()) return;
    if (!answer.ok) {
      this.update({ status: "error", error: answer.code });
      return;
    }
    this.update({ status: "ready", webinar: answer.data, error: undefined });
    const stand = await this.#api.stand(answer.data.standId);
    if (token.isLatest() && stand.ok) this.update({ stand: stand.data });
  }
}

/** The session's copy in the visitor's language, else in the language spoken, else any. */
export function webinarCopyIn(webinar: Webinar, language: Language): WebinarCopy | undefined {
  return (
    webinar.copy[language] ?? webinar.copy[webinar.spokenLanguage] ?? Object.values(webinar.copy)[0]
  );
}
