/**
 * The group session manager's view of the realtime connection: the shared
 * link narrowed to what it uses (the interview's narrowing), so unit tests
 * drive it with a small fake at that boundary.
 */
export type { InterviewLink as WebinarLink } from "../interview/interview.link.js";
