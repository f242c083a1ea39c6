import { describe, expect, it } from "vitest";
import type { WebinarFigures } from "@crossfair/shared";
import { attendanceChart, webinarReportCsv } from "./webinar-report.js";

const figures = (title: string, registered: number, attended: number): WebinarFigures => ({
  webinarId: "a0000000-0000-4000-8000-000000000000",
  standId: "50000000-0000-4000-8000-000000000000",
  standName: "Hainaut, Logistique",
  title,
  spokenLanguage: "fr",
  startsAt: "2027-03-12T09:00:00.000Z",
  status: "ended",
  registered,
  attended,
  registeredAttended: 1,
  peakViewers: 2,
  meanMinutesAttended: 12.5,
  questionsAsked: 3,
  questionsAnswered: 1,
});

describe("webinar report", () => {
  it("charts registered beside attended per session", () => {
    const spec = attendanceChart(
      { webinars: [figures("Frontaliers", 5, 3), figures("Fiscalité", 2, 0)] },
      { registered: "Registered", attended: "Attended" },
    );
    expect(spec.labels).toEqual([
      "Frontaliers (Hainaut, Logistique)",
      "Fiscalité (Hainaut, Logistique)",
    ]);
    expect(spec.series.map((s) => s.values)).toEqual([
      [5, 2],
      [3, 0],
    ]);
  });

  it("writes CSV with quoting and defused formulas", () => {
    const csv = webinarReportCsv({ webinars: [figures('=HYPERLINK("x")', 5, 3)] });
    const [header, row] = csv.split("\r\n");
    expect(header?.split(",")).toContain("peakViewers");
    expect(row).toContain('"Hainaut, Logistique"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain(",12.5,3,1");
  });
});
