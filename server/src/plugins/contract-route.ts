/**
 * Registers a Fastify route from its declaration in the shared HTTP contract:
 * method, path, and the zod schemas that validate params, query and body,
 * serialize the answers and describe the route in the OpenAPI document. The
 * handler's request and reply are typed from those schemas, so a route file
 * states only who may ask and what to do.
 */
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteShorthandOptions,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { responseMapOf, type AnyRoute, type ResponseMapOf } from "@crossfair/shared";

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The Fastify schema of a declared route, as types: what the handler's request and reply see. */
export interface ContractSchema<R extends AnyRoute> extends FastifySchema {
  params: R extends { params: infer P } ? P : undefined;
  querystring: R extends { query: infer Q } ? Q : undefined;
  body: R extends { body: infer B } ? B : undefined;
  response: ResponseMapOf<R>;
}

/** Hooks, config and rate limits as Fastify takes them; the schema comes from the declaration. */
export type ContractRouteOptions<R extends AnyRoute> = Omit<
  RouteShorthandOptions<
    RawServerDefault,
    RawRequestDefaultExpression,
    RawReplyDefaultExpression,
    RouteGenericInterface,
    ContextConfigDefault,
    ContractSchema<R>,
    ZodTypeProvider
  >,
  "schema"
> & {
  /** What the declaration cannot say, e.g. `consumes`. */
  schema?: Pick<FastifySchema, "consumes" | "tags" | "description">;
};

export type ContractHandler<R extends AnyRoute> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  ContractSchema<R>,
  ZodTypeProvider
>;

export function contractRoute<R extends AnyRoute>(
  app: ZodApp,
  route: R,
  options: ContractRouteOptions<R>,
  handler: ContractHandler<R>,
): void {
  const { schema: extra, ...rest } = options;
  const response = responseMapOf(route);
  const schema: FastifySchema = {
    ...extra,
    ...(route.summary !== undefined ? { summary: route.summary } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body ? { body: route.body } : {}),
    ...(Object.keys(response).length > 0 ? { response } : {}),
  };
  app.route<RouteGenericInterface, ContextConfigDefault, ContractSchema<R>>({
    ...rest,
    method: route.method,
    url: route.path,
    // Built from the same declaration ContractSchema<R> is computed from.
    schema: schema as ContractSchema<R>,
    handler,
  });
}
