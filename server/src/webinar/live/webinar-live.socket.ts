/**
 * The group-session handlers of one socket. Every payload is validated by
 * `handleEvent` against the shared schema. A socket joins a session with
 * `webinar:join`; every later event about it works only for a member joined
 * on this very socket (its role is the one found at the join), and one from a
 * socket that did not join answers `forbidden` for someone with no role in
 * the session, else `not_found` (join first).
 */
import type { Logger } from "pino";
import { ErrorCode, type ClientEventResult, type SessionUser } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import { handleEvent } from "../../plugins/socket.js";
import type { AppSocket } from "../../plugins/socket.types.js";
import {
  WEBINAR_SIGNAL_EVENTS,
  webinarRoom,
  webinarStaffRoom,
  type WebinarSignalEvent,
} from "../webinar.media.js";
import { isStaff } from "./live.rules.js";
import type { LiveMember, WebinarLiveService } from "./live.service.js";

export interface WebinarLiveSocketDeps {
  live: WebinarLiveService;
  log: Logger;
}

export function registerWebinarLiveSocket(socket: AppSocket, deps: WebinarLiveSocketDeps): void {
  const { live, log } = deps;
  const joined = new Map<string, LiveMember>();
  const user = (): SessionUser => {
    const current = socket.data.user;
    if (!current) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    return current;
  };
  const member = async (webinarId: string): Promise<LiveMember> => {
    const me = user();
    const known = joined.get(webinarId);
    if (known && known.user.id === me.id) return known;
    await live.roleIn(webinarId, me);
    throw new AppError(ErrorCode.notFound, "join the session on this connection first");
  };
  const leave = async (webinarId: string) => {
    const known = joined.get(webinarId);
    if (!known) return;
    joined.delete(webinarId);
    await socket.leave(webinarRoom(webinarId));
    await socket.leave(webinarStaffRoom(webinarId));
    await live.leave({ ...known, userId: known.user.id });
  };

  handleEvent(socket, "webinar:join", log, async ({ webinarId }) => {
    const me = user();
    const role = await live.admit(webinarId, me);
    // A second join on this socket starts it over: one attendance row per socket and session.
    await leave(webinarId);
    const entry: LiveMember = { webinarId, user: me, role, socketId: socket.id };
    // In the rooms before the state is read, so no change in between goes unseen.
    await socket.join(
      isStaff(role)
        ? [webinarRoom(webinarId), webinarStaffRoom(webinarId)]
        : webinarRoom(webinarId),
    );
    joined.set(webinarId, entry);
    try {
      return await live.enter(entry);
    } catch (error) {
      await leave(webinarId).catch(() => undefined);
      throw error;
    }
  });
  handleEvent(socket, "webinar:leave", log, async ({ webinarId }) => {
    user();
    await leave(webinarId);
    return {};
  });
  handleEvent(socket, "webinar:start", log, async ({ webinarId }) => {
    await live.start(await member(webinarId));
    return {};
  });
  handleEvent(socket, "webinar:end", log, async ({ webinarId }) => {
    await live.end(await member(webinarId));
    return {};
  });

  for (const event of WEBINAR_SIGNAL_EVENTS) {
    handleEvent(socket, event as WebinarSignalEvent, log, async (payload) => {
      const answer = await live.signal(await member(payload.webinarId), event, payload);
      return answer as ClientEventResult<WebinarSignalEvent>;
    });
  }

  handleEvent(socket, "webinar:ask", log, async ({ webinarId, text }) => ({
    question: await live.ask(await member(webinarId), text),
  }));
  handleEvent(socket, "webinar:vote", log, async ({ webinarId, questionId, voted }) => ({
    question: await live.vote(await member(webinarId), questionId, voted),
  }));
  handleEvent(
    socket,
    "webinar:moderateQuestion",
    log,
    async ({ webinarId, questionId, action }) => ({
      question: await live.moderateQuestion(await member(webinarId), questionId, action),
    }),
  );
  handleEvent(socket, "webinar:chat", log, async ({ webinarId, text }) => ({
    message: await live.chat(await member(webinarId), text),
  }));
  handleEvent(socket, "webinar:moderateChat", log, async ({ webinarId, messageId, action }) => ({
    message: await live.moderateChat(await member(webinarId), messageId, action === "hide"),
  }));
  handleEvent(socket, "webinar:block", log, async ({ webinarId, userId, blocked }) => {
    await live.block(await member(webinarId), userId, blocked);
    return {};
  });
  handleEvent(socket, "webinar:raiseHand", log, async ({ webinarId, raised }) => {
    await live.raiseHand(await member(webinarId), raised);
    return {};
  });
  handleEvent(socket, "webinar:promote", log, async ({ webinarId, userId, promoted }) => {
    await live.promote(await member(webinarId), userId, promoted);
    return {};
  });

  socket.on("disconnect", () => {
    for (const webinarId of [...joined.keys()]) {
      void leave(webinarId).catch((error: unknown) =>
        log.warn({ err: error, webinarId }, "could not leave a group session"),
      );
    }
  });
}
