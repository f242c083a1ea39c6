/**
 * A group session while it happens: who is let in and as what, going live and
 * ending, questions and votes, chat, blocks, raised hands and the stage. The
 * rules are in `live.rules.ts`; what lasts is in the database
 * (`LiveRepository`), hands and the promoted viewers in the `StageStore`
 * (Redis across processes), the media behind `WebinarMedia`. Every change is
 * stored before it is told, and told through rooms that span processes.
 */
import {
  ErrorCode,
  type ClientEventPayload,
  type ClientEventResult,
  type SessionUser,
  type StageMember,
  type WebinarChatMessage,
  type WebinarJoinResult,
  type WebinarQuestion,
  type WebinarRole,
} from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import type { WebinarMedia, WebinarSignalEvent } from "../webinar.media.js";
import type { LiveNotifier, ViewerCounts } from "./live.notifier.js";
import type { LiveRepository, LiveSession } from "./live.repository.js";
import {
  FloodControl,
  MAX_PROMOTED,
  isStaff,
  questionChange,
  requireJoinable,
  requireLive,
  requireOpen,
  requireSeat,
  requireStaff,
  requireViewer,
  roleOf,
  sendRightsOf,
  visibleQuestions,
} from "./live.rules.js";
import type { StageStore } from "./live.stage.js";

/** A person in a session through one socket. */
export interface LiveMember {
  webinarId: string;
  user: SessionUser;
  role: WebinarRole;
  socketId: string;
}

export interface LiveServiceDeps {
  repository: LiveRepository;
  stage: StageStore;
  media: WebinarMedia;
  notifier: LiveNotifier;
  viewers: ViewerCounts;
  processId: string;
  clock: () => number;
  /** A session let in for the first time here: its end by itself gets scheduled. */
  onAdmitted?: (session: LiveSession) => void;
}

export class WebinarLiveService {
  readonly #flood = new FloodControl();

  constructor(private readonly deps: LiveServiceDeps) {}

