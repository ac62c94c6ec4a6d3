#!/usr/bin/env bash
# Everything `make test` and CI check, in order. Every step runs even when an earlier one fails,
# so one run shows every problem; the script exits non-zero if any step failed.
#
#   REQUIRE_POSTGRES=1   fail (instead of skipping visibly) when PostgreSQL is unreachable
#   TEST_POSTGRES_URL    server for the PostgreSQL run (default
#                        postgres://postgres@127.0.0.1:5432/partnerpath_test_<pid>; pytest-django
#                        creates and drops test_<that name>, so parallel runs do not collide)
#   PYTEST_ARGS          extra arguments for both pytest runs (e.g. "-x -k demo")
set -uo pipefail

cd "$(dirname "$0")/.."
BIN=.venv/bin
POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/partnerpath_test_$$}
read -r -a EXTRA <<<"${PYTEST_ARGS:-}"
FAILED=()
SUMMARY=()
SKIPPED=""

# The checks below load the production settings, which need a key; tests bring their own.
export SECRET_KEY="${SECRET_KEY:-check-only-key-$(date +%s)-not-used-for-anything-else}"
unset DJANGO_SETTINGS_MODULE

step() {
    local name=$1
    shift
    local started=$SECONDS
    printf '\n==> %s\n' "$name"
    SKIPPED=""
    if "$@"; then
        SUMMARY+=("${SKIPPED:-ok     } $(printf '%4ss' $((SECONDS - started)))  $name")
    else
        SUMMARY+=("FAILED  $(printf '%4ss' $((SECONDS - started)))  $name")
        FAILED+=("$name")
    fi
}

deploy_check() {
    # Production as documented: DEBUG off, a long random key, HTTPS switches at their defaults.
    env -u SECURE_SSL_REDIRECT -u SESSION_COOKIE_SECURE -u CSRF_COOKIE_SECURE \
        -u SECURE_HSTS_SECONDS -u SECRET_KEY_FILE -u DATABASE_URL -u DJANGO_ALLOW_ASYNC_UNSAFE \
        DEBUG=false ALLOWED_HOSTS=partnerpath.example.org \
        SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')" \
        "$BIN/partnerpath" manage check --deploy --fail-level WARNING
}

ensure_chromium() {
    # The browser tests drive Debian's chromium; Playwright's own download does not work here.
    if command -v chromium >/dev/null; then
        chromium --version
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "chromium is missing and this is not root: run 'apt-get install -y chromium'." >&2
        echo "The browser tests will fail until it is installed." >&2
        return 1
    fi
    echo "Installing Debian's chromium for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null && chromium --version
}

postgres_reachable() {
    "$BIN/python" - "$POSTGRES_URL" <<'EOF'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

url = urlsplit(sys.argv[1])
try:  # the maintenance database: the test database does not exist yet
    psycopg.connect(urlunsplit(url._replace(path="/postgres")), connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL at {url.hostname}:{url.port or 5432} is not reachable: {exc}".strip())
    sys.exit(1)
EOF
}

pytest_postgres() {
    local why
    if why=$(postgres_reachable); then
        DATABASE_URL="$POSTGRES_URL" "$BIN/pytest" "$@" "${EXTRA[@]}"
    elif [ "${REQUIRE_POSTGRES:-0}" = 1 ]; then
        echo "$why" >&2
        echo "REQUIRE_POSTGRES=1: the PostgreSQL run is required, so this fails." >&2
        return 1
    else
        printf '\n%s\n' "************************************************************************"
        echo "SKIPPED: the test suite on PostgreSQL. $why"
        echo "Start PostgreSQL on 127.0.0.1:5432 (user postgres), or set TEST_POSTGRES_URL."
        printf '%s\n\n' "************************************************************************"
        SKIPPED="SKIPPED"
        return 0
    fi
}

step "ruff check" "$BIN/ruff" check
step "ruff format --check" "$BIN/ruff" format --check
step "mypy" "$BIN/mypy"
step "manage.py check" "$BIN/partnerpath" manage check --fail-level WARNING
step "makemigrations --check" env DATABASE_URL=sqlite:///:memory: "$BIN/partnerpath" manage makemigrations --check --dry-run
step "check --deploy (production settings)" deploy_check
step "chromium for the browser tests" ensure_chromium
step "pytest on SQLite (with browser tests)" env -u DATABASE_URL "$BIN/pytest" "${EXTRA[@]}"
step "pytest on PostgreSQL (with browser tests)" pytest_postgres

printf '\n==> Summary\n'
printf '%s\n' "${SUMMARY[@]}"
if [ ${#FAILED[@]} -gt 0 ]; then
    printf '\nFAILED: %s\n' "${FAILED[*]}"
    exit 1
fi
printf '\nAll checks passed.\n'
