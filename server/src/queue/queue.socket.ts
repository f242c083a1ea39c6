/**
 * Socket handlers of the live queue. Every payload is validated by
 * `handleEvent` against the shared schemas; the service checks roles.
 * On connect a candidate gets their queues back at once, so a reload or a
 * reconnect to another process restores their places silently.
 */
import type { Logger } from "pino";
import { handleEvent } from "../plugins/socket.js";
import type { AppSocket } from "../plugins/socket.types.js";
import { watchBudget } from "../plugins/socket-limits.js";
import { rooms } from "./queue.broadcaster.js";
import type { HallFigures } from "./queue.hall.js";
import type { QueuePresence } from "./queue.presence.js";
import type { QueueRepository } from "./queue.repository.js";
import type { QueueService } from "./queue.service.js";

export interface QueueSocketDeps {
  service: QueueService;
  presence: QueuePresence;
  repository: QueueRepository;
  hall: HallFigures;
  log: Logger;
}

export async function registerQueueSocket(socket: AppSocket, deps: QueueSocketDeps): Promise<void> {
  const { service, presence, repository, hall, log } = deps;
  const user = socket.data.user;
  const consoles = new Set<string>();
  if (socket.recovered) keepOnlyAllowedConsoles(socket, service, log);

  // A new place, or one back in line, comes with the stand's view read after the change
  // (the socket already in the room), which spares the client its `queue:watch`.
  const placeView = async (standId: string) => {
    try {
      return await service.standView(standId, socket.data.user);
    } catch (error) {
      log.warn({ err: error, standId }, "stand view after a queue change failed");
      return undefined;
    }
  };
  handleEvent(socket, "queue:join", log, async ({ standId, answers }) => {
    const entry = await service.join(socket.data.user, standId, answers);
    await socket.join(rooms.stand(standId));
    return { entry, update: await placeView(standId) };
  });
  handleEvent(socket, "queue:leave", log, async ({ standId }) => {
    await service.leave(socket.data.user, standId);
    return {};
  });
  handleEvent(socket, "queue:snooze", log, async ({ standId, snoozed }) => {
    const entry = await service.snooze(socket.data.user, standId, snoozed);
    if (snoozed) return { entry };
    await socket.join(rooms.stand(standId));
    return { entry, update: await placeView(standId) };
  });
  handleEvent(socket, "queue:respond", log, ({ standId, accept }) =>
    service.respond(socket.data.user, standId, accept),
  );
  handleEvent(socket, "queue:mine", log, async () => ({
    queues: await service.myQueues(socket.data.user),
  }));
  // The room is joined before the view is read, so no change in between goes unseen:
  // the client applies only the deltas newer than the view's version.
  handleEvent(socket, "queue:watch", log, async ({ standId }) => {
    const room = rooms.stand(standId);
    const watching = socket.rooms.has(room);
    // Before joining: a room the socket is already in costs no slot (the stands it queues at).
    watchBudget.take(socket, "stand", room);
    await socket.join(room);
    try {
      return { update: await service.standView(standId, socket.data.user) };
    } catch (error) {
      // Only a watch this call started ends with it (a queued candidate re-reading keeps theirs).
      if (!watching) {
        await socket.leave(room);
        watchBudget.release(socket, "stand", room);
      }
      throw error;
    }
  });
  handleEvent(socket, "queue:unwatch", log, async ({ standId }) => {
    await socket.leave(rooms.stand(standId));
    watchBudget.release(socket, "stand", rooms.stand(standId));
    return {};
  });
  // Anyone browsing the hall may watch it. The room is joined before the figures are read,
  // so a change in between reaches the watcher as a push (the newer figures win in the client).
  handleEvent(socket, "hall:watch", log, async ({ fairId }) => {
    watchBudget.take(socket, "hall", rooms.hall(fairId));
    await socket.join(rooms.hall(fairId));
    try {
      return { fairId, stands: await hall.figures(fairId) };
    } catch (error) {
      watchBudget.release(socket, "hall", rooms.hall(fairId));
      await socket.leave(rooms.hall(fairId));
      throw error;
    }
  });
  handleEvent(socket, "hall:unwatch", log, async ({ fairId }) => {
    await socket.leave(rooms.hall(fairId));
    watchBudget.release(socket, "hall", rooms.hall(fairId));
    return {};
  });
  handleEvent(socket, "staff:console", log, async ({ standId }) => {
    const queue = await service.staff.staffQueue(socket.data.user, standId);
    await socket.join([rooms.staff(standId), rooms.stand(standId)]);
    const membership = user ? await repository.staffMembership(standId, user.id) : null;
    if (!user || !membership) return { queue };
    consoles.add(standId);
    // Asked again after the console was closed for them (removed, then re-invited), it reopens.
    const opened = await presence.consoleOpened(
      { standId, recruiterId: user.id, languages: membership.languages },
      socket.id,
    );
    return opened
      ? { queue: await service.staff.staffQueue(socket.data.user, standId) }
      : { queue };
  });
  handleEvent(socket, "staff:closeConsole", log, async ({ standId }) => {
    await socket.leave(rooms.staff(standId));
    if (user && consoles.delete(standId)) await presence.consoleClosed(standId, user.id, socket.id);
    return {};
  });
  handleEvent(socket, "staff:callNext", log, async ({ standId }) => ({
    candidateId: await service.staff.callNext(socket.data.user, standId),
  }));
  handleEvent(socket, "staff:pause", log, async ({ standId, paused }) => {
    await service.staff.setPaused(socket.data.user, standId, paused);
    return {};
  });
  handleEvent(socket, "staff:open", log, async ({ standId, open }) => {
    await service.staff.setOpen(socket.data.user, standId, open);
    return {};
  });

  if (!user) return;
  await socket.join(rooms.user(user.id));
  socket.on("disconnect", () => {
    const done = async () => {
      if (user.role === "candidate") await presence.candidateDisconnected(user.id);
      for (const standId of consoles) await presence.consoleClosed(standId, user.id, socket.id);
    };
    done().catch((error: unknown) =>
      log.warn({ err: error }, "queue disconnect bookkeeping failed"),
    );
  });
  if (user.role === "candidate") {
    await presence.candidateConnected(user.id);
    const queues = await service.queuesOf(user.id);
    if (queues.length > 0) await socket.join(queues.map((queue) => rooms.stand(queue.standId)));
    socket.emit("queue:mine", { queues });
  }
}

/**
 * A recovered connection comes back in the stand consoles it had: it leaves
 * them at once, before any push, and rejoins those its user may still see
 * (removed staff, or a different person signed in since, may not).
 */
function keepOnlyAllowedConsoles(socket: AppSocket, service: QueueService, log: Logger): void {
  const staffRooms = [...socket.rooms].filter((room) => room.startsWith("staff:"));
  for (const room of staffRooms) void socket.leave(room);
  for (const room of staffRooms) {
    const standId = room.slice("staff:".length);
    service.staff
      .mayWatch(socket.data.user, standId)
      .then((allowed) => (allowed && socket.connected ? socket.join(room) : undefined))
      .catch((error: unknown) => log.warn({ err: error, standId }, "console re-check failed"));
  }
}
