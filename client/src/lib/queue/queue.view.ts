/**
 * Pure display rules of the queue: a candidate's position and wait estimate
 * from the stand's counts and the number of waiting entries ahead of them
 * (kept by `StandLine`; the estimate is the shared `estimateWaitMs`, so every
 * client and the server agree), the ordinal form of a position in the UI
 * language, and minutes for a wait. No state, no DOM.
 */
import {
  estimateWaitMs,
  type Language,
  type MyQueue,
  type StandQueueCounts,
} from "@crossfair/shared";
import type { Translate } from "../i18n/i18n.setup.js";

export interface MyQueueView extends MyQueue {
  /** 1-based place among the waiting entries; null while snoozed, called, frozen or unknown. */
  position: number | null;
  /** Null when there is no estimate: not callable, no recruiter active, or no update yet. */
  waitMs: number | null;
  /** Everyone in the queue, when the stand's counts are known. */
  queueLength: number | null;
  activeRecruiters: number | null;
  standOpen: boolean | null;
}

/**
 * Frozen entries ahead keep their place and count in `ahead`; the
 * candidate's own place shows only while they can be called.
 */
export function positionOf(entry: MyQueue, ahead: number | null): number | null {
  const callable = entry.state === "waiting" && !entry.frozen;
  return callable && ahead !== null ? ahead + 1 : null;
}

export function toQueueView(
  entry: MyQueue,
  counts: StandQueueCounts | null | undefined,
  ahead: number | null,
): MyQueueView {
  const position = counts ? positionOf(entry, ahead) : null;
  return {
    ...entry,
    position,
    waitMs:
      counts && position !== null
        ? estimateWaitMs(position, counts.activeRecruiters, counts.averageInterviewMs)
        : null,
    queueLength: counts?.queueLength ?? null,
    activeRecruiters: counts?.activeRecruiters ?? null,
    standOpen: counts?.open ?? null,
  };
}

export type OrdinalCategory = "one" | "two" | "few" | "other";

/**
 * Which ordinal message a number takes: English has 1st/2nd/3rd/nth, French
 * 1er/2e, Dutch and German one form. `Intl.PluralRules` knows the rules; the
 * "many" and "zero" categories no supported language uses fall back to other.
 */
export function ordinalCategory(position: number, language: Language): OrdinalCategory {
  const category = new Intl.PluralRules(language, { type: "ordinal" }).select(position);
  return category === "one" || category === "two" || category === "few" ? category : "other";
}

/** Whole minutes to show for a wait, at least one: "about 0 min" reads as "now". */
export function waitMinutes(waitMs: number): number {
  return Math.max(1, Math.round(waitMs / 60_000));
}

/** Whole seconds left to answer a call, rounded up so "0 s" means it is over. */
export function secondsLeft(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / 1_000));
}

/** "3rd in line" / "3e dans la file" / "3e in de rij" / "3. in der Reihe". */
export function positionLabel(t: Translate, position: number, language: Language): string {
  return t(`myQueues.position.${ordinalCategory(position, language)}`, { position });
}

/** "about 12 min", or that there is no estimate because nobody is taking candidates. */
export function waitLabel(t: Translate, waitMs: number | null): string {
  return waitMs === null
    ? t("myQueues.noEstimate")
    : t("myQueues.waitAbout", { minutes: waitMinutes(waitMs) });
}
