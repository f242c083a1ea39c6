ALTER TABLE "queue_events" ADD COLUMN "outbox_key" text;--> statement-breakpoint
ALTER TABLE "screening_answers" ADD COLUMN "outbox_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_events_outbox_key_idx" ON "queue_events" USING btree ("outbox_key");--> statement-breakpoint
CREATE UNIQUE INDEX "screening_answers_outbox_key_idx" ON "screening_answers" USING btree ("outbox_key");