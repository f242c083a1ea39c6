/**
 * The accounts domain as one module: sign-up, sign-in and sessions (service
 * and routes), the fair admin's people (finding, suspending, reinstating),
 * the guard every other module asks who the user is and what they may do,
 * and the socket handshake that identifies each connection before any event
 * handler sees it.
 *
 * Every socket is bound to its sign-in session: it joins the session's room,
 * is cut when the session expires, and is cut in every process when the
 * session ends (`session.ended`: signing out, "sign out everywhere", a
 * password change for the other sessions, a password reset or a fair admin's
 * suspension of the account for all of them). A suspension is then told as
 * `account.suspended`, for the domains that hold the person's live state
 * (the queue). A connection recovered after a short drop runs the
 * handshake again (plugins/socket.ts), so it speaks for whoever its cookie
 * says now, and keeps no room of the person it spoke for before.
 */
import fastifyCookie from "@fastify/cookie";
import type { MailService } from "../mail/mail.service.js";
import type { Platform } from "../platform.js";
import type { AppSocket } from "../plugins/socket.types.js";
import { authRoutes, SESSION_COOKIE, type SessionCookieOptions } from "./auth.routes.js";
import { AuthService } from "./auth.service.js";
import { Guard } from "./guard.js";
import { peopleRoutes } from "./people.routes.js";
import { SignUpService } from "./sign-up.service.js";
import { PeopleService } from "./people.service.js";

/** The room of one sign-in session's sockets (in every process, through the adapter). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** setTimeout's longest delay; a session that lasts longer is checked again at that point. */
const MAX_TIMER_MS = 2_147_483_647;

export interface AuthModule {
  readonly auth: AuthService;
  readonly guard: Guard;
  /** Accounts asked for by email (a candidate's sign-up, a stand's registration): never telling who has one. */
  readonly signUps: SignUpService;
  /** How session cookies are set, for the routes that sign someone in (invitations, stands). */
  readonly sessionCookie: SessionCookieOptions;
  /** Binds a new socket to its session: the session's room and its expiry. */
  registerSocket(socket: AppSocket): void;
}

export async function startAuthModule(
  { config, db, http, io, events, metrics }: Platform,
  mail: MailService,
): Promise<AuthModule> {
  const signInFailures = metrics.counter(
    "crossfair_sign_in_failures_total",
    "Sign-ins refused for a wrong email or password, on this process.",
  );
  const auth = new AuthService(
    db,
    config.SESSION_TTL_HOURS,
    events,
    { signInFailed: () => signInFailures.inc() },
    mail,
  );
  const guard = new Guard(auth, db);
  const sessionCookie: SessionCookieOptions = {
    secureCookies: config.NODE_ENV === "production",
    sessionTtlHours: config.SESSION_TTL_HOURS,
  };
  const signUps = new SignUpService(db, auth, mail);
  await http.register(authRoutes, {
    auth,
    signUps,
    ...sessionCookie,
    signInPerMinute: config.SIGN_IN_PER_MINUTE,
    signInPerAccount: config.SIGN_IN_PER_ACCOUNT,
  });
  await http.register(peopleRoutes, { guard, people: new PeopleService(db, events) });
  // Identify the user before "connection", so no early event meets an unregistered handler.
  io.use((socket, next) => {
    const token = fastifyCookie.parse(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
    // A lookup that fails (the database busy) refuses the connection, and the client tries
    // again; taking the socket for an anonymous one would sign the person out.
    auth.sessionForToken(token).then(
      (session) => {
        socket.data.user = session?.user ?? null;
        socket.data.session = session
          ? { id: session.sessionId, expiresAt: session.expiresAt.getTime() }
          : undefined;
        next();
      },
      () => next(new Error("unavailable")),
    );
  });
  // Ended sessions lose their sockets wherever they are connected.
  events.on("session.ended", ({ sessionIds }) => {
    io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
  });

  return {
    auth,
    guard,
    signUps,
    sessionCookie,
    registerSocket(socket) {
      if (socket.recovered) forgetRoomsOfOthers(socket);
      const session = socket.data.session;
      if (!session) return;
      void socket.join(sessionRoom(session.id));
      // Cut at expiry; a session longer than a timer can wait is looked at again then.
      const cutAtExpiry = (): NodeJS.Timeout =>
        setTimeout(
          () => {
            if (Date.now() >= session.expiresAt) socket.disconnect(true);
            else timer = cutAtExpiry();
          },
          Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS),
        );
      let timer = cutAtExpiry();
      socket.on("disconnect", () => clearTimeout(timer));
    },
  };
}

/**
 * A recovered connection comes back with its rooms. Rooms of a session or a
 * person it no longer speaks for are left (the domains that hold rooms by
 * role, like a stand's staff console, check theirs again themselves).
 */
function forgetRoomsOfOthers(socket: AppSocket): void {
  const userRoom = socket.data.user ? `user:${socket.data.user.id}` : null;
  const ownSession = socket.data.session ? sessionRoom(socket.data.session.id) : null;
  for (const room of socket.rooms) {
    if (room.startsWith("session:") && room !== ownSession) void socket.leave(room);
    if (room.startsWith("user:") && room !== userRoom) void socket.leave(room);
  }
}
