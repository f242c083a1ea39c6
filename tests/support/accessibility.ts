/**
 * Runs axe-core (Deque's accessibility engine, from npm) inside a page and
 * returns the serious and critical violations, each with where it was found.
 * Minor and moderate findings are not failures here, but are worth reading.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a script
  // tag would be an inline script, which it rightly refuses).
  if (!loaded) await page.evaluate(readFileSync(axePath, "utf8"));
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<unknown> } }).axe;
    return axe.run();
  })) as AxeResult;
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}
