/**
 * Security headers on every answer (@fastify/helmet: the maintained Fastify
 * port of helmet). Scripts only from this origin; styles from this origin and
 * inline, because Svelte renders `style` attributes and transition styles;
 * images also from https (stands link their logos); no framing
 * (`frame-ancestors 'none'`), HSTS (ignored by browsers over plain HTTP, so
 * the embedded demo is unaffected), and a Permissions-Policy that lets only
 * this origin use the camera and microphone an interview needs.
 *
 * The API docs page (/docs, swagger-ui) keeps its own stricter-or-equal
 * policy: @fastify/swagger-ui sets one for its static assets.
 */
import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

export const PERMISSIONS_POLICY =
  "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()";

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", "https:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    // Cross-origin isolation would refuse the stands' logos from other sites.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onSend", async (_request, reply) => {
    reply.header("permissions-policy", PERMISSIONS_POLICY);
  });
}
