#!/usr/bin/env bash
# `npm run test:deploy`: the deployment suite (playwright.deploy.config.ts):
# two instances of the production build over one PostgreSQL, start-up
# refusals and graceful shutdown. It needs PostgreSQL:
# - with Debian's postgresql installed (or PG_BIN), a throwaway cluster
#   (scripts/with-postgres.sh), removed afterwards, as in CI;
# - else, under CI, with-postgres.sh installs it;
# - else DATABASE_URL, if set, names a database the suite may write to;
# - else the suite is skipped, saying so.
# Extra arguments go to Playwright (e.g. a spec file).
set -euo pipefail
cd "$(dirname "$0")/.."

run=(npx playwright test -c playwright.deploy.config.ts "$@")
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

if [ -x "$bin/initdb" ] || [ -n "${CI:-}" ]; then
  exec scripts/with-postgres.sh "${run[@]}"
elif [ -n "${DATABASE_URL:-}" ]; then
  exec "${run[@]}"
fi
echo "test:deploy: SKIPPED: no PostgreSQL here (no $bin/initdb, no DATABASE_URL)." >&2
echo "  Install Debian's postgresql (or set PG_BIN or DATABASE_URL) to run the multi-instance suite; CI always runs it." >&2
