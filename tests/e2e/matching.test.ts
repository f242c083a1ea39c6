/**
 * Language fit and "vacancies for you" in Chromium, in French and in Dutch:
 * a French-speaking candidate sees the vacancies ranked for her with their
 * reasons, each vacancy's fit in words, and the hall narrowed to the stands
 * her languages suit; a Dutch-speaking one sees the same rule in Dutch.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seriousA11yViolations } from "../support/accessibility.js";
import { artifactsDir, chromiumAvailable } from "../support/browser.js";
import { pageApi } from "../support/browser-pages.js";
import { useBrowserFair } from "../support/browser-suite.js";

const available = await chromiumAvailable();
const PHONE = { width: 360, height: 740 };

describe.runIf(available)("language fit and recommendations in Chromium", () => {
  const fair = useBrowserFair({ MEDIA_WORKERS: "0" });
  const { openPage, pageErrors, signIn } = fair;

  it("ranks a French speaker's vacancies, says why, and narrows the hall to her languages", async () => {
    const camille = await openPage();
    await signIn(camille, "candidate@crossfair.test", "Camille Dubois");
    // French only: the Dutch the demo gave her is taken off her profile.
    const saved = await pageApi(camille, "PUT", "/api/me/profile", {
      country: "FR",
      region: "Hauts-de-France",
      languages: [{ language: "fr", level: "C2" }],
      sectors: ["logistics"],
      availability: "",
      pitch: "",
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await camille.goto(`${fair.baseUrl}/#/`);
    await camille.reload();

    const forYou = camille.getByTestId("vacancies-for-you");
    await forYou.getByTestId("recommendation").first().waitFor({ timeout: 15_000 });
    expect(await forYou.locator("h2").textContent()).toContain("Offres pour vous");
    // First: the forklift job next door in Belgium, in her sector, French A2 asked.
    const first = forYou.getByTestId("recommendation").first();
    expect(await first.textContent()).toContain("Cariste");
    expect(await first.getByTestId("fit-badge").getAttribute("data-tone")).toBe("meets");
    await first.locator("summary").click();
    const reasons = await first.getByTestId("recommendation-reasons").textContent();
    expect(reasons).toContain("Dans votre secteur");
    expect(reasons).toContain("Travail frontalier");

    // A Dutch-asking vacancy says what it asks, in words.
    const food = camille.getByTestId("stand-card").filter({ hasText: "Flanders Food Factory" });
    expect(await food.getByTestId("fit-badge").first().textContent()).toContain(
      "Demande néerlandais A2",
    );
    const logistics = camille.getByTestId("stand-card").filter({ hasText: "Hainaut Logistique" });
    expect(await logistics.getByTestId("speaks-your-language").textContent()).toContain(
      "Parle votre langue",
    );
    expect(await seriousA11yViolations(camille)).toEqual([]);
    await camille.screenshot({
      path: path.join(artifactsDir, "matching-hall.png"),
      fullPage: true,
    });

    // "Fits my languages": the Flemish food factory, which asks Dutch only, leaves the hall.
    const before = await camille.getByTestId("stand-card").count();
    await camille.getByTestId("filter-fits-me").check();
    await expect.poll(() => food.count()).toBe(0);
    expect(await logistics.count()).toBe(1);
    expect(await camille.getByTestId("stand-card").count()).toBeLessThan(before);
    expect(pageErrors).toEqual([]);
  });

  it("speaks Dutch to a Flemish candidate, on a phone too", async () => {
    const jens = await openPage(PHONE);
    await signIn(jens, "kandidaat@crossfair.test", "Jens Vermeulen");
    await jens.goto(`${fair.baseUrl}/#/`);
    const forYou = jens.getByTestId("vacancies-for-you");
    await forYou.getByTestId("recommendation").first().waitFor({ timeout: 15_000 });
    expect(await forYou.locator("h2").textContent()).toContain("Vacatures voor u");
    // He has French B1: the team-leader job asks C1.
    const logistics = jens.getByTestId("stand-card").filter({ hasText: "Hainaut Logistique" });
    const badges = await logistics.getByTestId("fit-badge").allTextContents();
    expect(badges.join("\n")).toContain("Vraagt Frans C1, u hebt B1");
    expect(await seriousA11yViolations(jens)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
