ALTER TABLE "candidate_profiles" ADD COLUMN "availability" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "cv_file" text;