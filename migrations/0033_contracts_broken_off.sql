-- A negotiation broken off ends without a signing date: "ended" joins "negotiation" as a status that needs none.
ALTER TABLE "integration_contracts" DROP CONSTRAINT "integration_contracts_signed";--> statement-breakpoint
ALTER TABLE "integration_contracts" ADD CONSTRAINT "integration_contracts_signed" CHECK (status in ('negotiation', 'ended') or signed_on is not null);