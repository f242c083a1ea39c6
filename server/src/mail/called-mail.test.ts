import { describe, expect, it } from "vitest";
import type { Language } from "@crossfair/shared";
import { CalledMail } from "./called-mail.js";
import type { MailRecipient, MailService } from "./mail.service.js";

const STAND = "50000000-0000-4000-8000-000000000001";
const FAIR = "f0000000-0000-4000-8000-000000000001";
const LEA = "00000000-0000-4000-8000-000000000001";
const NOW = Date.UTC(2031, 2, 12, 9, 0, 0);

function setUp(options: { connected?: boolean; recipient?: MailRecipient | null } = {}) {
  const sent: { kind: string; to: MailRecipient; params: Record<string, unknown> }[] = [];
  const mail: MailService = {
    devMailboxOpen: false,
    async send(kind, to, params) {
      sent.push({ kind, to, params: params as Record<string, unknown> });
    },
    link: (path) => `https://fair.example.org/#${path}`,
  };
  const lea: MailRecipient = { email: "lea@crossfair.test", displayName: "Léa", uiLanguage: "fr" };
  const called = new CalledMail({
    directory: {
      recipient: async () => (options.recipient === undefined ? lea : options.recipient),
      stand: async (_standId: string, _language: Language) => ({
        standName: "Hainaut Logistique",
        fairName: "Journée de l'emploi transfrontalier",
        timeZone: "Europe/Brussels",
      }),
    },
    mail,
    connected: async () => options.connected ?? false,
    clock: () => NOW,
  });
  return { called, sent };
}

const event = (deadline = NOW + 30_000) => ({
  standId: STAND,
  fairId: FAIR,
  candidateId: LEA,
  deadline,
});

describe("'you are being called' mail", () => {
  it("goes to a candidate with no page open, naming the stand and the deadline in the fair's time", async () => {
    const { called, sent } = setUp();
    expect(await called.called(event())).toBe(true);
    expect(sent).toEqual([
      {
        kind: "calledAway",
        to: expect.objectContaining({ email: "lea@crossfair.test", uiLanguage: "fr" }),
        params: {
          link: `https://fair.example.org/#/stands/${STAND}`,
          standName: "Hainaut Logistique",
          // 09:00:30 UTC is 10:00:30 in Brussels in March.
          until: expect.stringMatching(/^10:00:30 /),
        },
      },
    ]);
  });

  it("is not sent to a candidate with a page open, for a call already over, or to nobody", async () => {
    const open = setUp({ connected: true });
    expect(await open.called.called(event())).toBe(false);
    const late = setUp();
    expect(await late.called.called(event(NOW - 1))).toBe(false);
    const gone = setUp({ recipient: null });
    expect(await gone.called.called(event())).toBe(false);
    expect([...open.sent, ...late.sent, ...gone.sent]).toEqual([]);
  });
});
