/**
 * Serves the built Svelte client (client/dist) when it exists, with the
 * single-page-app fallback: unknown GET paths outside the API get index.html.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";

export async function registerStaticClient(
  app: FastifyInstance,
  clientDist: string,
): Promise<boolean> {
  if (!existsSync(path.join(clientDist, "index.html"))) return false;
  // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
  await app.register(fastifyStatic, { root: clientDist, wildcard: true, index: "index.html" });
  return true;
}

/** True for a browser navigation that the client router should answer. */
export function wantsClientPage(request: FastifyRequest): boolean {
  if (request.method !== "GET") return false;
  const url = request.url;
  if (url.startsWith("/api/") || url.startsWith("/socket.io") || url.startsWith("/assets/")) {
    return false;
  }
  return (request.headers.accept ?? "").includes("text/html");
}
