#!/usr/bin/env bash
# Set up, then build the demo workspace from the bundled offline corpus and write issue 275.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/yuqing demo --out "${1:-yuqing-demo}"
