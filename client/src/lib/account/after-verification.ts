/**
 * Where a sign-up meant to go (`?next=`, e.g. the stand whose queue the
 * visitor wanted to join), kept in this tab's session storage until the
 * verification link is followed here; the link itself carries only its token.
 * Opened on another device, the link goes to the profile, as a new account's
 * first page. Only a route path is kept (it is parsed again when used).
 */
type TabStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const KEY = "crossfair.afterVerification";

function tabStorage(): TabStorage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Storage refused (privacy settings): the link goes to the profile.
    return null;
  }
}

export function rememberAfterVerification(next: string, storage = tabStorage()): void {
  if (!next.startsWith("/")) return;
  try {
    storage?.setItem(KEY, next);
  } catch {
    // Full or refused: nothing to remember.
  }
}

/** The remembered route path, once: it is forgotten as it is read. */
export function takeAfterVerification(storage = tabStorage()): string | null {
  try {
    const next = storage?.getItem(KEY) ?? null;
    storage?.removeItem(KEY);
    return next && next.startsWith("/") ? next : null;
  } catch {
    return null;
  }
}
