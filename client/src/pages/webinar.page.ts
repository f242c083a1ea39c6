/**
 * A live group session's page: the session itself (its own socket and media,
 * open as long as the page is), what it is and its stand's vacancies, and the
 * candidate's queues for the "join this stand's queue" button.
 */
import { AccountApi } from "../lib/account/account.api.js";
import { WebinarDetailsManager, webinarHttpApi } from "../lib/webinar-live/webinar.details.js";
import { openWebinarSession } from "../lib/webinar-live/webinar.session.js";
import type { PageServices } from "./page.services.js";

export function build(
  { session, queue, fetch }: PageServices,
  { webinarId }: { webinarId: string },
) {
  const account = new AccountApi();
  const details = new WebinarDetailsManager(
    webinarHttpApi(fetch, (standId) => account.stand(standId)),
  );
  void details.load(webinarId);
  return { webinarId, session, queue, details, live: openWebinarSession(webinarId) };
}
