/** What the queue service tells the outside world; the socket layer implements it. */
import type { ServerEventPayload } from "@crossfair/shared";

export interface QueueNotifier {
  /** The stand's queue changed; watchers get a coalesced update. */
  standChanged(standId: string): void;
  /** One candidate's own queues changed; they get a coalesced `queue:mine`. */
  candidateChanged(candidateId: string): void;
  called(candidateId: string, payload: ServerEventPayload<"queue:called">): void;
  removed(candidateId: string, payload: ServerEventPayload<"queue:removed">): void;
  callAnswered(
    standId: string,
    recruiterId: string,
    payload: ServerEventPayload<"staff:callAnswered">,
  ): void;
  interviewStarted(userId: string, payload: ServerEventPayload<"queue:interviewStarted">): void;
}
