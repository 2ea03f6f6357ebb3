#!/usr/bin/env bash
# Runs before `npm test`: makes sure what the tests talk to is there.
#  - Debian's Chromium for the browser tests (installed with apt-get when missing and we are root);
#  - poppler-utils (pdftotext, pdffonts) for the PDF tests (the same way);
#  - PostgreSQL on 127.0.0.1:5432 for the storage tests (started with pg_ctlcluster when installed
#    but stopped). Set TEST_DATABASE_URL to use another server, or E_AKIMAT_TEST_BACKENDS=sqlite to
#    test SQLite only.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test prerequisites: installing Debian's chromium for the browser tests (apt-get)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test prerequisites: the browser tests need Chromium at $chromium_path." >&2
    echo "  Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test prerequisites: installing poppler-utils (pdftotext, pdffonts) for the PDF tests (apt-get)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "test prerequisites: the PDF tests need pdftotext and pdffonts (poppler-utils)." >&2
    echo "  Install them with: sudo apt-get install -y poppler-utils" >&2
    exit 1
  fi
fi

backends="${E_AKIMAT_TEST_BACKENDS:-sqlite,postgres}"
if [[ "$backends" == *postgres* && -z "${TEST_DATABASE_URL:-}" ]]; then
  ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
  if command -v pg_isready >/dev/null && ! ready; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      echo "test prerequisites: starting PostgreSQL…" >&2
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
      for _ in $(seq 1 30); do ready && break; sleep 1; done
    fi
    if ! ready; then
      echo "test prerequisites: PostgreSQL is not answering on 127.0.0.1:5432." >&2
      echo "  Start it, set TEST_DATABASE_URL, or run SQLite only: E_AKIMAT_TEST_BACKENDS=sqlite npm test" >&2
      exit 1
    fi
  fi
fi
