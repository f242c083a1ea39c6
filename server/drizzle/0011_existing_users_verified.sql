-- Sign-in now asks for a verified email. Every account that exists when this runs was made
-- before sign-in asked for one (or by the demo seed, admin:create or an invitation), so it
-- counts as verified; accounts signed up from now on verify by the mailed link.
UPDATE "users" SET "email_verified_at" = now() WHERE "email_verified_at" IS NULL;
