/**
 * Group sessions at stands (webinars, workshops, employer presentations): one
 * to three speakers to many viewers, scheduled by a stand's admin, with
 * registration, questions and attendance. The live part is in
 * `protocol/webinar.ts`.
 */
import { z } from "zod";
import { languageSchema } from "../domain/language.js";

export const WEBINAR_STATUSES = ["scheduled", "live", "ended", "cancelled"] as const;
export const webinarStatusSchema = z.enum(WEBINAR_STATUSES);
export type WebinarStatus = z.infer<typeof webinarStatusSchema>;

/** At most this many of the stand's staff speak in one session. */
export const MAX_WEBINAR_SPEAKERS = 3;
export const WEBINAR_MINUTES = { min: 10, max: 240 } as const;
export const WEBINAR_CAPACITY = { min: 1, max: 2_000 } as const;

const noNul = (value: string) => !value.includes("\u0000");

/** A session's title and description in one language. */
export const webinarCopySchema = z.object({
  title: z.string().trim().min(1).max(160).refine(noNul, "no NUL characters"),
  description: z.string().trim().max(4_000).refine(noNul, "no NUL characters").default(""),
});
export type WebinarCopy = z.infer<typeof webinarCopySchema>;

/**
 * What a stand's admin writes. `copy` holds a title (and description) for
 * each of the fair's languages (the server answers `validation_failed` with
 * `field: "copy.<lang>"` for a missing one); `spokenLanguage` is the language
 * the speakers will use, shown wherever the session is.
 */
export const webinarBodySchema = z.object({
  copy: z.partialRecord(languageSchema, webinarCopySchema),
  spokenLanguage: languageSchema,
  startsAt: z.iso.datetime({ offset: true }),
  minutes: z.number().int().min(WEBINAR_MINUTES.min).max(WEBINAR_MINUTES.max),
  capacity: z.number().int().min(WEBINAR_CAPACITY.min).max(WEBINAR_CAPACITY.max),
  /** User ids from the stand's staff; `not_stand_staff` for anyone else. */
  speakerIds: z.array(z.uuid()).min(1).max(MAX_WEBINAR_SPEAKERS),
});
export type WebinarBody = z.infer<typeof webinarBodySchema>;

export const webinarSpeakerSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
});
export type WebinarSpeaker = z.infer<typeof webinarSpeakerSchema>;

/** A session as anyone sees it (the hall, the stand page, the agenda). */
export const webinarSchema = z.object({
  id: z.uuid(),
  fairId: z.uuid(),
  standId: z.uuid(),
  standName: z.string(),
  copy: z.partialRecord(languageSchema, webinarCopySchema),
  spokenLanguage: languageSchema,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  minutes: z.number().int(),
  capacity: z.number().int(),
  registeredCount: z.number().int(),
  status: webinarStatusSchema,
  speakers: z.array(webinarSpeakerSchema),
  /** Whether the signed-in candidate is registered (false when signed out). */
  registered: z.boolean(),
});
export type Webinar = z.infer<typeof webinarSchema>;

export const webinarListSchema = z.object({ webinars: z.array(webinarSchema) });
export type WebinarList = z.infer<typeof webinarListSchema>;

export const webinarIdParamsSchema = z.object({ webinarId: z.uuid() });
export const standWebinarParamsSchema = z.object({ standId: z.uuid() });
export const fairWebinarParamsSchema = z.object({ fairId: z.uuid() });

/** The organiser's figures for one session (reports). */
export const webinarFiguresSchema = z.object({
  webinarId: z.uuid(),
  standId: z.uuid(),
  standName: z.string(),
  title: z.string(),
  spokenLanguage: languageSchema,
  startsAt: z.iso.datetime({ offset: true }),
  status: webinarStatusSchema,
  registered: z.number().int(),
  /** Distinct viewers who were in the live session at any moment. */
  attended: z.number().int(),
  /** Registered candidates who attended. */
  registeredAttended: z.number().int(),
  /** Most viewers in the session at the same time. */
  peakViewers: z.number().int(),
  /** Mean minutes a viewer who attended spent in the session. */
  meanMinutesAttended: z.number(),
  questionsAsked: z.number().int(),
  questionsAnswered: z.number().int(),
});
export type WebinarFigures = z.infer<typeof webinarFiguresSchema>;
export const webinarReportSchema = z.object({ webinars: z.array(webinarFiguresSchema) });
export type WebinarReport = z.infer<typeof webinarReportSchema>;
