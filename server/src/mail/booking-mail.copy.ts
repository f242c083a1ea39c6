/**
 * The words of the booking mails in each UI language: the confirmation (its
 * calendar file rides along), the cancellation (saying who cancelled), the
 * reminders a day and an hour before, and staff's invitation to book. They
 * name the stand, the fair and the slot's time, and nothing of the staff.
 */
import type { Language } from "@crossfair/shared";
import type { Copy } from "./mail.copy.js";

/** A booked slot as its mails name it: `when` is already in the fair's time zone. */
export interface SlotMailParams {
  name: string;
  /** The stand's page. */
  link: string;
  standName: string;
  fairName: string;
  when: string;
}

export type CancelledBy = "candidate" | "staff" | "slot_withdrawn";
export type ReminderKind = "day" | "hour";

export interface BookingMailParams {
  bookingConfirmed: SlotMailParams;
  bookingCancelled: SlotMailParams & { by: CancelledBy };
  bookingReminder: SlotMailParams & { soon: ReminderKind };
  bookingInvitation: {
    name: string;
    link: string;
    standName: string;
    fairName: string;
    /** What the staff member wrote; may be empty. */
    message: string;
  };
}

type BookingCopy = {
  [K in keyof BookingMailParams]: Record<Language, (params: BookingMailParams[K]) => Copy>;
};

