CREATE TYPE "public"."user_role" AS ENUM('candidate', 'recruiter', 'stand_admin', 'fair_admin');--> statement-breakpoint
CREATE TYPE "public"."approval_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."contract_type" AS ENUM('permanent', 'fixed_term', 'temporary', 'apprenticeship');--> statement-breakpoint
CREATE TYPE "public"."fair_status" AS ENUM('draft', 'registration_open', 'live', 'closed');--> statement-breakpoint
CREATE TYPE "public"."stand_kind" AS ENUM('employer', 'temp_agency', 'information');--> statement-breakpoint
CREATE TYPE "public"."stand_staff_role" AS ENUM('stand_admin', 'recruiter');--> statement-breakpoint
CREATE TYPE "public"."vacancy_status" AS ENUM('open', 'filled', 'closed');--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"ui_language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "fair_organisers" (
	"fair_id" uuid NOT NULL,
	"organiser_id" uuid NOT NULL,
	CONSTRAINT "fair_organisers_fair_id_organiser_id_pk" PRIMARY KEY("fair_id","organiser_id")
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"languages" jsonb NOT NULL,
	"status" "fair_status" DEFAULT 'draft' NOT NULL,
	"queue_cap_per_candidate" integer DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fairs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "organisers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stand_staff" (
	"stand_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "stand_staff_role" NOT NULL,
	"languages" jsonb NOT NULL,
	CONSTRAINT "stand_staff_stand_id_user_id_pk" PRIMARY KEY("stand_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"kind" "stand_kind" NOT NULL,
	"organisation_name" text NOT NULL,
	"description" jsonb NOT NULL,
	"sector" text NOT NULL,
	"country" text NOT NULL,
	"region" text NOT NULL,
	"languages" jsonb NOT NULL,
	"logo_url" text,
	"approval_status" "approval_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stand_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"original_language" text NOT NULL,
	"sector" text NOT NULL,
	"country" text NOT NULL,
	"region" text NOT NULL,
	"contract_type" "contract_type" NOT NULL,
	"openings" integer DEFAULT 1 NOT NULL,
	"required_languages" jsonb NOT NULL,
	"status" "vacancy_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_organisers" ADD CONSTRAINT "fair_organisers_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_organisers" ADD CONSTRAINT "fair_organisers_organiser_id_organisers_id_fk" FOREIGN KEY ("organiser_id") REFERENCES "public"."organisers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stand_staff" ADD CONSTRAINT "stand_staff_stand_id_stands_id_fk" FOREIGN KEY ("stand_id") REFERENCES "public"."stands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stand_staff" ADD CONSTRAINT "stand_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stands" ADD CONSTRAINT "stands_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_stand_id_stands_id_fk" FOREIGN KEY ("stand_id") REFERENCES "public"."stands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stands_fair_idx" ON "stands" USING btree ("fair_id");--> statement-breakpoint
CREATE INDEX "vacancies_stand_idx" ON "vacancies" USING btree ("stand_id");