/**
 * The in-app reminder of a group session: 15 minutes before a session starts,
 * each registered candidate's pages (their user room) hear
 * `webinar:startingSoon`, and the client shows a banner with a link to the
 * live page. Server to client only.
 */
import { z } from "zod";
import { webinarCopySchema } from "../api/webinars.js";
import { languageSchema } from "../domain/language.js";

export const webinarStartingSoonSchema = z.object({
  webinarId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  /** The session's title in each of the fair's languages. */
  title: z.partialRecord(languageSchema, webinarCopySchema.shape.title),
});
export type WebinarStartingSoon = z.infer<typeof webinarStartingSoonSchema>;

export const webinarReminderServerEvents = {
  "webinar:startingSoon": webinarStartingSoonSchema,
} as const;
