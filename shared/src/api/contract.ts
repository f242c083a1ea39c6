/**
 * The HTTP contract as data: each JSON route is declared once, with its method,
 * path and the zod schemas of its params, query, body and answers. The server
 * registers routes from these declarations (validation, serialization and the
 * OpenAPI document) and the client builds its requests and checks its answers
 * from the same ones, so a route cannot drift between the two sides.
 */
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a route declaration holds; `defineRoute` keeps the exact schema types. */
export interface RouteSpec {
  method: HttpMethod;
  /** Fastify-style path: `/api/stands/:standId`, each `:name` a key of `params`. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The answer on success, or null when the route answers 204 with no body. */
  answer: z.ZodType | null;
  /** The success status of `answer`: 200 by default, 204 when `answer` is null (202: accepted, see your mail). */
  status?: 200 | 201 | 202 | 204;
  /** Other statuses the route answers with a body: 201 beside 200 for "created or already there", 503 when not ready. */
  also?: Partial<Record<200 | 201 | 503, z.ZodType>>;
  /** One line for the OpenAPI document. */
  summary?: string;
}

/** A declared route: the spec with its success status settled. */
export type Route<S extends RouteSpec = RouteSpec> = S & { readonly status: StatusOf<S> };

/** Any declared route, whatever its schemas. */
export type AnyRoute = RouteSpec & { readonly status: 200 | 201 | 202 | 204 };

export type StatusOf<S extends RouteSpec> = S extends { status: infer N extends number }
  ? N
  : S extends { answer: null }
    ? 204
    : 200;

export function defineRoute<const S extends RouteSpec>(spec: S): Route<S> {
  const status = spec.status ?? (spec.answer === null ? 204 : 200);
  return { ...spec, status } as Route<S>; // the one cast: `status` computed as StatusOf<S> says
}

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;
type Input<T> = T extends z.ZodType ? z.input<T> : undefined;

/** What the route's params, query and body accept from a caller (zod inputs: defaults optional). */
export type ParamsOf<R extends RouteSpec> = R extends { params: infer P } ? Input<P> : undefined;
export type QueryOf<R extends RouteSpec> = R extends { query: infer Q } ? Input<Q> : undefined;
export type BodyOf<R extends RouteSpec> = R extends { body: infer B } ? Input<B> : undefined;

/** Every answer the route may give on success, parsed. */
export type AnswerOf<R extends RouteSpec> =
  Output<R["answer"]> | (R extends { also: infer M } ? Output<M[keyof M]> : never);

/** The Fastify `response` map: each success status with its schema. */
export type ResponseMapOf<R extends RouteSpec> = (R extends { answer: infer A extends z.ZodType }
  ? { [K in StatusOf<R>]: A }
  : unknown) &
  (R extends { also: infer M } ? M : unknown);

/** The schema of the answer with this status, or undefined when the route gives none. */
export function answerSchemaFor(route: AnyRoute, status: number): z.ZodType | null | undefined {
  if (status === route.status) return route.answer;
  return Object.entries(route.also ?? {}).find(([code]) => Number(code) === status)?.[1];
}

/** The Fastify `response` map of a route, for serialization and the OpenAPI document. */
export function responseMapOf(route: AnyRoute): Record<number, z.ZodType> {
  const map: Record<number, z.ZodType> = {};
  for (const [code, schema] of Object.entries(route.also ?? {})) map[Number(code)] = schema;
  if (route.answer) map[route.status] = route.answer;
  return map;
}

/** The route's path with each `:name` replaced by its encoded value from `params`. */
export function fillPath(route: Pick<RouteSpec, "path">, params: unknown): string {
  return route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value: unknown =
      typeof params === "object" && params !== null
        ? Object.entries(params).find(([key]) => key === name)?.[1]
        : undefined;
    if (value === undefined || value === null) {
      throw new Error(`fillPath: no value for :${name} in ${route.path}`);
    }
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2` from the defined values (null, undefined and "" left out), or "" when there are none. */
export function encodeQuery(query: unknown): string {
  if (typeof query !== "object" || query === null) return "";
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/** A route the server has that is not a JSON route of the contract, and why. */
export interface OutsideRoute {
  method: HttpMethod | "HEAD";
  /** The path as Fastify registers it; a trailing `*` matches any rest. */
  path: string;
  reason: string;
  /** Registered only in some configurations (e.g. the built client is served). */
  optional?: true;
}
