-- The WIR line rules that were only notes became data (see docs/decisions/funding-line-rules.md).
-- Installations seeded before this change keep their lines (the seed never overwrites a line), so the
-- new rule parts are added here where they are missing. Each update only adds what is absent and only
-- when the categories it refers to still exist; whatever an administrator changed stays as it is.
-- Fresh installations have no lines yet at this point: every statement then changes nothing.
UPDATE "funding_lines" SET "updated_at" = now(), "rules" = jsonb_set("rules", '{costCategories}', (
  SELECT jsonb_agg(CASE
    WHEN c->>'key' = 'coordination' THEN
      (CASE WHEN c->'note' = '{"de":"höchstens 60.000 € je Vollzeitstelle und Jahr","en":"at most 60,000 € per full-time post and year"}'::jsonb THEN c - 'note' ELSE c END)
      || '{"quantities":[{"key":"coordinator_fte","label":{"de":"Koordinierungsstellen in Vollzeitäquivalenten (z. B. 1,5)","en":"Coordinator posts as full-time equivalents (e.g. 1.5)"},"unitLabel":{"de":"Vollzeitstelle","en":"full-time post"},"unit":"fte","max":200,"capCents":6000000}]}'::jsonb
    WHEN c->>'key' = 'staff' THEN
      c || '{"quantities":[{"key":"staff_posts","label":{"de":"Zahl der Personalstellen (Verwaltung)","en":"Number of staff posts (administration)"},"unitLabel":{"de":"Personalstelle","en":"staff post"},"unit":"count","max":1,"capCents":2000000}]}'::jsonb
    ELSE c END ORDER BY i)
  FROM jsonb_array_elements("rules"->'costCategories') WITH ORDINALITY AS e(c, i)))
WHERE "key" = 'VZ'
  AND "rules"->'costCategories' @> '[{"key":"coordination"},{"key":"staff"}]'::jsonb
  AND NOT jsonb_path_exists("rules", '$.costCategories[*].quantities');
--> statement-breakpoint
UPDATE "funding_lines" SET "updated_at" = now(), "rules" = jsonb_set("rules", '{costCategories}', (
  SELECT jsonb_agg(CASE
    WHEN c->>'key' = 'allowance' THEN
      (CASE WHEN c->'note' = '{"de":"höchstens 276 Stunden je Lotsin/Lotse und Jahr, 414 Stunden für koordinierende Lotsen","en":"at most 276 hours per volunteer and year, 414 hours for coordinating volunteers"}'::jsonb THEN c - 'note' ELSE c END)
      || '{"quantities":[{"key":"volunteers","label":{"de":"Lotsinnen und Lotsen (ohne koordinierende)","en":"Volunteers (not coordinating)"},"unitLabel":{"de":"Lotsin oder Lotse","en":"volunteer"},"unit":"count"},{"key":"coordinating_volunteers","label":{"de":"Koordinierende Lotsinnen und Lotsen","en":"Coordinating volunteers"},"unitLabel":{"de":"koordinierende Lotsin oder koordinierender Lotse","en":"coordinating volunteer"},"unit":"count"},{"key":"hours","label":{"de":"Einsatzstunden im Jahr (alle zusammen)","en":"Hours in the year (all together)"},"unitLabel":{"de":"Stunde","en":"hour"},"unit":"hours","capCents":500,"maxPer":[{"quantity":"volunteers","max":276},{"quantity":"coordinating_volunteers","max":414}]}]}'::jsonb
    WHEN c->>'key' = 'coordination_flat' THEN
      c || '{"minPool":{"quantities":["volunteers","coordinating_volunteers"],"min":5,"label":{"de":"Lotsinnen und Lotsen im Pool","en":"volunteers in the pool"}}}'::jsonb
    ELSE c END ORDER BY i)
  FROM jsonb_array_elements("rules"->'costCategories') WITH ORDINALITY AS e(c, i)))
WHERE "key" = 'IL'
  AND "rules"->'costCategories' @> '[{"key":"allowance"},{"key":"coordination_flat"}]'::jsonb
  AND NOT jsonb_path_exists("rules", '$.costCategories[*].quantities')
  AND NOT jsonb_path_exists("rules", '$.costCategories[*].minPool');
--> statement-breakpoint
UPDATE "funding_lines" SET "updated_at" = now(),
  "rules" = "rules" || '{"population":{"min":10000,"max":50000,"jointBelowMin":true}}'::jsonb
WHERE "key" = 'KIV' AND NOT "rules" ? 'population' AND "rules"->'applicantKinds' ? 'municipality';
--> statement-breakpoint
UPDATE "funding_lines" SET "updated_at" = now(),
  "rules" = "rules" || '{"partnerRequired":{"applicantKinds":["municipality"],"partnerKinds":["migrant_organisation"],"nonProfit":true,"registered":true}}'::jsonb
WHERE "key" = 'MSO' AND NOT "rules" ? 'partnerRequired' AND "rules"->'applicantKinds' ? 'municipality';
