/**
 * The UI messages of every language, gathered from one core file per language
 * (`locales/<lang>.json`: hall, queues, interviews, errors…) and one file per
 * area and language (`locales/<area>/<lang>.json`: the candidate's account,
 * stand management, fair administration, the account's security, the alerts
 * that reach a candidate when called, interview slots, the candidate's agenda, group sessions
 * (scheduling, listings) and a live group session). Each area file holds one top-level
 * key named after its area, so files never overlap and can be edited apart.
 */
import type { Language } from "@crossfair/shared";
import de from "./locales/de.json";
import en from "./locales/en.json";
import fr from "./locales/fr.json";
import nl from "./locales/nl.json";
import accountDe from "./locales/account/de.json";
import accountEn from "./locales/account/en.json";
import accountFr from "./locales/account/fr.json";
import accountNl from "./locales/account/nl.json";
import adminDe from "./locales/admin/de.json";
import adminEn from "./locales/admin/en.json";
import adminFr from "./locales/admin/fr.json";
import adminNl from "./locales/admin/nl.json";
import staffDe from "./locales/staff/de.json";
import staffEn from "./locales/staff/en.json";
import staffFr from "./locales/staff/fr.json";
import staffNl from "./locales/staff/nl.json";
import securityDe from "./locales/security/de.json";
import slotsDe from "./locales/slots/de.json";
import securityEn from "./locales/security/en.json";
import slotsEn from "./locales/slots/en.json";
import securityFr from "./locales/security/fr.json";
import slotsFr from "./locales/slots/fr.json";
import securityNl from "./locales/security/nl.json";
import alertsDe from "./locales/alerts/de.json";
import alertsEn from "./locales/alerts/en.json";
import alertsFr from "./locales/alerts/fr.json";
import alertsNl from "./locales/alerts/nl.json";
import slotsNl from "./locales/slots/nl.json";
import agendaDe from "./locales/agenda/de.json";
import agendaEn from "./locales/agenda/en.json";
import agendaFr from "./locales/agenda/fr.json";
import agendaNl from "./locales/agenda/nl.json";
import matchingDe from "./locales/matching/de.json";
import matchingEn from "./locales/matching/en.json";
import matchingFr from "./locales/matching/fr.json";
import matchingNl from "./locales/matching/nl.json";
import webinarsDe from "./locales/webinars/de.json";
import webinarsEn from "./locales/webinars/en.json";
import webinarsFr from "./locales/webinars/fr.json";
import webinarsNl from "./locales/webinars/nl.json";
import webinarLiveDe from "./locales/webinar-live/de.json";
import webinarLiveEn from "./locales/webinar-live/en.json";
import webinarLiveFr from "./locales/webinar-live/fr.json";
import webinarLiveNl from "./locales/webinar-live/nl.json";

/** English is the reference: its shape types `t()` keys (see i18next.d.ts). */
export const ENGLISH = {
  ...en,
  ...accountEn,
  ...staffEn,
  ...adminEn,
  ...securityEn,
  ...alertsEn,
  ...slotsEn,
  ...agendaEn,
  ...matchingEn,
  ...webinarsEn,
  ...webinarLiveEn,
};
export type Messages = typeof ENGLISH;

export const MESSAGES = {
  en: ENGLISH,
  nl: {
    ...nl,
    ...accountNl,
    ...staffNl,
    ...adminNl,
    ...securityNl,
    ...alertsNl,
    ...slotsNl,
    ...agendaNl,
    ...matchingNl,
    ...webinarsNl,
    ...webinarLiveNl,
  },
  fr: {
    ...fr,
    ...accountFr,
    ...staffFr,
    ...adminFr,
    ...securityFr,
    ...alertsFr,
    ...slotsFr,
    ...agendaFr,
    ...matchingFr,
    ...webinarsFr,
    ...webinarLiveFr,
  },
  de: {
    ...de,
    ...accountDe,
    ...staffDe,
    ...adminDe,
    ...securityDe,
    ...alertsDe,
    ...slotsDe,
    ...agendaDe,
    ...matchingDe,
    ...webinarsDe,
    ...webinarLiveDe,
  },
} as const satisfies Record<Language, unknown>;
