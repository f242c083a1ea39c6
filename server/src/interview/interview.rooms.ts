/**
 * The live interview rooms of this process: who is in each room (and on which
 * socket), the room's chat, and its MediaRoom. It creates a room on the first
 * join, closes a peer's media when it leaves or its socket drops, closes the
 * room when the interview ends, and rebuilds rooms on another worker when
 * their worker dies, telling the peers to reconnect.
 *
 * These are the rooms this process owns. Which process owns a session, and
 * how a socket on another process reaches it, is LiveSessions' job
 * (session/live-sessions.ts); a member's socket may be on any process, and
 * the notifier reaches it through the Socket.io adapter.
 */
import { randomUUID } from "node:crypto";
import type { types as ms } from "mediasoup";
import type { Logger } from "pino";
import {
  ErrorCode,
  type ChatMessage,
  type InterviewJoinResult,
  type InterviewRole,
  type MediaRoomDiagnostics,
  type RoomPeer,
  type ServerEventName,
  type ServerEventPayload,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import { serverId } from "../plugins/socket.js";
import { MediaRoom } from "./media/media-room.js";
import type { MediaWorker, WorkerPool } from "./media/worker-pool.js";

/** How the manager reaches a socket; the socket layer implements it with Socket.io. */
/** What joining the room answers; the socket handler adds the interview's timing. */
export type RoomJoinResult = Omit<InterviewJoinResult, "plannedEndsAt" | "serverTime">;

export interface RoomNotifier {
  send<E extends ServerEventName>(socketId: string, event: E, payload: ServerEventPayload<E>): void;
}

interface Member extends RoomPeer {
  socketId: string;
  /** The process holding that socket (absent: this one). */
  holder: string | undefined;
}

interface Room {
  interviewId: string;
  media: MediaRoom;
  members: Map<string, Member>;
  chat: ChatMessage[];
}

const CHAT_HISTORY = 200;
/** A room whose worker died waits this long for the replacement before its members are moved. */
const REPLACEMENT_WAIT_MS = 10_000;

export class InterviewRooms {
  readonly #rooms = new Map<string, Room>();
  /** Room creation in flight, so two simultaneous joins share one router. */
  readonly #opening = new Map<string, Promise<Room>>();
  /** Recently closed rooms stay inspectable, so a test can check everything was closed. */
  readonly #closedRooms = new Map<string, Room>();
  readonly #detach: () => void;
  readonly #closedListeners = new Set<(interviewId: string) => void>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly notifier: RoomNotifier,
    private readonly log: Logger,
  ) {
    this.#detach = pool.onWorkerDied((dead) => void this.#rebuildRoomsOf(dead));
  }

  get size(): number {
    return this.#rooms.size;
  }

  /** Media consumers and producers open in this process's rooms (the metrics). */
  mediaCounts(): { producers: number; consumers: number } {
    let producers = 0;
    let consumers = 0;
    for (const room of this.#rooms.values()) {
      for (const peer of room.media.counts()) {
        producers += peer.producers;
        consumers += peer.consumers;
      }
    }
    return { producers, consumers };
  }

  async join(
    interviewId: string,
    peer: RoomPeer & { role: InterviewRole },
    socketId: string,
    holder?: string,
  ): Promise<RoomJoinResult> {
    if (this.pool.size === 0) throw new AppError(ErrorCode.unavailable, "video is disabled");
    const room = await this.#open(interviewId);
    const previous = room.members.get(peer.userId);
    room.members.set(peer.userId, { ...peer, socketId, holder });
    room.media.addPeer(peer.userId);
    if (!previous)
      this.#broadcast(room, peer.userId, "interview:peerJoined", { interviewId, peer });
    return {
      userId: peer.userId,
      role: peer.role,
      routerRtpCapabilities: room.media
        .rtpCapabilities as InterviewJoinResult["routerRtpCapabilities"],
      peers: [...room.members.values()]
        .filter((member) => member.userId !== peer.userId)
        .map(({ userId, displayName, role }) => ({ userId, displayName, role })),
      producers: room.media.producersFor(peer.userId),
      chat: room.chat,
      iceServers: [],
      iceTransportPolicy: "all",
    };
  }

  /** The room's media for a member on their current socket; anyone else is refused. */
  mediaFor(interviewId: string, userId: string, socketId: string): MediaRoom {
    const room = this.#rooms.get(interviewId);
    const member = room?.members.get(userId);
    if (!room || !member || member.socketId !== socketId) {
      throw new AppError(ErrorCode.forbidden, "join the interview first");
    }
    return room.media;
  }

  /** Tells the other members about a new producer. */
  announceProducer(interviewId: string, producer: ReturnType<MediaRoom["producersFor"]>[number]) {
    const room = this.#rooms.get(interviewId);
    if (room)
      this.#broadcast(room, producer.userId, "interview:newProducer", { interviewId, producer });
  }

  announceProducerPaused(interviewId: string, userId: string, producerId: string, paused: boolean) {
    const room = this.#rooms.get(interviewId);
    if (room) {
      this.#broadcast(room, userId, "interview:producerPaused", {
        interviewId,
        producerId,
        paused,
      });
    }
  }

  chat(interviewId: string, userId: string, socketId: string, text: string): ChatMessage {
    this.mediaFor(interviewId, userId, socketId);
    const room = this.#rooms.get(interviewId);
    const member = room?.members.get(userId);
    if (!room || !member) throw new AppError(ErrorCode.forbidden, "join the interview first");
    const message: ChatMessage = {
      id: randomUUID(),
      userId,
      displayName: member.displayName,
      text,
      sentAt: Date.now(),
    };
    room.chat.push(message);
    if (room.chat.length > CHAT_HISTORY) room.chat.splice(0, room.chat.length - CHAT_HISTORY);
    this.#broadcast(room, userId, "interview:chat", { interviewId, message });
    return message;
  }

  /** The member leaves: their media closes; the room closes once nobody is left. */
  leave(interviewId: string, userId: string, socketId?: string): void {
    const room = this.#rooms.get(interviewId);
    const member = room?.members.get(userId);
    if (!room || !member) return;
    // A drop of an old socket must not remove the member's newer session.
    if (socketId !== undefined && member.socketId !== socketId) return;
    room.members.delete(userId);
    room.media.removePeer(userId);
    this.#broadcast(room, userId, "interview:peerLeft", { interviewId, userId });
    if (room.members.size === 0) this.#close(room);
  }

  /** Members whose socket is on a process that died leave (they rejoin from another). */
  dropMembersHeldOutside(aliveProcesses: ReadonlySet<string>): void {
    for (const room of [...this.#rooms.values()]) {
      for (const member of [...room.members.values()]) {
        if (member.holder !== undefined && !aliveProcesses.has(member.holder)) {
          this.leave(room.interviewId, member.userId, member.socketId);
        }
      }
    }
  }

  /** The sessions someone is in right now (every open room has a member). */
  occupiedSessions(): string[] {
    return [...this.#rooms.keys()];
  }

  /** Closes every room, telling members to join again (the session is placed anew elsewhere). */
  evacuate(reason: "media_restarted" | "session_moved"): void {
    for (const room of [...this.#rooms.values()]) {
      for (const member of room.members.values()) {
        this.notifier.send(member.socketId, "interview:reconnect", {
          interviewId: room.interviewId,
          reason,
        });
      }
      this.#close(room);
    }
  }

  onRoomClosed(listener: (interviewId: string) => void): () => void {
    this.#closedListeners.add(listener);
    return () => this.#closedListeners.delete(listener);
  }

  /** The interview ended: everyone is told and the room closes. */
  end(interviewId: string): void {
    const room = this.#rooms.get(interviewId);
    if (!room) return;
    for (const member of room.members.values()) {
      this.notifier.send(member.socketId, "interview:ended", { interviewId });
    }
    this.#close(room);
  }

  diagnostics(interviewId: string): MediaRoomDiagnostics | null {
    const room = this.#rooms.get(interviewId) ?? this.#closedRooms.get(interviewId);
    if (!room) return null;
    return {
      interviewId,
      processId: serverId,
      workerPid: room.media.host.worker.pid,
      peers: room.media.counts(),
    };
  }

  async close(): Promise<void> {
    this.#detach();
    for (const room of [...this.#rooms.values()]) this.#close(room);
    this.#closedRooms.clear();
  }

  /** Sends to every member but `exceptUserId` (the one who caused the event). */
  #broadcast<E extends ServerEventName>(
    room: Room,
    exceptUserId: string,
    event: E,
    payload: ServerEventPayload<E>,
  ): void {
    for (const member of room.members.values()) {
      if (member.userId !== exceptUserId) this.notifier.send(member.socketId, event, payload);
    }
  }

  #close(room: Room): void {
    this.#rooms.delete(room.interviewId);
    room.media.close();
    for (const listener of this.#closedListeners) listener(room.interviewId);
    this.#closedRooms.set(room.interviewId, room);
    if (this.#closedRooms.size > 50) {
      const oldest = this.#closedRooms.keys().next().value;
      if (oldest !== undefined) this.#closedRooms.delete(oldest);
    }
  }

  async #open(interviewId: string): Promise<Room> {
    const existing = this.#rooms.get(interviewId);
    if (existing) return existing;
    const pending = this.#opening.get(interviewId);
    if (pending) return pending;
    const opening = this.#createRoom(interviewId, new Map(), []).finally(() =>
      this.#opening.delete(interviewId),
    );
    this.#opening.set(interviewId, opening);
    return opening;
  }

  async #createRoom(
    interviewId: string,
    members: Map<string, Member>,
    chat: ChatMessage[],
  ): Promise<Room> {
    const room: Room = { interviewId, members, chat, media: undefined as unknown as MediaRoom };
    room.media = await MediaRoom.create(interviewId, await this.#leastLoadedWorker(), {
      consumerClosed: (userId, producerId) => {
        const member = room.members.get(userId);
        if (member) {
          this.notifier.send(member.socketId, "interview:producerClosed", {
            interviewId,
            producerId,
          });
        }
      },
    });
    this.#closedRooms.delete(interviewId);
    this.#rooms.set(interviewId, room);
    return room;
  }

  /** The worker hosting the fewest rooms; with none alive, the replacement of a dead one. */
  async #leastLoadedWorker(): Promise<MediaWorker> {
    const roomsOn = (host: MediaWorker) =>
      [...this.#rooms.values()].filter((room) => room.media.host === host).length;
    const now = this.pool.leastLoaded(roomsOn);
    if (now) return now;
    if (await this.pool.waitForReplacement(REPLACEMENT_WAIT_MS)) {
      const replaced = this.pool.leastLoaded(roomsOn);
      if (replaced) return replaced;
    }
    throw new AppError(ErrorCode.unavailable, "no media worker is running; try again");
  }

  /**
   * The worker's routers and transports are gone with it. Each room gets a
   * new router on a live worker; members keep their place and chat, and are
   * told to reconnect, which re-runs join and builds fresh transports.
   */
  async #rebuildRoomsOf(dead: ms.Worker): Promise<void> {
    const affected = [...this.#rooms.values()].filter((room) => room.media.host.worker === dead);
    for (const room of affected) {
      try {
        this.#rooms.delete(room.interviewId);
        const rebuilt = await this.#createRoom(room.interviewId, room.members, room.chat);
        this.log.warn(
          { interviewId: room.interviewId, workerPid: rebuilt.media.host.worker.pid },
          "interview room rebuilt on another worker",
        );
        for (const member of rebuilt.members.values()) {
          this.notifier.send(member.socketId, "interview:reconnect", {
            interviewId: room.interviewId,
            reason: "media_restarted",
          });
        }
      } catch (error) {
        // The interview is still live: members are told to join again (which places it anew),
        // never that it ended.
        this.log.error({ err: error, interviewId: room.interviewId }, "could not rebuild a room");
        for (const member of room.members.values()) {
          this.notifier.send(member.socketId, "interview:reconnect", {
            interviewId: room.interviewId,
            reason: "media_restarted",
          });
        }
        for (const listener of this.#closedListeners) listener(room.interviewId);
      }
    }
  }
}
