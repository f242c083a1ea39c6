/** Wall-clock times in a fair's own time zone: shared with the server (slots are cut in it). */
export { datesBetween, isoToZoned, offsetMinutes, zonedToIso } from "@crossfair/shared";
