/**
 * Owns a stand's team as its admin manages it: the staff list (removing a
 * member, never the last stand admin: the server refuses with `conflict`),
 * and invitation links — creating one for a role, copying it, listing and
 * revoking the open ones. A new link's token is only shown once by the
 * server, so the manager keeps the links created in this session to copy.
 */
import type {
  ErrorCode,
  StandInvitation,
  StandStaffMember,
  StandStaffRole,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StandApi } from "./stand.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type TeamAction =
  | { kind: "remove"; userId: string }
  | { kind: "invite" }
  | { kind: "revoke"; invitationId: string }
  | { kind: "copy"; invitationId: string };

export type TeamNotice = "removed" | "invited" | "revoked" | "copied";

export interface TeamState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  staff: StandStaffMember[];
  invitations: StandInvitation[];
  /** Full links of invitations created here, by invitation id. */
  links: Record<string, string>;
  /** The member whose removal waits for a second click. */
  confirmingRemoval: string | null;
  busy: TeamAction | null;
  result:
    | { action: TeamAction; ok: true; notice: TeamNotice }
    | { action: TeamAction; ok: false; code: ErrorCode | "clipboard" }
    | null;
}

const IDLE: TeamState = {
  standId: null,
  status: "idle",
  error: null,
  staff: [],
  invitations: [],
  links: {},
  confirmingRemoval: null,
  busy: null,
  result: null,
};

export interface TeamManagerOptions {
  fetch?: Fetch;
  /** Where the app is served, to turn the server's `/#/invite/…` path into a link to share. */
  origin?: string;
  /** Writes text to the clipboard; rejects when the browser refuses. */
  writeClipboard?: (text: string) => Promise<void>;
}

export class StandTeamManager extends StateStore<TeamState> {
  readonly #fetch: Fetch;
  readonly #origin: string;
  readonly #writeClipboard: (text: string) => Promise<void>;
  readonly #requests = new LatestRequest();

  constructor(options: TeamManagerOptions = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#origin = options.origin ?? "";
    this.#writeClipboard =
      options.writeClipboard ??
      ((text) =>
        globalThis.navigator?.clipboard
          ? globalThis.navigator.clipboard.writeText(text)
          : Promise.reject(new Error("no clipboard")));
  }

  async open(standId: string): Promise<void> {
    const generation = this.#requests.start();
    this.set({ ...IDLE, standId, status: "loading" });
    const [staff, invitations] = await Promise.all([
      new StandApi(this.#fetch).loadStaff(standId),
      new StandApi(this.#fetch).loadInvitations(standId),
    ]);
    if (!generation.isLatest()) return;
    if (!staff.ok || !invitations.ok) {
      const code = !staff.ok ? staff.code : !invitations.ok ? invitations.code : null;
      this.set({ ...this.state, status: "error", error: code });
      return;
    }
    this.set({
      ...this.state,
      status: "ready",
      staff: staff.data,
      invitations: invitations.data,
    });
  }

  /** First click asks to confirm; the second (same member) removes. */
  async remove(userId: string): Promise<boolean> {
    if (this.state.confirmingRemoval !== userId) {
      this.set({ ...this.state, confirmingRemoval: userId, result: null });
      return false;
    }
    return this.#act({ kind: "remove", userId }, "removed", async (standId) => {
      const answer = await new StandApi(this.#fetch).removeStaff(standId, userId);
      if (answer.ok) {
        this.set({
          ...this.state,
          staff: this.state.staff.filter((member) => member.userId !== userId),
        });
      }
      return answer;
    });
  }

  cancelRemoval(): void {
    this.set({ ...this.state, confirmingRemoval: null });
  }

  async invite(role: StandStaffRole): Promise<string | null> {
    let link: string | null = null;
    await this.#act({ kind: "invite" }, "invited", async (standId) => {
      const answer = await new StandApi(this.#fetch).createInvitation(standId, role);
      if (answer.ok) {
        const { invitation, path } = answer.data;
        link = `${this.#origin}${path}`;
        this.set({
          ...this.state,
          invitations: [invitation, ...this.state.invitations],
          links: { ...this.state.links, [invitation.id]: link },
        });
      }
      return answer;
    });
    return link;
  }

  async revoke(invitationId: string): Promise<boolean> {
    return this.#act({ kind: "revoke", invitationId }, "revoked", async (standId) => {
      const answer = await new StandApi(this.#fetch).revokeInvitation(standId, invitationId);
      if (answer.ok) {
        const { [invitationId]: _gone, ...links } = this.state.links;
        this.set({
          ...this.state,
          invitations: this.state.invitations.filter((item) => item.id !== invitationId),
          links,
        });
      }
      return answer;
    });
  }

  /** Copies a link created here; the result says whether the browser let us. */
  async copy(invitationId: string): Promise<boolean> {
    const link = this.state.links[invitationId];
    const action: TeamAction = { kind: "copy", invitationId };
    if (!link) return false;
    try {
      await this.#writeClipboard(link);
      this.set({ ...this.state, result: { action, ok: true, notice: "copied" } });
      return true;
    } catch {
      this.set({ ...this.state, result: { action, ok: false, code: "clipboard" } });
      return false;
    }
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }

  async #act(
    action: TeamAction,
    notice: TeamNotice,
    run: (standId: string) => Promise<{ ok: true } | { ok: false; code: ErrorCode }>,
  ): Promise<boolean> {
    const { standId, status, busy } = this.state;
    if (!standId || status !== "ready" || busy) return false;
    const generation = this.#requests.current;
    this.set({ ...this.state, busy: action, result: null, confirmingRemoval: null });
    const answer = await run(standId);
    if (!generation.isLatest()) return false;
    this.set({
      ...this.state,
      busy: null,
      result: answer.ok ? { action, ok: true, notice } : { action, ok: false, code: answer.code },
    });
    return answer.ok;
  }
}
