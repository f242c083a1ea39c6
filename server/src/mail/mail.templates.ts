/**
 * The words of every email, in each UI language (nl/fr/en/de), and how a
 * message becomes its plain-text and HTML parts. A message is a subject, a
 * greeting, paragraphs, an optional quote (what a staff member wrote), an
 * optional action (a link: a button in HTML, a bare line in text) and a
 * closing note. Everything that comes from a person (a name, a stand's name,
 * a message) or a link is escaped in the HTML part; the copy itself is plain
 * text. The account's messages are here; the bookings' and the queue's are in
 * `booking-mail.copy.ts` and `queue-mail.copy.ts`.
 */
import type { Language } from "@crossfair/shared";
import { BOOKING_COPY, type BookingMailParams } from "./booking-mail.copy.js";
import type { Copy, CopyOf } from "./mail.copy.js";
import { QUEUE_COPY, type QueueMailParams } from "./queue-mail.copy.js";
import { WEBINAR_COPY, type WebinarMails } from "./webinar-mail.copy.js";

export interface AccountMailParams {
  passwordReset: { name: string; link: string };
  emailVerification: { name: string; link: string };
  passwordChanged: { name: string; link: string };
  /** Someone signed up with an email that has an account: `link` signs in, `resetLink` resets. */
  signUpAttempt: { name: string; link: string; resetLink: string };
}
export interface MailParams
  extends AccountMailParams, BookingMailParams, QueueMailParams, WebinarMails {}
export type MailKind = keyof MailParams;
export const MAIL_KINDS = [
  "passwordReset",
  "emailVerification",
  "passwordChanged",
  "signUpAttempt",
  "bookingConfirmed",
  "bookingCancelled",
  "bookingReminder",
  "bookingInvitation",
  "calledAway",
  "webinarRegistered",
  "webinarChanged",
  "webinarCancelled",
  "webinarReminder",
] as const satisfies readonly MailKind[];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SIGN_OFF: Record<Language, string> = {
  en: "The Crossfair team",
  fr: "L'équipe Crossfair",
  nl: "Het Crossfair-team",
  de: "Ihr Crossfair-Team",
};

