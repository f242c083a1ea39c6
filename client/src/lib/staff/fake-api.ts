/**
 * A scripted `fetch` for the staff managers' unit tests: each request waits
 * in a list until the test answers it (so tests can interleave answers and
 * user actions), and its method, URL and JSON body are kept for assertions.
 */
import type { Fetch } from "../http/http.client.js";

export interface FakeRequest {
  method: string;
  url: string;
  body: unknown;
  /** Answers with JSON (or an empty 204 when `body` is undefined and status is 204). */
  respond(status: number, body?: unknown): void;
  /** The network failed. */
  fail(): void;
}

export class FakeApi {
  readonly requests: FakeRequest[] = [];
  readonly #handled = new Set<FakeRequest>();

  readonly fetch: Fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const raw = init?.body;
      this.requests.push({
        method: init?.method ?? "GET",
        url: String(input),
        body: typeof raw === "string" ? (JSON.parse(raw) as unknown) : undefined,
        respond: (status, body) =>
          resolve(
            status === 204
              ? new Response(null, { status })
              : new Response(JSON.stringify(body ?? null), {
                  status,
                  headers: { "content-type": "application/json" },
                }),
          ),
        fail: () => reject(new TypeError("Failed to fetch")),
      });
    });

  /** The oldest unanswered request matching method and URL; throws when there is none. */
  take(method: string, url: string | RegExp): FakeRequest {
    const found = this.requests.find(
      (request) =>
        !this.#handled.has(request) &&
        request.method === method &&
        (typeof url === "string" ? request.url === url : url.test(request.url)),
    );
    if (!found) {
      const open = this.open().map((request) => `${request.method} ${request.url}`);
      throw new Error(`no open ${method} ${String(url)}; open: ${open.join(", ") || "none"}`);
    }
    this.#handled.add(found);
    return found;
  }

  /** Answers the oldest matching request with JSON. */
  answer(method: string, url: string | RegExp, status: number, body?: unknown): FakeRequest {
    const request = this.take(method, url);
    request.respond(status, body);
    return request;
  }

  /** Lets the code under test reach its request first, then answers it. */
  async reply(
    method: string,
    url: string | RegExp,
    status: number,
    body?: unknown,
  ): Promise<FakeRequest> {
    await settle();
    return this.answer(method, url, status, body);
  }

  /** Requests not yet taken. */
  open(): FakeRequest[] {
    return this.requests.filter((request) => !this.#handled.has(request));
  }
}

/** The API's error body. */
export const apiError = (code: string, message = code, field?: string) => ({
  error: { code, message, ...(field ? { field } : {}) },
});

/** Lets pending promise callbacks (a fetch answer, its JSON parse) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
