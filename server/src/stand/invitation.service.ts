/**
 * Invitation links that add a colleague to a stand's staff. The token is 32
 * random bytes shown once; only its SHA-256 is stored, like session tokens.
 * A link is valid for 7 days and used once: accepting claims it in the same
 * transaction that adds the staff row (and, for a newcomer, the account).
 */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import {
  ErrorCode,
  type AcceptedInvitation,
  type CreatedInvitation,
  type InvitationPreview,
  type Language,
  type SessionUser,
  type SignUpBody,
  type StandInvitation,
  type StandStaffRole,
} from "@crossfair/shared";
import { hashToken, newToken, type AuthService } from "../auth/auth.service.js";
import type { Transaction } from "../plugins/db.js";
import { standInvitations, standStaff, stands } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { standRow, type StandEvents } from "./stand.views.js";

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

type InvitationRow = typeof standInvitations.$inferSelect;

interface OpenInvitation {
  standId: string;
  organisationName: string;
  standLanguages: Language[];
  role: StandStaffRole;
  expiresAt: Date;
}

const notFound = () =>
  new AppError(ErrorCode.notFound, "this invitation is unknown, used or expired");

function invitationView(row: InvitationRow): StandInvitation {
  return {
    id: row.id,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Not yet accepted (nor revoked: revoking deletes the row) and not expired. */
const isOpen = () =>
  and(isNull(standInvitations.acceptedAt), gt(standInvitations.expiresAt, new Date()));

export class InvitationService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly events: StandEvents,
  ) {}

  async create(
    standId: string,
    role: StandStaffRole,
    createdBy: string,
  ): Promise<CreatedInvitation> {
    await standRow(this.db, standId);
    const token = newToken();
    const [row] = await this.db
      .insert(standInvitations)
      .values({
        standId,
        tokenHash: hashToken(token),
        role,
        createdBy,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning();
    return { invitation: invitationView(row!), token, path: `/#/invite/${token}` };
  }

  /** The links still usable, newest first. */
  async listOpen(standId: string): Promise<StandInvitation[]> {
    await standRow(this.db, standId);
    const rows = await this.db
      .select()
      .from(standInvitations)
      .where(and(eq(standInvitations.standId, standId), isOpen()))
      .orderBy(desc(standInvitations.createdAt), desc(standInvitations.id));
    return rows.map(invitationView);
  }

  /** Revoking deletes the link, so its token is simply unknown from then on. */
  async revoke(standId: string, invitationId: string): Promise<void> {
    const deleted = await this.db
      .delete(standInvitations)
      .where(
        and(
          eq(standInvitations.id, invitationId),
          eq(standInvitations.standId, standId),
          isNull(standInvitations.acceptedAt),
        ),
      )
      .returning({ id: standInvitations.id });
    if (deleted.length === 0) throw new AppError(ErrorCode.notFound, "no such open invitation");
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.#open(token);
    return {
      standId: invitation.standId,
      organisationName: invitation.organisationName,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      valid: true,
    };
  }

  /**
   * A signed-in staff account joins the stand. Candidates cannot (their
   * account is theirs as a job seeker); someone already on the staff keeps
   * their role (`conflict`) and the link stays unused.
   */
  async acceptAsUser(
    token: string,
    user: SessionUser,
    languages: Language[] | undefined,
  ): Promise<AcceptedInvitation> {
    const invitation = await this.#open(token);
    if (user.role === "candidate") {
      throw new AppError(ErrorCode.forbidden, "a candidate account cannot join a stand's staff");
    }
    await this.db.transaction(async (tx) => {
      await this.#claim(tx, token, user.id, languages ?? invitation.standLanguages);
      // A recruiter invited as stand admin becomes one; nobody is ever demoted here.
      if (invitation.role === "stand_admin" && user.role === "recruiter") {
        await this.auth.promoteToStandAdmin(tx, user.id);
      }
    });
    await this.events.emit("staff.changed", { standId: invitation.standId, userId: user.id });
    return { standId: invitation.standId, role: invitation.role };
  }

  /** A newcomer creates their account (with the invited role) and joins, all or nothing. */
  async acceptWithAccount(
    token: string,
    account: SignUpBody,
    languages: Language[] | undefined,
  ): Promise<AcceptedInvitation & { user: SessionUser; token: string }> {
    const invitation = await this.#open(token);
    // The invitation's link reached this person's mailbox: no verification mail.
    const created = await this.auth.createAccount(account, invitation.role, {
      verified: true,
      alongWith: (tx, user) =>
        this.#claim(tx, token, user.id, languages ?? invitation.standLanguages),
    });
    await this.events.emit("staff.changed", {
      standId: invitation.standId,
      userId: created.user.id,
    });
    return { ...created, standId: invitation.standId, role: invitation.role };
  }

  async #open(token: string): Promise<OpenInvitation> {
    const [row] = await this.db
      .select({
        standId: standInvitations.standId,
        organisationName: stands.organisationName,
        standLanguages: stands.languages,
        role: standInvitations.role,
        expiresAt: standInvitations.expiresAt,
      })
      .from(standInvitations)
      .innerJoin(stands, eq(stands.id, standInvitations.standId))
      .where(and(eq(standInvitations.tokenHash, hashToken(token)), isOpen()))
      .limit(1);
    if (!row) throw notFound();
    return row;
  }

  /** Marks the link used and adds the staff row; a link used meanwhile is `not_found`. */
  async #claim(tx: Transaction, token: string, userId: string, languages: Language[]) {
    const [claimed] = await tx
      .update(standInvitations)
      .set({ acceptedBy: userId, acceptedAt: new Date() })
      .where(and(eq(standInvitations.tokenHash, hashToken(token)), isOpen()))
      .returning();
    if (!claimed) throw notFound();
    const [added] = await tx
      .insert(standStaff)
      .values({ standId: claimed.standId, userId, role: claimed.role, languages })
      .onConflictDoNothing()
      .returning({ userId: standStaff.userId });
    if (!added) throw new AppError(ErrorCode.conflict, "already on this stand's staff");
  }
}
