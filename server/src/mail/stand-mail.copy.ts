/**
 * The words of the stand registration's mail in each UI language: told to
 * the owner of an email someone used to register a stand, never to whoever
 * typed it (the registration answers "check your email" either way). It names
 * the organisation that was typed, so the owner knows what it was about.
 */
import type { Language } from "@crossfair/shared";
import type { Copy } from "./mail.copy.js";

export interface StandMailParams {
  /** `link` signs in, `resetLink` chooses a new password. */
  standRegistrationAttempt: {
    name: string;
    link: string;
    resetLink: string;
    organisation: string;
  };
}

type StandCopy = {
  [K in keyof StandMailParams]: Record<Language, (params: StandMailParams[K]) => Copy>;
};

export const STAND_COPY: StandCopy = {
  standRegistrationAttempt: {
    en: ({ organisation, resetLink }) => ({
      subject: "Someone tried to register a stand on Crossfair with your email",
      greeting: (name) => `Hello ${name},`,
      paragraphs: [
        `Someone just tried to register the stand "${organisation}" with this email address. You already have a Crossfair account, so no stand or account was created.`,
        "If it was you, sign in and ask the fair's organiser to add the stand to your account, or register it with another email address.",
      ],
      action: "Sign in",
      secondAction: { label: "Choose a new password", link: resetLink },
      after: "If it was not you, ignore this email: nothing changed on your account.",
    }),
    fr: ({ organisation, resetLink }) => ({
      subject: "Quelqu'un a essayé d'inscrire un stand sur Crossfair avec votre adresse e-mail",
      greeting: (name) => `Bonjour ${name},`,
      paragraphs: [
        `Quelqu'un vient d'essayer d'inscrire le stand « ${organisation} » avec cette adresse e-mail. Vous avez déjà un compte Crossfair : aucun stand ni compte n'a été créé.`,
        "Si c'était vous, connectez-vous et demandez à l'organisateur du salon d'ajouter le stand à votre compte, ou inscrivez-le avec une autre adresse e-mail.",
      ],
      action: "Se connecter",
      secondAction: { label: "Choisir un nouveau mot de passe", link: resetLink },
      after: "Si ce n'était pas vous, ignorez cet e-mail : rien n'a changé sur votre compte.",
    }),
    nl: ({ organisation, resetLink }) => ({
      subject: "Iemand probeerde met uw e-mailadres een stand te registreren bij Crossfair",
      greeting: (name) => `Beste ${name},`,
      paragraphs: [
        `Iemand probeerde zonet de stand „${organisation}” te registreren met dit e-mailadres. U hebt al een Crossfair-account, dus er is geen stand of account aangemaakt.`,
        "Was u dat? Meld u dan aan en vraag de organisator van de beurs om de stand aan uw account toe te voegen, of registreer hem met een ander e-mailadres.",
      ],
      action: "Aanmelden",
      secondAction: { label: "Nieuw wachtwoord kiezen", link: resetLink },
      after: "Was u het niet? Negeer deze e-mail dan: er is niets veranderd aan uw account.",
    }),
    de: ({ organisation, resetLink }) => ({
      subject: "Jemand wollte mit Ihrer E-Mail-Adresse einen Stand bei Crossfair anmelden",
      greeting: (name) => `Guten Tag ${name},`,
      paragraphs: [
        `Soeben wollte jemand den Stand „${organisation}“ mit dieser E-Mail-Adresse anmelden. Sie haben bereits ein Crossfair-Konto, daher wurden weder ein Stand noch ein Konto angelegt.`,
        "Wenn Sie das waren, melden Sie sich an und bitten Sie den Veranstalter der Messe, den Stand Ihrem Konto hinzuzufügen, oder melden Sie ihn mit einer anderen E-Mail-Adresse an.",
      ],
      action: "Anmelden",
      secondAction: { label: "Neues Passwort wählen", link: resetLink },
      after:
        "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: An Ihrem Konto hat sich nichts geändert.",
    }),
  },
};
