/**
 * Hands the one router to the pages that navigate (after a sign-in, a created
 * fair), so page modules, which the route table loads, need not import it.
 */
import { getContext, setContext } from "svelte";
import type { Router } from "./router.js";

const KEY = Symbol("crossfair.router");

export function provideRouter(router: Router): void {
  setContext(KEY, router);
}

export function useRouter(): Router {
  const router = getContext<Router | undefined>(KEY);
  if (!router) throw new Error("useRouter() called outside <App>: provideRouter() was not run");
  return router;
}
