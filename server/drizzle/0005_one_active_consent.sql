-- Two consents in force for one candidate and stand could only come from a race; the newest stays.
UPDATE "profile_consents" AS "older" SET "revoked_at" = now()
WHERE "older"."revoked_at" IS NULL AND EXISTS (
  SELECT 1 FROM "profile_consents" AS "newer"
  WHERE "newer"."candidate_id" = "older"."candidate_id" AND "newer"."stand_id" = "older"."stand_id"
    AND "newer"."revoked_at" IS NULL AND ("newer"."given_at", "newer"."id") > ("older"."given_at", "older"."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "profile_consents_active_idx" ON "profile_consents" USING btree ("candidate_id","stand_id") WHERE "profile_consents"."revoked_at" is null;