export const BOOKING_COPY: BookingCopy = {
  bookingConfirmed: {
    en: ({ standName, fairName, when }) => ({
      subject: `Your interview with ${standName} is booked`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `Your interview with ${standName} at ${fairName} is booked for ${when}.`,
        "At that time, keep Crossfair open: you are called just like in the queue, and the interview starts when you accept. The attached calendar file adds it to your agenda.",
      ],
      action: "Open the stand",
      after: "Can't make it? Cancel the booking on the stand's page, so someone else can take it.",
    }),
    fr: ({ standName, fairName, when }) => ({
      subject: `Votre entretien avec ${standName} est réservé`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `Votre entretien avec ${standName} au salon ${fairName} est réservé pour le ${when}.`,
        "À cette heure-là, gardez Crossfair ouvert : l'appel arrive comme dans la file d'attente, et l'entretien commence dès que vous acceptez. Le fichier de calendrier joint l'ajoute à votre agenda.",
      ],
      action: "Ouvrir le stand",
      after:
        "Vous ne pourrez pas venir ? Annulez la réservation sur la page du stand, pour laisser la place à quelqu'un d'autre.",
    }),
    nl: ({ standName, fairName, when }) => ({
      subject: `Uw gesprek met ${standName} is geboekt`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `Uw gesprek met ${standName} op ${fairName} is geboekt voor ${when}.`,
        "Houd Crossfair op dat moment open: u wordt opgeroepen zoals in de wachtrij, en het gesprek begint zodra u aanvaardt. Met het bijgevoegde agendabestand zet u het in uw agenda.",
      ],
      action: "Naar de stand",
      after:
        "Lukt het toch niet? Annuleer dan op de pagina van de stand, zodat iemand anders uw plaats kan nemen.",
    }),
    de: ({ standName, fairName, when }) => ({
      subject: `Ihr Gespräch mit ${standName} ist gebucht`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Ihr Gespräch mit ${standName} auf der Messe ${fairName} ist gebucht für ${when}.`,
        "Lassen Sie Crossfair zu dieser Zeit geöffnet: Sie werden wie in der Warteschlange aufgerufen, und das Gespräch beginnt, sobald Sie annehmen. Mit der angehängten Kalenderdatei tragen Sie es in Ihren Kalender ein.",
      ],
      action: "Zum Stand",
      after:
        "Sie können doch nicht? Stornieren Sie die Buchung auf der Seite des Stands, damit jemand anderes den Termin nehmen kann.",
    }),
  },
  bookingCancelled: {
    en: ({ standName, when, by }) => ({
      subject: `Your interview with ${standName} is cancelled`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        {
          candidate: `You cancelled your interview with ${standName} on ${when}.`,
          staff: `${standName} cancelled your interview on ${when}.`,
          slot_withdrawn: `${standName} withdrew the slot of your interview on ${when}, so the booking is cancelled.`,
        }[by],
        "The attached calendar file takes it out of your agenda. You can book another slot on the stand's page, or join its queue while it is open.",
      ],
      action: "Open the stand",
    }),
    fr: ({ standName, when, by }) => ({
      subject: `Votre entretien avec ${standName} est annulé`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        {
          candidate: `Vous avez annulé votre entretien avec ${standName} du ${when}.`,
          staff: `${standName} a annulé votre entretien du ${when}.`,
          slot_withdrawn: `${standName} a retiré le créneau de votre entretien du ${when} : la réservation est donc annulée.`,
        }[by],
        "Le fichier de calendrier joint le retire de votre agenda. Vous pouvez réserver un autre créneau sur la page du stand, ou rejoindre sa file d'attente quand il est ouvert.",
      ],
      action: "Ouvrir le stand",
    }),
    nl: ({ standName, when, by }) => ({
      subject: `Uw gesprek met ${standName} is geannuleerd`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        {
          candidate: `U hebt uw gesprek met ${standName} van ${when} geannuleerd.`,
          staff: `${standName} heeft uw gesprek van ${when} geannuleerd.`,
          slot_withdrawn: `${standName} heeft het tijdslot van uw gesprek van ${when} ingetrokken, dus uw boeking is geannuleerd.`,
        }[by],
        "Met het bijgevoegde agendabestand haalt u het uit uw agenda. U kunt een ander tijdslot boeken op de pagina van de stand, of aansluiten in de wachtrij als de stand open is.",
      ],
      action: "Naar de stand",
    }),
    de: ({ standName, when, by }) => ({
      subject: `Ihr Gespräch mit ${standName} ist storniert`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        {
          candidate: `Sie haben Ihr Gespräch mit ${standName} am ${when} storniert.`,
          staff: `${standName} hat Ihr Gespräch am ${when} storniert.`,
          slot_withdrawn: `${standName} hat den Termin Ihres Gesprächs am ${when} zurückgezogen, daher ist die Buchung storniert.`,
        }[by],
        "Die angehängte Kalenderdatei entfernt es aus Ihrem Kalender. Sie können auf der Seite des Stands einen anderen Termin buchen oder sich in die Warteschlange einreihen, solange der Stand geöffnet ist.",
      ],
      action: "Zum Stand",
    }),
  },
  bookingReminder: {
    en: ({ standName, when, soon }) => ({
      subject: `${soon === "day" ? "Tomorrow" : "In one hour"}: your interview with ${standName}`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `A reminder: your interview with ${standName} is on ${when}.`,
        "Keep Crossfair open a few minutes before, with your camera and microphone ready: you are called at the start of your slot.",
      ],
      action: "Open the stand",
      after: "Can't make it? Cancel the booking on the stand's page, so someone else can take it.",
    }),
    fr: ({ standName, when, soon }) => ({
      subject: `${soon === "day" ? "Demain" : "Dans une heure"} : votre entretien avec ${standName}`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `Pour rappel : votre entretien avec ${standName} a lieu le ${when}.`,
        "Ouvrez Crossfair quelques minutes avant, avec votre caméra et votre micro prêts : l'appel arrive au début de votre créneau.",
      ],
      action: "Ouvrir le stand",
      after:
        "Vous ne pourrez pas venir ? Annulez la réservation sur la page du stand, pour laisser la place à quelqu'un d'autre.",
    }),
    nl: ({ standName, when, soon }) => ({
      subject: `${soon === "day" ? "Morgen" : "Over een uur"}: uw gesprek met ${standName}`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `Ter herinnering: uw gesprek met ${standName} is op ${when}.`,
        "Open Crossfair een paar minuten op voorhand, met uw camera en microfoon klaar: u wordt opgeroepen bij het begin van uw tijdslot.",
      ],
      action: "Naar de stand",
      after:
        "Lukt het toch niet? Annuleer dan op de pagina van de stand, zodat iemand anders uw plaats kan nemen.",
    }),
    de: ({ standName, when, soon }) => ({
      subject: `${soon === "day" ? "Morgen" : "In einer Stunde"}: Ihr Gespräch mit ${standName}`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Zur Erinnerung: Ihr Gespräch mit ${standName} ist am ${when}.`,
        "Öffnen Sie Crossfair ein paar Minuten vorher, mit Kamera und Mikrofon bereit: Sie werden zu Beginn Ihres Termins aufgerufen.",
      ],
      action: "Zum Stand",
      after:
        "Sie können doch nicht? Stornieren Sie die Buchung auf der Seite des Stands, damit jemand anderes den Termin nehmen kann.",
    }),
  },
  bookingInvitation: {
    en: ({ standName, fairName, message }) => ({
      subject: `${standName} invites you to book an interview`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `${standName} would like to meet you at ${fairName}, and invites you to book an interview slot on its stand page.`,
        ...(message ? ["Their message:"] : []),
      ],
      ...(message ? { quote: message } : {}),
      action: "Choose a slot",
    }),
    fr: ({ standName, fairName, message }) => ({
      subject: `${standName} vous invite à réserver un entretien`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `${standName} souhaite vous rencontrer au salon ${fairName}, et vous invite à réserver un créneau d'entretien sur la page de son stand.`,
        ...(message ? ["Son message :"] : []),
      ],
      ...(message ? { quote: message } : {}),
      action: "Choisir un créneau",
    }),
    nl: ({ standName, fairName, message }) => ({
      subject: `${standName} nodigt u uit om een gesprek te boeken`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `${standName} wil u graag ontmoeten op ${fairName}, en nodigt u uit om een tijdslot voor een gesprek te boeken op de pagina van de stand.`,
        ...(message ? ["Hun bericht:"] : []),
      ],
      ...(message ? { quote: message } : {}),
      action: "Een tijdslot kiezen",
    }),
    de: ({ standName, fairName, message }) => ({
      subject: `${standName} lädt Sie ein, ein Gespräch zu buchen`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `${standName} möchte Sie auf der Messe ${fairName} kennenlernen und lädt Sie ein, auf der Seite des Stands einen Gesprächstermin zu buchen.`,
        ...(message ? ["Die Nachricht dazu:"] : []),
      ],
      ...(message ? { quote: message } : {}),
      action: "Termin wählen",
    }),
  },
};

/** The calendar event's title. */
export const CALENDAR_SUMMARY: Record<Language, (standName: string) => string> = {
  en: (standName) => `Interview: ${standName}`,
  fr: (standName) => `Entretien : ${standName}`,
  nl: (standName) => `Gesprek: ${standName}`,
  de: (standName) => `Gespräch: ${standName}`,
};