  async #session(webinarId: string): Promise<LiveSession> {
    const session = await this.deps.repository.session(webinarId);
    if (!session) throw new AppError(ErrorCode.notFound, "no such session");
    return session;
  }

  /** The user's role in the session; `forbidden` for someone who has none. */
  async roleIn(
    webinarId: string,
    user: SessionUser,
  ): Promise<{ session: LiveSession; role: WebinarRole }> {
    const session = await this.#session(webinarId);
    const standing = await this.deps.repository.standing(webinarId, session.standId, user.id);
    return { session, role: roleOf({ role: user.role, ...standing }) };
  }

  /** Checks the user may come in now (a viewer takes a seat if they had none); answers their role. */
  async admit(webinarId: string, user: SessionUser): Promise<WebinarRole> {
    const { session, role } = await this.roleIn(webinarId, user);
    requireJoinable(session, this.deps.clock());
    if (role === "viewer") await this.deps.repository.takeSeat(webinarId, user.id, requireSeat);
    this.deps.onAdmitted?.(session);
    return role;
  }

  /** The member's socket is in the session's rooms: their attendance, media and what they see. */
  async enter(member: LiveMember): Promise<WebinarJoinResult> {
    const { repository, stage, media, clock } = this.deps;
    const { webinarId, user, role, socketId } = member;
    const staff = isStaff(role);
    const session = await this.#session(webinarId);
    const promoted = await stage.promoted(webinarId);
    const isPromoted = promoted.some((viewer) => viewer.userId === user.id);
    const joined = await media.join({
      webinarId,
      userId: user.id,
      socketId,
      displayName: user.displayName,
      rights: sendRightsOf(role, isPromoted),
    });
    if (role === "viewer") {
      await repository.openAttendance({
        webinarId,
        userId: user.id,
        socketId,
        processId: this.deps.processId,
        at: new Date(clock()),
      });
      this.deps.viewers.changed(webinarId);
    }
    const hands = await stage.hands(webinarId);
    return {
      userId: user.id,
      role,
      status: session.status,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      serverTime: clock(),
      // mediasoup types codecs as optional; a router always has them.
      routerRtpCapabilities:
        joined.routerRtpCapabilities as WebinarJoinResult["routerRtpCapabilities"],
      iceServers: joined.iceServers,
      iceTransportPolicy: joined.iceTransportPolicy,
      stage: await this.#stageOf(webinarId, promoted),
      producers: joined.producers,
      questions: visibleQuestions(await repository.questions(webinarId, staff), staff),
      myVotes: await repository.myVotes(webinarId, user.id),
      chat: await repository.chat(webinarId, staff),
      hands: staff ? hands : [],
      handRaised: hands.some((hand) => hand.userId === user.id),
      promoted: isPromoted,
      blocked: await repository.isBlocked(webinarId, user.id),
      viewerCount: await repository.viewerCount(webinarId),
    };
  }

  /**
   * The member's socket leaves (or dropped): attendance closes, media goes. A
   * viewer gone from the session altogether (no other tab in it) leaves the
   * stage and lowers their hand, so nobody waits on someone who is not there.
   */
  async leave(member: Omit<LiveMember, "user"> & { userId: string }): Promise<void> {
    const { webinarId, userId, socketId, role } = member;
    const { repository, media, stage } = this.deps;
    if (role === "viewer") {
      await repository.closeAttendance(webinarId, socketId, new Date(this.deps.clock()));
      this.deps.viewers.changed(webinarId);
    }
    await media.leave({ webinarId, userId, socketId });
    if (role !== "viewer" || (await repository.isPresent(webinarId, userId))) return;
    await this.#lowerHand(webinarId, userId);
    if ((await stage.promoted(webinarId)).some((viewer) => viewer.userId === userId)) {
      await stage.demote(webinarId, userId);
      await media.setRights(webinarId, userId, "none");
      await this.#tellState(webinarId);
    }
  }

  async start(member: LiveMember): Promise<void> {
    requireStaff(member.role);
    const session = await this.#session(member.webinarId);
    requireJoinable(session, this.deps.clock());
    if (session.status === "live") return;
    const moved = await this.deps.repository.moveStatus(
      member.webinarId,
      ["scheduled"],
      "live",
      new Date(this.deps.clock()),
    );
    if (!moved) requireOpen(await this.#session(member.webinarId), this.deps.clock());
    await this.#tellState(member.webinarId);
  }

  async end(member: LiveMember): Promise<void> {
    requireStaff(member.role);
    const session = await this.#session(member.webinarId);
    requireOpen(session, this.deps.clock());
    await this.endSession(member.webinarId);
  }

  /** Ends the session for everyone (a speaker, or its time ran out); false when it was over already. */
  async endSession(webinarId: string): Promise<boolean> {
    const { repository, stage, media, notifier, clock } = this.deps;
    const at = new Date(clock());
    const moved = await repository.moveStatus(webinarId, ["scheduled", "live"], "ended", at);
    if (!moved) return false;
    await repository.closeAllAttendance(webinarId, at);
    await stage.clear(webinarId);
    notifier.all(webinarId).emit("webinar:state", { webinarId, status: "ended", stage: [] });
    notifier.all(webinarId).emit("webinar:ended", { webinarId });
    this.deps.viewers.forget(webinarId);
    await media.end(webinarId);
    return true;
  }

  /** One media request of a member joined on this socket; sending waits for the session to be live. */
  async signal<E extends WebinarSignalEvent>(
    member: LiveMember,
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<ClientEventResult<E>> {
    const session = await this.#session(member.webinarId);
    if (event === "webinar:produce") requireLive(session, this.deps.clock());
    else requireOpen(session, this.deps.clock());
    return this.deps.media.signal(
      { webinarId: member.webinarId, userId: member.user.id, socketId: member.socketId },
      event,
      payload,
    );
  }

  // ---- questions ----

  async ask(member: LiveMember, text: string): Promise<WebinarQuestion> {
    await this.#mayWrite(member);
    const { repository } = this.deps;
    const id = await repository.ask(
      member.webinarId,
      member.user.id,
      text,
      new Date(this.deps.clock()),
    );
    const question = await this.#question(member.webinarId, id);
    this.#tellQuestion(member.webinarId, question);
    return question;
  }

  async vote(member: LiveMember, questionId: string, voted: boolean): Promise<WebinarQuestion> {
    requireOpen(await this.#session(member.webinarId), this.deps.clock());
    const before = await this.#question(member.webinarId, questionId);
    if (before.hidden && !isStaff(member.role))
      throw new AppError(ErrorCode.notFound, "no such question");
    await this.deps.repository.vote(questionId, member.user.id, voted);
    const question = await this.#question(member.webinarId, questionId);
    if (question.votes !== before.votes) this.#tellQuestion(member.webinarId, question);
    return question;
  }

  async moderateQuestion(
    member: LiveMember,
    questionId: string,
    action: ClientEventPayload<"webinar:moderateQuestion">["action"],
  ): Promise<WebinarQuestion> {
    requireStaff(member.role);
    await this.#question(member.webinarId, questionId);
    await this.deps.repository.changeQuestion(
      questionId,
      questionChange(action, this.deps.clock()),
    );
    const question = await this.#question(member.webinarId, questionId);
    this.#tellQuestion(member.webinarId, question);
    return question;
  }

  // ---- chat ----

  async chat(member: LiveMember, text: string): Promise<WebinarChatMessage> {
    await this.#mayWrite(member);
    const { repository } = this.deps;
    const id = await repository.say(
      member.webinarId,
      member.user.id,
      text,
      new Date(this.deps.clock()),
    );
    const message = await this.#message(member.webinarId, id);
    this.deps.notifier
      .all(member.webinarId)
      .emit("webinar:chat", { webinarId: member.webinarId, message });
    return message;
  }

  async moderateChat(
    member: LiveMember,
    messageId: string,
    hidden: boolean,
  ): Promise<WebinarChatMessage> {
    requireStaff(member.role);
    const { repository, notifier } = this.deps;
    await this.#message(member.webinarId, messageId);
    await repository.hideMessage(messageId, hidden);
    const message = await this.#message(member.webinarId, messageId);
    const { webinarId } = member;
    if (hidden) {
      notifier.staff(webinarId).emit("webinar:chat", { webinarId, message });
      notifier.viewers(webinarId).emit("webinar:chatRemoved", { webinarId, messageId });
    } else {
      notifier.all(webinarId).emit("webinar:chat", { webinarId, message });
    }
    return message;
  }

  // ---- people ----

  async block(member: LiveMember, userId: string, blocked: boolean): Promise<void> {
    requireStaff(member.role);
    const { webinarId } = member;
    requireOpen(await this.#session(webinarId), this.deps.clock());
    await this.deps.repository.setBlocked(webinarId, userId, blocked, member.user.id);
    if (blocked) await this.#lowerHand(webinarId, userId);
    await this.#tellYou(webinarId, userId);
  }

  async raiseHand(member: LiveMember, raised: boolean): Promise<void> {
    requireViewer(member.role);
    const { webinarId, user } = member;
    requireOpen(await this.#session(webinarId), this.deps.clock());
    const hand = { userId: user.id, displayName: user.displayName, raisedAt: this.deps.clock() };
    if (await this.deps.stage.setHand(webinarId, hand, raised)) await this.#tellHands(webinarId);
    await this.#tellYou(webinarId, user.id);
  }

  /**
   * A viewer brought on stage with audio, or sent back; at most `MAX_PROMOTED`
   * at once. Staff do both; a promoted viewer may send only themself back
   * (the page's "Leave the stage").
   */
  async promote(member: LiveMember, userId: string, promoted: boolean): Promise<void> {
    if (promoted || userId !== member.user.id) requireStaff(member.role);
    const { webinarId } = member;
    const { repository, stage, media } = this.deps;
    const session = await this.#session(webinarId);
    requireOpen(session, this.deps.clock());
    if (promoted) {
      const standing = await repository.standing(webinarId, session.standId, userId);
      const displayName = await repository.displayName(userId);
      if (!displayName || standing.isSpeaker || standing.isStandStaff) {
        throw new AppError(ErrorCode.notFound, "only a viewer of this session can be promoted");
      }
      if (!(await repository.isRegistered(webinarId, userId))) {
        throw new AppError(ErrorCode.notFound, "only a viewer of this session can be promoted");
      }
      if (!(await stage.promote(webinarId, { userId, displayName }, MAX_PROMOTED))) {
        throw new AppError(ErrorCode.stageFull, `at most ${MAX_PROMOTED} viewers speak at once`);
      }
      await media.setRights(webinarId, userId, "audio");
      await this.#lowerHand(webinarId, userId);
    } else {
      await stage.demote(webinarId, userId);
      await media.setRights(webinarId, userId, "none");
    }
    await this.#tellState(webinarId);
    await this.#tellYou(webinarId, userId);
  }

  // ---- helpers ----

  /** Asking and chatting: an open session, not blocked, within the flood bucket. */
  async #mayWrite(member: LiveMember): Promise<void> {
    requireOpen(await this.#session(member.webinarId), this.deps.clock());
    if (
      member.role === "viewer" &&
      (await this.deps.repository.isBlocked(member.webinarId, member.user.id))
    ) {
      throw new AppError(ErrorCode.askingBlocked, "a moderator stopped you from writing here");
    }
    this.#flood.take(member.user.id);
  }

  async #question(webinarId: string, questionId: string): Promise<WebinarQuestion> {
    const question = await this.deps.repository.question(webinarId, questionId);
    if (!question) throw new AppError(ErrorCode.notFound, "no such question");
    return question;
  }

  async #message(webinarId: string, messageId: string): Promise<WebinarChatMessage> {
    const message = await this.deps.repository.message(webinarId, messageId);
    if (!message) throw new AppError(ErrorCode.notFound, "no such message");
    return message;
  }

  /** Hidden questions go to staff only; viewers are told to drop them. */
  #tellQuestion(webinarId: string, question: WebinarQuestion): void {
    const { notifier } = this.deps;
    if (!question.hidden) {
      notifier.all(webinarId).emit("webinar:question", { webinarId, question });
      return;
    }
    notifier.staff(webinarId).emit("webinar:question", { webinarId, question });
    notifier
      .viewers(webinarId)
      .emit("webinar:questionRemoved", { webinarId, questionId: question.id });
  }

  async #stageOf(
    webinarId: string,
    promoted?: { userId: string; displayName: string }[],
  ): Promise<StageMember[]> {
    const speakers = await this.deps.repository.speakers(webinarId);
    const viewers = promoted ?? (await this.deps.stage.promoted(webinarId));
    return [
      ...speakers.map((speaker) => ({ ...speaker, kind: "speaker" as const })),
      ...viewers.map((viewer) => ({ ...viewer, kind: "promoted" as const })),
    ];
  }

  async #tellState(webinarId: string): Promise<void> {
    const session = await this.#session(webinarId);
    const stage = await this.#stageOf(webinarId);
    this.deps.notifier
      .all(webinarId)
      .emit("webinar:state", { webinarId, status: session.status, stage });
  }

  async #tellHands(webinarId: string): Promise<void> {
    const hands = await this.deps.stage.hands(webinarId);
    this.deps.notifier.staff(webinarId).emit("webinar:hands", { webinarId, hands });
  }

  async #lowerHand(webinarId: string, userId: string): Promise<void> {
    const hand = { userId, displayName: "", raisedAt: 0 };
    if (await this.deps.stage.setHand(webinarId, hand, false)) await this.#tellHands(webinarId);
  }

  /** Tells the person, in every tab, where they stand now. */
  async #tellYou(webinarId: string, userId: string): Promise<void> {
    const { stage, repository, notifier } = this.deps;
    const promoted = (await stage.promoted(webinarId)).some((viewer) => viewer.userId === userId);
    const handRaised = (await stage.hands(webinarId)).some((hand) => hand.userId === userId);
    const blocked = await repository.isBlocked(webinarId, userId);
    notifier.user(userId).emit("webinar:you", { webinarId, promoted, blocked, handRaised });
  }
}
