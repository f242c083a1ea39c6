/** Signs a demo account in through the real HTTP route and returns its session cookie. */
import type { App } from "@crossfair/server/app";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";

export async function signInCookie(app: App, email: string): Promise<string> {
  const response = await app.http.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password: DEMO_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === "cf_session");
  return `cf_session=${cookie?.value ?? ""}`;
}

export async function signInCookieOverHttp(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed for ${email}: ${await response.text()}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}
