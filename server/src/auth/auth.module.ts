/**
 * The accounts domain as one module: sign-up, sign-in and sessions (service
 * and routes), the guard every other module asks who the user is and what
 * they may do, and the socket handshake that identifies each connection
 * before any event handler sees it.
 */
import fastifyCookie from "@fastify/cookie";
import type { Platform } from "../platform.js";
import { authRoutes, SESSION_COOKIE, type SessionCookieOptions } from "./auth.routes.js";
import { AuthService } from "./auth.service.js";
import { Guard } from "./guard.js";

export interface AuthModule {
  readonly auth: AuthService;
  readonly guard: Guard;
  /** How session cookies are set, for the routes that sign someone in (invitations, stands). */
  readonly sessionCookie: SessionCookieOptions;
}

export async function startAuthModule({ config, db, http, io }: Platform): Promise<AuthModule> {
  const auth = new AuthService(db, config.SESSION_TTL_HOURS);
  const guard = new Guard(auth, db);
  const sessionCookie: SessionCookieOptions = {
    secureCookies: config.NODE_ENV === "production",
    sessionTtlHours: config.SESSION_TTL_HOURS,
  };
  await http.register(authRoutes, {
    auth,
    ...sessionCookie,
    signInPerMinute: config.SIGN_IN_PER_MINUTE,
    signInPerAccount: config.SIGN_IN_PER_ACCOUNT,
  });
  // Identify the user before "connection", so no early event meets an unregistered handler.
  io.use((socket, next) => {
    const token = fastifyCookie.parse(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
    // A lookup that fails (the database busy) refuses the connection, and the client tries
    // again; taking the socket for an anonymous one would sign the person out.
    auth.userForToken(token).then(
      (user) => {
        socket.data.user = user;
        next();
      },
      () => next(new Error("unavailable")),
    );
  });
  return { auth, guard, sessionCookie };
}
