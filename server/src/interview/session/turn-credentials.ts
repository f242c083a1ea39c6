/**
 * TURN credentials for one user, by the TURN REST API scheme coturn
 * implements with `use-auth-secret`: the username is `<expiry>:<user id>`
 * and the password is the base64 HMAC-SHA1 of that username under the shared
 * secret. The TURN server checks both without asking us, and refuses the
 * credential once the expiry (epoch seconds) has passed.
 */
import { createHmac } from "node:crypto";
import type { IceServer } from "@crossfair/shared";

export interface TurnSettings {
  urls: string[];
  secret: string | undefined;
  ttlSeconds: number;
  /** Browsers relay through TURN only. */
  relayOnly: boolean;
}

/** `TURN_URLS`, split; none configured gives an empty list. */
export function turnUrls(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
}

/** The ICE servers a user's browser is given on joining (none without TURN_URLS). */
export function iceServersFor(
  settings: TurnSettings,
  userId: string,
  now: number = Date.now(),
): IceServer[] {
  if (settings.urls.length === 0) return [];
  const stunOnly = settings.urls.every((url) => url.startsWith("stun:"));
  if (stunOnly || !settings.secret) return [{ urls: settings.urls }];
  const expiry = Math.floor(now / 1_000) + settings.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac("sha1", settings.secret).update(username).digest("base64");
  return [{ urls: settings.urls, username, credential }];
}
