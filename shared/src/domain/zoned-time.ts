/**
 * Wall-clock times in a fair's own time zone. A fair in Brussels opens at
 * 09:00 Brussels time whatever zone the admin's laptop is in, so the forms
 * show and take "YYYY-MM-DDTHH:MM" in the fair's zone, and the API gets ISO
 * instants with their offset ("2026-03-29T09:00:00+02:00").
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The zone's offset from UTC at an instant, in minutes (Brussels in summer: 120). */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * "2026-03-29T09:00" in `timeZone` as an ISO instant with that zone's offset,
 * or null for text that is not such a time. A time skipped by a DST change
 * lands on the instant the clock jumped over.
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return null;
  // The offset depends on the instant we are looking for; two rounds settle it
  // (the second only matters around a DST change).
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const instant = new Date(wall - offset * 60_000);
  return `${isoWall(instant.getTime(), offset)}${formatOffset(offset)}`;
}

/** An ISO instant as "YYYY-MM-DDTHH:MM" on the clocks of `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return "";
  return isoWall(instant, offsetMinutes(instant, timeZone)).slice(0, 16);
}

function isoWall(instantMs: number, offset: number): string {
  const wall = new Date(instantMs + offset * 60_000);
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
  );
}

/** The calendar dates from one "YYYY-MM-DD…" to another, both included (at most `max`). */
export function datesBetween(from: string, to: string, max = 31): string[] {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return [];
  const dates: string[] = [];
  for (let day = start; day <= end && dates.length < max; day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}
