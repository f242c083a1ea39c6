/**
 * Who may do what, asked the same way by every route: the signed-in user (from
 * the session cookie, looked up once per request), their global role, and
 * their role on a given stand. Fair admins run the fair, so every stand check
 * lets them through unless the caller asks for stand staff only.
 */
import type { FastifyRequest } from "fastify";
import { and, eq } from "drizzle-orm";
import { ErrorCode, type SessionUser, type StandStaffRole, type UserRole } from "@crossfair/shared";
import { standStaff } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { SESSION_COOKIE } from "./auth.routes.js";
import type { AuthService } from "./auth.service.js";

export interface StandAccess {
  user: SessionUser;
  /** The user's role on the stand; null for a fair admin who is not on its staff. */
  standRole: StandStaffRole | null;
}

export class Guard {
  readonly #users = new WeakMap<FastifyRequest, SessionUser | null>();

  constructor(
    private readonly auth: AuthService,
    private readonly db: Database,
  ) {}

  /** The signed-in user, or null for an anonymous request. */
  async optionalUser(request: FastifyRequest): Promise<SessionUser | null> {
    if (this.#users.has(request)) return this.#users.get(request) ?? null;
    const user = await this.auth.userForToken(request.cookies[SESSION_COOKIE]);
    this.#users.set(request, user);
    return user;
  }

  /** The signed-in user; `unauthenticated` otherwise. */
  async user(request: FastifyRequest): Promise<SessionUser> {
    const user = await this.optionalUser(request);
    if (!user) throw new AppError(ErrorCode.unauthenticated, "not signed in");
    return user;
  }

  /** The signed-in user if their account has one of the roles; `forbidden` otherwise. */
  async role(request: FastifyRequest, ...roles: UserRole[]): Promise<SessionUser> {
    const user = await this.user(request);
    if (!roles.includes(user.role)) {
      throw new AppError(ErrorCode.forbidden, `only for: ${roles.join(", ")}`);
    }
    return user;
  }

  fairAdmin(request: FastifyRequest): Promise<SessionUser> {
    return this.role(request, "fair_admin");
  }

  /**
   * A member of the stand's staff with one of `roles` (any staff role by
   * default), or a fair admin unless `staffOnly`; `forbidden` otherwise.
   */
  async stand(
    request: FastifyRequest,
    standId: string,
    options: { roles?: StandStaffRole[]; staffOnly?: boolean } = {},
  ): Promise<StandAccess> {
    const user = await this.user(request);
    const standRole = await this.standRoleOf(user.id, standId);
    const roles = options.roles ?? ["stand_admin", "recruiter"];
    if (standRole && roles.includes(standRole)) return { user, standRole };
    if (user.role === "fair_admin" && !options.staffOnly) return { user, standRole };
    throw new AppError(ErrorCode.forbidden, "not on this stand's staff");
  }

  async standRoleOf(userId: string, standId: string): Promise<StandStaffRole | null> {
    const [row] = await this.db
      .select({ role: standStaff.role })
      .from(standStaff)
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
      .limit(1);
    return row?.role ?? null;
  }
}
