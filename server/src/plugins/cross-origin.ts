/**
 * Cross-site request forgery protection for cookie-authenticated writes, the
 * way browsers now make simple: a state-changing request (POST, PUT, PATCH,
 * DELETE) is refused unless the browser says it comes from this origin
 * (`Sec-Fetch-Site: same-origin`): a sibling subdomain (`same-site`) is
 * another party here, as is a request the user started outside any page
 * (`none`). For browsers that do not send that header, its `Origin` must be
 * this host. Requests without either header
 * do not come from a web page (curl, server-to-server, tests) and cannot carry
 * a victim's cookie by accident, so they pass. Together with SameSite=Lax
 * session cookies this needs no token in forms or fetches.
 */
import type { FastifyInstance } from "fastify";
import { ErrorCode } from "@crossfair/shared";
import { AppError } from "./errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Headers = Record<string, string | string[] | undefined>;

/**
 * Why a request comes from somewhere other than this origin's pages, or null
 * when it does not (a same-origin page, or no browser at all). Also used for the
 * Socket.io handshake, where a foreign page could otherwise open a socket.
 */
export function crossSiteReason(headers: Headers): string | null {
  const fetchSite = headers["sec-fetch-site"];
  if (fetchSite !== undefined) {
    return fetchSite === "same-origin"
      ? null
      : `the browser marks the request as ${String(fetchSite)}`;
  }
  const origin = headers.origin;
  if (origin === undefined) return null;
  // "null" comes from sandboxed frames and the like: never this site's own pages.
  let originHost = "";
  try {
    originHost = origin === "null" || Array.isArray(origin) ? "" : new URL(origin).host;
  } catch {
    // An unparseable Origin is refused below like any foreign one.
  }
  return originHost === headers.host ? null : "the Origin is another site";
}

export function registerCrossOriginProtection(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const reason = crossSiteReason(request.headers);
    if (reason) {
      throw new AppError(
        ErrorCode.forbidden,
        `cross-site requests may not change anything: ${reason}`,
      );
    }
  });
}