const ACCOUNT_COPY: {
  [K in keyof AccountMailParams]: Record<Language, CopyOf<AccountMailParams[K]>>;
} = {
  passwordReset: {
    en: {
      subject: "Reset your Crossfair password",
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        "Someone asked to reset the password of your Crossfair account. If it was you, choose a new password with this link. It works once, for one hour.",
      ],
      action: "Choose a new password",
      after: "If you did not ask for this, ignore this email: your password stays as it is.",
    },
    fr: {
      subject: "Réinitialisez votre mot de passe Crossfair",
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        "Une réinitialisation du mot de passe de votre compte Crossfair a été demandée. Si c'est bien vous, choisissez un nouveau mot de passe avec ce lien. Il ne fonctionne qu'une fois, pendant une heure.",
      ],
      action: "Choisir un nouveau mot de passe",
      after:
        "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.",
    },
    nl: {
      subject: "Stel uw Crossfair-wachtwoord opnieuw in",
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        "Er is gevraagd om het wachtwoord van uw Crossfair-account opnieuw in te stellen. Was u dat, kies dan met deze link een nieuw wachtwoord. De link werkt één keer, een uur lang.",
      ],
      action: "Nieuw wachtwoord kiezen",
      after: "Hebt u dit niet gevraagd? Negeer deze e-mail dan: uw wachtwoord blijft zoals het is.",
    },
    de: {
      subject: "Crossfair-Passwort zurücksetzen",
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        "Für Ihr Crossfair-Konto wurde ein neues Passwort angefordert. Wenn Sie das waren, wählen Sie über diesen Link ein neues Passwort. Der Link funktioniert einmal und eine Stunde lang.",
      ],
      action: "Neues Passwort wählen",
      after:
        "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
    },
  },
  emailVerification: {
    en: {
      subject: "Confirm your email address for Crossfair",
      greeting: (name) => `Welcome to Crossfair, ${name}.`,
      paragraphs: ["Please confirm that this email address is yours by opening this link."],
      action: "Confirm my email address",
      after: "If you did not create an account, you can ignore this email.",
    },
    fr: {
      subject: "Confirmez votre adresse e-mail pour Crossfair",
      greeting: (name) => `Bienvenue sur Crossfair, ${name}.`,
      paragraphs: [
        "Merci de confirmer que cette adresse e-mail est bien la vôtre en ouvrant ce lien.",
      ],
      action: "Confirmer mon adresse e-mail",
      after: "Si vous n'avez pas créé de compte, ignorez simplement cet e-mail.",
    },
    nl: {
      subject: "Bevestig uw e-mailadres voor Crossfair",
      greeting: (name) => `Welkom bij Crossfair, ${name}.`,
      paragraphs: ["Bevestig met deze link dat dit uw e-mailadres is."],
      action: "Mijn e-mailadres bevestigen",
      after: "Hebt u geen account aangemaakt? Dan kunt u deze e-mail negeren.",
    },
    de: {
      subject: "Bestätigen Sie Ihre E-Mail-Adresse für Crossfair",
      greeting: (name) => `Willkommen bei Crossfair, ${name}.`,
      paragraphs: [
        "Bitte bestätigen Sie über diesen Link, dass diese E-Mail-Adresse Ihnen gehört.",
      ],
      action: "E-Mail-Adresse bestätigen",
      after: "Wenn Sie kein Konto angelegt haben, können Sie diese E-Mail ignorieren.",
    },
  },
  passwordChanged: {
    en: {
      subject: "Your Crossfair password was changed",
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        "The password of your Crossfair account was just changed, and your other devices were signed out.",
        "If this was not you, reset your password straight away with “Forgot password?” on the sign-in page, and tell the fair's organiser.",
      ],
      action: "Sign in",
    },
    fr: {
      subject: "Votre mot de passe Crossfair a été modifié",
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        "Le mot de passe de votre compte Crossfair vient d'être modifié, et vos autres appareils ont été déconnectés.",
        "Si ce n'était pas vous, réinitialisez tout de suite votre mot de passe avec « Mot de passe oublié ? » sur la page de connexion, et prévenez l'organisateur du salon.",
      ],
      action: "Se connecter",
    },
    nl: {
      subject: "Uw Crossfair-wachtwoord is gewijzigd",
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        "Het wachtwoord van uw Crossfair-account is zonet gewijzigd, en u bent afgemeld op uw andere toestellen.",
        "Was u dit niet? Stel dan meteen een nieuw wachtwoord in via „Wachtwoord vergeten?” op de aanmeldpagina, en verwittig de organisator van de beurs.",
      ],
      action: "Aanmelden",
    },
    de: {
      subject: "Ihr Crossfair-Passwort wurde geändert",
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        "Das Passwort Ihres Crossfair-Kontos wurde soeben geändert, und Sie wurden auf Ihren anderen Geräten abgemeldet.",
        "Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort über „Passwort vergessen?“ auf der Anmeldeseite zurück und informieren Sie den Veranstalter der Messe.",
      ],
      action: "Anmelden",
    },
  },
  signUpAttempt: {
    en: signUpAttemptCopy("en"),
    fr: signUpAttemptCopy("fr"),
    nl: signUpAttemptCopy("nl"),
    de: signUpAttemptCopy("de"),
  },
};

// Told to the address's owner, never to whoever typed it: sign-up answers the same either way.
function signUpAttemptCopy(language: Language) {
  return ({ resetLink }: AccountMailParams["signUpAttempt"]): Copy =>
    SIGN_UP_ATTEMPT[language](resetLink);
}

