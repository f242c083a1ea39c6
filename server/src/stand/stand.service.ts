/**
 * Stands themselves: their public page, creation by a fair admin (approved at
 * once) or by an employer registering with a new stand-admin account (pending
 * until a fair admin approves it; the account opens with the emailed link), the approval decision and later edits.
 */
import { and, asc, count, eq } from "drizzle-orm";
import {
  ErrorCode,
  bookingSettingsSchema,
  offsetOf,
  type AdminStandsQuery,
  type BookingSettings,
  type CheckEmailAnswer,
  type Page,
  type StandDetails,
  type StandInput,
  type StandPatch,
  type SignUpBody,
} from "@crossfair/shared";
import type { SignUpService } from "../auth/sign-up.service.js";
import { standStaff, stands } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { fairBySlug } from "../fair/fair.lookup.js";
import { standDetailsOf, standRow, type StandEvents } from "./stand.views.js";

export class StandService {
  constructor(
    private readonly db: Database,
    private readonly signUps: SignUpService,
    private readonly events: StandEvents,
  ) {}

  /**
   * A stand's page. The public (`privileged` false) sees approved stands only,
   * with their open vacancies; its staff and fair admins see it all.
   */
  async details(standId: string, privileged: boolean): Promise<StandDetails> {
    const row = await standRow(this.db, standId);
    if (!privileged && row.approvalStatus !== "approved") {
      throw new AppError(ErrorCode.notFound, "no such stand");
    }
    const [details] = await standDetailsOf(this.db, [row], { openOnly: !privileged });
    return details!;
  }

  /** A fair admin adds a stand; it needs no approval. */
  async create(slug: string, input: StandInput): Promise<StandDetails> {
    const fair = await fairBySlug(this.db, slug);
    const [row] = await this.db
      .insert(stands)
      .values({ ...standValues(input), fairId: fair.id, approvalStatus: "approved" })
      .returning();
    return this.details(row!.id, true);
  }

  /**
   * An employer registers a stand. It answers "check your email" whoever the
   * contact email belongs to: a new email gets an unverified stand-admin
   * account, the pending stand and its first staff row in one transaction, and
   * the verification link that signs them in; an email that has an account
   * gets, in its owner's language, a mail naming the organisation someone tried
   * to register, and nothing is written.
   */
  async register(
    slug: string,
    body: { stand: StandInput; contact: SignUpBody },
  ): Promise<CheckEmailAnswer> {
    const fair = await fairBySlug(this.db, slug);
    if (fair.status === "closed") throw new AppError(ErrorCode.conflict, "the fair is closed");
    return this.signUps.signUpFor(body.contact, {
      role: "stand_admin",
      alongWith: async (tx, user) => {
        const [row] = await tx
          .insert(stands)
          .values({ ...standValues(body.stand), fairId: fair.id, approvalStatus: "pending" })
          .returning();
        await tx.insert(standStaff).values({
          standId: row!.id,
          userId: user.id,
          role: "stand_admin",
          languages: row!.languages,
        });
      },
      attempt: (link, resetLink) => [
        "standRegistrationAttempt",
        { link, resetLink, organisation: body.stand.organisationName },
      ],
    });
  }

  /** A fair's stands for its admins, any approval status unless one is asked for. */
  async adminList(slug: string, query: AdminStandsQuery): Promise<Page<StandDetails>> {
    const fair = await fairBySlug(this.db, slug);
    const where = and(
      eq(stands.fairId, fair.id),
      query.approvalStatus ? eq(stands.approvalStatus, query.approvalStatus) : undefined,
    );
    const [total] = await this.db.select({ value: count() }).from(stands).where(where);
    const rows = await this.db
      .select()
      .from(stands)
      .where(where)
      .orderBy(asc(stands.organisationName), asc(stands.id))
      .limit(query.pageSize)
      .offset(offsetOf(query));
    return {
      items: await standDetailsOf(this.db, rows, { openOnly: false }),
      total: total?.value ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Approves or rejects a stand; the queue sees the change at once in every process. */
  async decide(standId: string, status: "approved" | "rejected"): Promise<StandDetails> {
    const [row] = await this.db
      .update(stands)
      .set({ approvalStatus: status })
      .where(eq(stands.id, standId))
      .returning({ id: stands.id });
    if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
    await this.events.emit("stand.changed", { standId: standId });
    return this.details(standId, true);
  }

  /** The stand's interview length and booking rules. */
  async bookingSettings(standId: string): Promise<BookingSettings> {
    const [row] = await this.db
      .select({
        interviewMinutes: stands.interviewMinutes,
        bookingsPerCandidate: stands.bookingsPerCandidate,
        bookingCutoffMinutes: stands.bookingCutoffMinutes,
      })
      .from(stands)
      .where(eq(stands.id, standId));
    if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
    return bookingSettingsSchema.parse(row);
  }

  /** Sets them; bookings already made keep their slot, new ones follow the new rules. */
  async setBookingSettings(standId: string, settings: BookingSettings): Promise<BookingSettings> {
    const [row] = await this.db
      .update(stands)
      .set(settings)
      .where(eq(stands.id, standId))
      .returning({ id: stands.id });
    if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
    await this.events.emit("stand.changed", { standId });
    return this.bookingSettings(standId);
  }

  async update(standId: string, patch: StandPatch): Promise<StandDetails> {
    // drizzle skips undefined fields, and refuses an update with none left.
    if (Object.values(patch).some((value) => value !== undefined)) {
      const [row] = await this.db
        .update(stands)
        .set(patch)
        .where(eq(stands.id, standId))
        .returning({ id: stands.id });
      if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
      await this.events.emit("stand.changed", { standId: standId });
    }
    return this.details(standId, true);
  }
}

function standValues(input: StandInput) {
  return {
    kind: input.kind,
    organisationName: input.organisationName,
    description: input.description,
    sector: input.sector,
    country: input.country,
    region: input.region,
    languages: input.languages,
    logoUrl: input.logoUrl ?? null,
    documents: input.documents ?? [],
  };
}
