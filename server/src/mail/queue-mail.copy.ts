/**
 * The words of the queue's mail in each UI language: "you are being called",
 * for a candidate a recruiter called while no page of theirs was open. It
 * names the stand and the moment the call stops ringing, nothing of the staff.
 */
import type { Language } from "@crossfair/shared";
import type { Copy } from "./mail.copy.js";

export interface QueueMailParams {
  calledAway: {
    name: string;
    /** The stand's page, where the call rings. */
    link: string;
    standName: string;
    /** When the call stops ringing, in the fair's time zone. */
    until: string;
  };
}

type QueueCopy = {
  [K in keyof QueueMailParams]: Record<Language, (params: QueueMailParams[K]) => Copy>;
};

export const QUEUE_COPY: QueueCopy = {
  calledAway: {
    en: ({ standName, until }) => ({
      subject: `${standName} is calling you now`,
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `It's your turn in the queue of ${standName}. A recruiter is calling you now, and Crossfair is not open on any of your devices.`,
        `Come back before ${until} to answer the call.`,
      ],
      action: "Answer on the stand's page",
    }),
    fr: ({ standName, until }) => ({
      subject: `${standName} vous appelle maintenant`,
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `C'est votre tour dans la file d'attente de ${standName}. Un recruteur vous appelle maintenant, et Crossfair n'est ouvert sur aucun de vos appareils.`,
        `Revenez avant ${until} pour répondre à l'appel.`,
      ],
      action: "Répondre sur la page du stand",
    }),
    nl: ({ standName, until }) => ({
      subject: `${standName} roept u nu op`,
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `U bent aan de beurt in de wachtrij van ${standName}. Een recruiter roept u nu op, en Crossfair staat op geen van uw toestellen open.`,
        `Kom terug voor ${until} om de oproep te beantwoorden.`,
      ],
      action: "Beantwoorden op de pagina van de stand",
    }),
    de: ({ standName, until }) => ({
      subject: `${standName} ruft Sie jetzt auf`,
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Sie sind in der Warteschlange von ${standName} an der Reihe. Eine Recruiterin oder ein Recruiter ruft Sie jetzt auf, und Crossfair ist auf keinem Ihrer Geräte geöffnet.`,
        `Kommen Sie vor ${until} zurück, um den Aufruf anzunehmen.`,
      ],
      action: "Auf der Seite des Stands annehmen",
    }),
  },
};