const SIGN_UP_ATTEMPT: Record<Language, (resetLink: string) => Copy> = {
  en: (resetLink) => ({
    subject: "Someone tried to sign up to Crossfair with your email",
    greeting: (name) => `Hello ${name},`,
    paragraphs: [
      "Someone just tried to create a Crossfair account with this email address. You already have an account, so no new one was made.",
      "If it was you, sign in with your password, or choose a new one if you forgot it.",
    ],
    action: "Sign in",
    secondAction: { label: "Choose a new password", link: resetLink },
    after: "If it was not you, ignore this email: nothing changed on your account.",
  }),
  fr: (resetLink) => ({
    subject: "Quelqu'un a essayé de s'inscrire sur Crossfair avec votre adresse e-mail",
    greeting: (name) => `Bonjour ${name},`,
    paragraphs: [
      "Quelqu'un vient d'essayer de créer un compte Crossfair avec cette adresse e-mail. Vous avez déjà un compte : aucun nouveau compte n'a été créé.",
      "Si c'était vous, connectez-vous avec votre mot de passe, ou choisissez-en un nouveau si vous l'avez oublié.",
    ],
    action: "Se connecter",
    secondAction: { label: "Choisir un nouveau mot de passe", link: resetLink },
    after: "Si ce n'était pas vous, ignorez cet e-mail : rien n'a changé sur votre compte.",
  }),
  nl: (resetLink) => ({
    subject: "Iemand probeerde zich met uw e-mailadres te registreren bij Crossfair",
    greeting: (name) => `Beste ${name},`,
    paragraphs: [
      "Iemand probeerde zonet een Crossfair-account aan te maken met dit e-mailadres. U hebt al een account, dus er is geen nieuw aangemaakt.",
      "Was u dat? Meld u dan aan met uw wachtwoord, of kies een nieuw als u het vergeten bent.",
    ],
    action: "Aanmelden",
    secondAction: { label: "Nieuw wachtwoord kiezen", link: resetLink },
    after: "Was u het niet? Negeer deze e-mail dan: er is niets veranderd aan uw account.",
  }),
  de: (resetLink) => ({
    subject: "Jemand wollte sich mit Ihrer E-Mail-Adresse bei Crossfair registrieren",
    greeting: (name) => `Guten Tag ${name},`,
    paragraphs: [
      "Soeben wollte jemand mit dieser E-Mail-Adresse ein Crossfair-Konto anlegen. Sie haben bereits ein Konto, daher wurde kein neues angelegt.",
      "Wenn Sie das waren, melden Sie sich mit Ihrem Passwort an oder wählen Sie ein neues, falls Sie es vergessen haben.",
    ],
    action: "Anmelden",
    secondAction: { label: "Neues Passwort wählen", link: resetLink },
    after:
      "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: An Ihrem Konto hat sich nichts geändert.",
  }),
};

const COPY: { [K in MailKind]: Record<Language, CopyOf<MailParams[K]>> } = {
  ...ACCOUNT_COPY,
  ...BOOKING_COPY,
  ...QUEUE_COPY,
  ...WEBINAR_COPY,
};

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** A message of `kind` in `language`, with its text and HTML parts. */
export function renderMail<K extends MailKind>(
  kind: K,
  language: Language,
  params: MailParams[K],
): RenderedMail {
  const entry = COPY[kind][language] as CopyOf<MailParams[K]>;
  const copy = typeof entry === "function" ? entry(params) : entry;
  const greeting = copy.greeting(params.name);
  const text = [
    greeting,
    ...copy.paragraphs,
    ...(copy.quote ? [copy.quote.replace(/^/gm, "> ")] : []),
    ...(copy.action ? [`${copy.action}: ${params.link}`] : []),
    ...(copy.secondAction ? [`${copy.secondAction.label}: ${copy.secondAction.link}`] : []),
    ...(copy.after ? [copy.after] : []),
    SIGN_OFF[language],
  ].join("\n\n");
  const paragraph = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const button = copy.action
    ? `<p><a href="${escapeHtml(params.link)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(copy.action)}</a></p>` +
      `<p style="font-size:13px;color:#555555">${escapeHtml(params.link)}</p>`
    : "";
  const second = copy.secondAction
    ? `<p><a href="${escapeHtml(copy.secondAction.link)}">${escapeHtml(copy.secondAction.label)}</a></p>` +
      `<p style="font-size:13px;color:#555555">${escapeHtml(copy.secondAction.link)}</p>`
    : "";
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111111;max-width:560px">`,
    paragraph(greeting),
    ...copy.paragraphs.map(paragraph),
    copy.quote
      ? `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:4px solid #cbd5e1;white-space:pre-wrap">${escapeHtml(copy.quote)}</blockquote>`
      : "",
    button,
    second,
    copy.after ? paragraph(copy.after) : "",
    paragraph(SIGN_OFF[language]),
    `</body></html>`,
  ].join("\n");
  return { subject: copy.subject, text, html };
}
