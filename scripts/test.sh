#!/usr/bin/env bash
# Set up, then run the whole test suite. PostgreSQL joins when YUQING_TEST_DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
