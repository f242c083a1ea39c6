/**
 * The words of the group-session mails in each UI language: the registration
 * confirmation and the change of time (a calendar file rides along with
 * each), the cancellation (with the calendar's CANCEL), and the reminder 15
 * minutes before. They name the session, its stand, the fair, the time and
 * the language spoken; nothing of the staff beyond what the stand shows.
 */
import type { Language } from "@crossfair/shared";
import type { Copy } from "./mail.copy.js";

/** A session as its mails name it: `when` in the fair's time zone, `spoken` in the reader's words. */
export interface WebinarMailParams {
  name: string;
  /** The session's live page. */
  link: string;
  title: string;
  standName: string;
  fairName: string;
  when: string;
  /** The language the speakers use, named in the recipient's language. */
  spoken: string;
}

export interface WebinarMails {
  webinarRegistered: WebinarMailParams;
  webinarChanged: WebinarMailParams;
  webinarCancelled: WebinarMailParams;
  webinarReminder: WebinarMailParams;
}

type WebinarCopy = {
  [K in keyof WebinarMails]: Record<Language, (params: WebinarMails[K]) => Copy>;
};

export const WEBINAR_COPY: WebinarCopy = {
  webinarRegistered: {
    en: ({ title, standName, fairName, when, spoken }) => ({
      subject: `You are registered: ${title}`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `You are registered for "${title}", a session by ${standName} at ${fairName}, on ${when}. It is held in ${spoken}.`,
        "The link below opens the session; it can be joined from 15 minutes before the start, and we remind you then. The attached calendar file adds it to your agenda. Nothing is recorded.",
      ],
      action: "Open the session",
      after: "Can't make it? Withdraw on the stand's page, so your place goes to someone else.",
    }),
    fr: ({ title, standName, fairName, when, spoken }) => ({
      subject: `Votre inscription est confirmée : ${title}`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `Vous êtes inscrit·e à « ${title} », une session de ${standName} au salon ${fairName}, le ${when}. Elle se tient en ${spoken}.`,
        "Le lien ci-dessous ouvre la session ; vous pourrez la rejoindre 15 minutes avant le début, et nous vous le rappellerons à ce moment-là. Le fichier de calendrier joint l'ajoute à votre agenda. Rien n'est enregistré.",
      ],
      action: "Ouvrir la session",
      after:
        "Vous ne pourrez pas y assister ? Désinscrivez-vous sur la page du stand, pour laisser votre place à quelqu'un d'autre.",
    }),
    nl: ({ title, standName, fairName, when, spoken }) => ({
      subject: `U bent ingeschreven: ${title}`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `U bent ingeschreven voor "${title}", een sessie van ${standName} op ${fairName}, op ${when}. De sessie is in het ${spoken}.`,
        "Met de link hieronder opent u de sessie; u kunt vanaf 15 minuten voor het begin deelnemen, en dan herinneren wij u eraan. Met het bijgevoegde agendabestand zet u de sessie in uw agenda. Er wordt niets opgenomen.",
      ],
      action: "Naar de sessie",
      after:
        "Lukt het toch niet? Schrijf u dan uit op de pagina van de stand, zodat iemand anders uw plaats kan nemen.",
    }),
    de: ({ title, standName, fairName, when, spoken }) => ({
      subject: `Sie sind angemeldet: ${title}`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Sie sind für „${title}“ angemeldet, eine Veranstaltung von ${standName} auf der Messe ${fairName}, am ${when}. Sie findet auf ${spoken} statt.`,
        "Über den Link unten öffnen Sie die Veranstaltung; Sie können ab 15 Minuten vor Beginn teilnehmen, und wir erinnern Sie dann daran. Mit der angehängten Kalenderdatei tragen Sie sie in Ihren Kalender ein. Es wird nichts aufgezeichnet.",
      ],
      action: "Zur Veranstaltung",
      after:
        "Sie können doch nicht teilnehmen? Melden Sie sich auf der Seite des Stands ab, damit jemand anderes Ihren Platz bekommt.",
    }),
  },
  webinarChanged: {
    en: ({ title, standName, when }) => ({
      subject: `New time: ${title}`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `${standName} moved the session "${title}". It now takes place on ${when}, and your registration stays.`,
        "The attached calendar file updates your agenda.",
      ],
      action: "Open the session",
      after: "Does the new time not suit you? Withdraw on the stand's page.",
    }),
    fr: ({ title, standName, when }) => ({
      subject: `Nouvel horaire : ${title}`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `${standName} a déplacé la session « ${title} ». Elle a désormais lieu le ${when}, et votre inscription est maintenue.`,
        "Le fichier de calendrier joint met votre agenda à jour.",
      ],
      action: "Ouvrir la session",
      after: "Le nouvel horaire ne vous convient pas ? Désinscrivez-vous sur la page du stand.",
    }),
    nl: ({ title, standName, when }) => ({
      subject: `Nieuw tijdstip: ${title}`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `${standName} heeft de sessie "${title}" verplaatst. Ze vindt nu plaats op ${when}, en uw inschrijving blijft staan.`,
        "Met het bijgevoegde agendabestand werkt u uw agenda bij.",
      ],
      action: "Naar de sessie",
      after: "Past het nieuwe tijdstip u niet? Schrijf u dan uit op de pagina van de stand.",
    }),
    de: ({ title, standName, when }) => ({
      subject: `Neuer Termin: ${title}`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `${standName} hat die Veranstaltung „${title}“ verschoben. Sie findet nun am ${when} statt, und Ihre Anmeldung bleibt bestehen.`,
        "Mit der angehängten Kalenderdatei aktualisieren Sie Ihren Kalender.",
      ],
      action: "Zur Veranstaltung",
      after: "Passt Ihnen der neue Termin nicht? Melden Sie sich auf der Seite des Stands ab.",
    }),
  },
  webinarCancelled: {
    en: ({ title, standName, when }) => ({
      subject: `Cancelled: ${title}`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `${standName} cancelled the session "${title}" on ${when}. We are sorry.`,
        "The attached calendar file takes it out of your agenda. The stand's page shows its other sessions and its queue.",
      ],
      action: "Open the stand",
    }),
    fr: ({ title, standName, when }) => ({
      subject: `Annulée : ${title}`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `${standName} a annulé la session « ${title} » du ${when}. Nous en sommes désolés.`,
        "Le fichier de calendrier joint la retire de votre agenda. La page du stand présente ses autres sessions et sa file d'attente.",
      ],
      action: "Ouvrir le stand",
    }),
    nl: ({ title, standName, when }) => ({
      subject: `Geannuleerd: ${title}`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `${standName} heeft de sessie "${title}" van ${when} geannuleerd. Het spijt ons.`,
        "Met het bijgevoegde agendabestand haalt u de sessie uit uw agenda. Op de pagina van de stand vindt u de andere sessies en de wachtrij.",
      ],
      action: "Naar de stand",
    }),
    de: ({ title, standName, when }) => ({
      subject: `Abgesagt: ${title}`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `${standName} hat die Veranstaltung „${title}“ am ${when} abgesagt. Das bedauern wir.`,
        "Mit der angehängten Kalenderdatei entfernen Sie sie aus Ihrem Kalender. Auf der Seite des Stands finden Sie seine weiteren Veranstaltungen und seine Warteschlange.",
      ],
      action: "Zum Stand",
    }),
  },
  webinarReminder: {
    en: ({ title, when, spoken }) => ({
      subject: `Starting in 15 minutes: ${title}`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `The session "${title}" starts soon (${when}), in ${spoken}. You can join it now.`,
      ],
      action: "Join the session",
    }),
    fr: ({ title, when, spoken }) => ({
      subject: `Dans 15 minutes : ${title}`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `La session « ${title} » commence bientôt (${when}), en ${spoken}. Vous pouvez la rejoindre dès maintenant.`,
      ],
      action: "Rejoindre la session",
    }),
    nl: ({ title, when, spoken }) => ({
      subject: `Over 15 minuten: ${title}`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `De sessie "${title}" begint binnenkort (${when}), in het ${spoken}. U kunt nu al deelnemen.`,
      ],
      action: "Deelnemen aan de sessie",
    }),
    de: ({ title, when, spoken }) => ({
      subject: `In 15 Minuten: ${title}`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Die Veranstaltung „${title}“ beginnt in Kürze (${when}), auf ${spoken}. Sie können jetzt schon teilnehmen.`,
      ],
      action: "An der Veranstaltung teilnehmen",
    }),
  },
};

/** The calendar event's name: "Session: <title> (<stand>)". */
export const WEBINAR_CALENDAR_SUMMARY: Record<Language, (title: string, stand: string) => string> =
  {
    en: (title, stand) => `Session: ${title} (${stand})`,
    fr: (title, stand) => `Session : ${title} (${stand})`,
    nl: (title, stand) => `Sessie: ${title} (${stand})`,
    de: (title, stand) => `Veranstaltung: ${title} (${stand})`,
  };
