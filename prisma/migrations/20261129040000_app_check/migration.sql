-- The last check of an app's credentials against TCCC (issue 14): its outcome, when it ran, and
-- why it failed, so that a console reload still shows whether the app can work. 'skipped' means
-- an admin saved the credentials explicitly without checking them (the console warns about it).
CREATE TYPE "AppCheckOutcome" AS ENUM ('ok', 'failed', 'skipped');

ALTER TABLE "tccc_apps"
    ADD COLUMN "last_check_outcome" "AppCheckOutcome",
    ADD COLUMN "last_check_at" TIMESTAMPTZ(3),
    ADD COLUMN "last_check_code" TEXT,
    ADD COLUMN "last_check_upstream_code" TEXT;
