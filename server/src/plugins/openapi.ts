/**
 * The OpenAPI description of the HTTP API, generated from the same zod
 * schemas that validate requests, served as JSON at /docs/json and browsable
 * at /docs (@fastify/swagger + @fastify/swagger-ui: maintained, and the UI's
 * assets ship inside the npm package, so nothing is fetched at run time).
 * The document is always built (`app.swagger()`); it is served only where
 * the config says (API_DOCS: off in production unless asked for).
 */
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

export async function registerOpenApi(
  app: FastifyInstance,
  options: { serve: boolean },
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Crossfair API",
        description:
          "Online cross-border job fairs. Errors always have the shape `{ error: { code, message, field? } }`.",
        version: "0.1.0",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "cf_session" } },
      },
    },
    transform: jsonSchemaTransform,
  });
  if (options.serve) await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
}
