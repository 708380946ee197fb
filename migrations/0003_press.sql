CREATE TABLE "press_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"street" text,
	"postal_code" text,
	"city" text,
	"phone" text,
	"fax" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_release_topics" (
	"release_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "press_release_topics_release_id_topic_id_pk" PRIMARY KEY("release_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "press_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text,
	"teaser" text NOT NULL,
	"dateline" text,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"plain_text" text NOT NULL,
	"reading_minutes" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"contact_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('german'::regconfig, coalesce(subtitle, '')), 'B') || setweight(to_tsvector('german'::regconfig, translate(plain_text, '<>', '  ')), 'C')) STORED NOT NULL,
	CONSTRAINT "press_releases_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "press_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_slug_history" (
	"slug" text PRIMARY KEY NOT NULL,
	"release_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "press_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "press_topics_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "press_attachments" ADD CONSTRAINT "press_attachments_release_id_press_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."press_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_attachments" ADD CONSTRAINT "press_attachments_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_release_topics" ADD CONSTRAINT "press_release_topics_release_id_press_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."press_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_release_topics" ADD CONSTRAINT "press_release_topics_topic_id_press_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."press_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_releases" ADD CONSTRAINT "press_releases_contact_id_press_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."press_contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_releases" ADD CONSTRAINT "press_releases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_revisions" ADD CONSTRAINT "press_revisions_release_id_press_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."press_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_revisions" ADD CONSTRAINT "press_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_slug_history" ADD CONSTRAINT "press_slug_history_release_id_press_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."press_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "press_attachments_release_file_idx" ON "press_attachments" USING btree ("release_id","file_id");--> statement-breakpoint
CREATE INDEX "press_release_topics_topic_idx" ON "press_release_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "press_releases_status_published_idx" ON "press_releases" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "press_releases_search_idx" ON "press_releases" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "press_revisions_release_version_idx" ON "press_revisions" USING btree ("release_id","version");