CREATE TABLE "agah_state_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_name" text NOT NULL,
	"person_id" uuid,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"paper_id" uuid,
	"majority_rule" text DEFAULT 'simple' NOT NULL,
	"result" text,
	"minutes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"delegated_by_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "council_memberships_dates_ck" CHECK ("council_memberships"."ends_on" is null or "council_memberships"."ends_on" >= "council_memberships"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "council_staff" (
	"user_id" uuid NOT NULL,
	"council_id" uuid,
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"election_on" date,
	"seats" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "council_terms_dates_ck" CHECK ("council_terms"."ends_on" >= "council_terms"."starts_on"),
	CONSTRAINT "council_terms_seats_ck" CHECK ("council_terms"."seats" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"place_id" uuid,
	"parent_id" uuid,
	"agah_member" boolean DEFAULT false NOT NULL,
	"delegates_per_council" integer DEFAULT 2 NOT NULL,
	"quorum_percent" integer DEFAULT 50 NOT NULL,
	"email" text,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "councils_quorum_ck" CHECK ("councils"."quorum_percent" between 0 and 100),
	CONSTRAINT "councils_delegates_ck" CHECK ("councils"."delegates_per_council" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"location_name" text,
	"location_address" text,
	"state" text DEFAULT 'planned' NOT NULL,
	"invited_at" timestamp with time zone,
	"minutes_state" text DEFAULT 'none' NOT NULL,
	"minutes_approved_at_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"submitted_by_council_id" uuid,
	"submitted_by_text" text,
	"date" date NOT NULL,
	"related_paper_id" uuid,
	"resolution_number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vote_ballots" (
	"vote_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choice" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"yes" integer NOT NULL,
	"no" integer NOT NULL,
	"abstain" integer NOT NULL,
	"present" integer NOT NULL,
	"members" integer NOT NULL,
	"majority_rule" text NOT NULL,
	"adopted" boolean NOT NULL,
	"roll_call" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "votes_counts_ck" CHECK ("votes"."yes" >= 0 and "votes"."no" >= 0 and "votes"."abstain" >= 0)
);
--> statement-breakpoint
ALTER TABLE "agah_state_seats" ADD CONSTRAINT "agah_state_seats_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_delegated_by_id_councils_id_fk" FOREIGN KEY ("delegated_by_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_staff" ADD CONSTRAINT "council_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_staff" ADD CONSTRAINT "council_staff_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_staff" ADD CONSTRAINT "council_staff_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_terms" ADD CONSTRAINT "council_terms_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_parent_id_councils_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_approved_at_id_meetings_id_fk" FOREIGN KEY ("minutes_approved_at_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_submitted_by_council_id_councils_id_fk" FOREIGN KEY ("submitted_by_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_related_paper_id_papers_id_fk" FOREIGN KEY ("related_paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_pk" ON "meeting_attendance" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "council_memberships_council_idx" ON "council_memberships" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "council_memberships_person_idx" ON "council_memberships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "council_staff_user_idx" ON "council_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "council_terms_council_idx" ON "council_terms" USING btree ("council_id");--> statement-breakpoint
CREATE INDEX "councils_place_idx" ON "councils" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "meetings_council_idx" ON "meetings" USING btree ("council_id","starts_at");--> statement-breakpoint
CREATE INDEX "papers_council_idx" ON "papers" USING btree ("council_id");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_reference_idx" ON "papers" USING btree ("council_id","reference");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_ballots_pk" ON "vote_ballots" USING btree ("vote_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_item_idx" ON "votes" USING btree ("agenda_item_id");