import { describe, expect, it } from "vitest";
import { informalWordsIn } from "./copy-register.js";

describe("informalWordsIn", () => {
  it("finds informal pronouns as whole words, in any case", () => {
    expect(informalWordsIn("nl", "Je staat niet in jouw wachtrij")).toEqual(["Je", "jouw"]);
    expect(informalWordsIn("fr", "Tu es appelé, à toi de jouer")).toEqual(["Tu", "toi"]);
    expect(informalWordsIn("de", "Du bist dran, dein Termin")).toEqual(["Du", "bist", "dein"]);
  });

  it("leaves words that only contain them, and the formal register, alone", () => {
    expect(informalWordsIn("nl", "Het meisje kijkt naar uw jeans en het jouwtje-spel")).toEqual([]);
    expect(
      informalWordsIn("nl", "U staat in de wachtrij van {{stand}}. Kies uw tijdslot."),
    ).toEqual([]);
    expect(informalWordsIn("fr", "Votre tour : vous êtes appelé. Totale, tonnes, tâches.")).toEqual(
      [],
    );
    expect(informalWordsIn("de", "Sie sind dran, Ihr Termin. Dirigent, Duschen, Dienst.")).toEqual(
      [],
    );
    expect(informalWordsIn("en", "You are next")).toEqual([]);
  });
});
