/**
 * Group sessions through the real routes: a valid body for the demo fair
 * (a title in each of its languages, nl/fr/en), scheduled by a stand's admin
 * on a day the fair is opened ahead (`openDemoFairAhead`).
 */
import type { App } from "@crossfair/server/app";
import { webinarSchema, zonedToIso, type Webinar, type WebinarBody } from "@crossfair/shared";
import { FAIR_ZONE } from "./slots.js";

/** A session at `time` on `date` (fair clocks), spoken in French, with `speakerIds`. */
export function webinarBody(
  date: string,
  time: string,
  speakerIds: string[],
  overrides: Partial<WebinarBody> = {},
): WebinarBody {
  return {
    copy: {
      nl: { title: "Werken over de grens", description: "Sociale zekerheid en belastingen" },
      fr: { title: "Travailler au-delà de la frontière", description: "" },
      en: { title: "Working across the border", description: "Social security and tax" },
    },
    spokenLanguage: "fr",
    startsAt: zonedToIso(`${date}T${time}`, FAIR_ZONE)!,
    minutes: 45,
    capacity: 100,
    speakerIds,
    ...overrides,
  };
}

export async function scheduleWebinar(
  app: App,
  cookie: string,
  standId: string,
  body: WebinarBody,
): Promise<Webinar> {
  const response = await app.http.inject({
    method: "POST",
    url: `/api/stands/${standId}/webinars`,
    headers: { cookie },
    payload: body,
  });
  if (response.statusCode !== 201) throw new Error(`schedule webinar: ${response.body}`);
  return webinarSchema.parse(response.json());
}
