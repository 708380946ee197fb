ALTER TABLE "funding_applicant_users" ADD COLUMN "must_set_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_applicant_users" ADD COLUMN "invited_by" uuid;--> statement-breakpoint
ALTER TABLE "funding_applicant_users" ADD CONSTRAINT "funding_applicant_users_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_applications_submitted_idx" ON "funding_applications" USING btree ("submitted_at" DESC NULLS FIRST,"id");