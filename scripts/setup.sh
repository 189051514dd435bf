#!/usr/bin/env bash
# Create .venv (if missing) and install yuqing with its test tools. Safe to run again.
#
# The PDF needs system libraries and a font that covers Chinese (Pango, HarfBuzz-subset, Noto CJK).
# When they are missing and apt-get can run (as root, or through sudo without a password), they are
# installed; otherwise the packages to install are printed and everything but the PDF still works.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

missing=()
fc-list : family 2>/dev/null | grep "Noto Serif CJK" >/dev/null || missing+=(fonts-noto-cjk)  # no -q: under pipefail, grep -q stopping early fails fc-list (SIGPIPE)
fc-list : family 2>/dev/null | grep "WenQuanYi Zen Hei" >/dev/null || missing+=(fonts-wqy-zenhei)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || missing+=(libharfbuzz-subset0)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
  if "${as_root[@]}" true 2>/dev/null; then
    echo "setup: installing ${missing[*]}" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: for PDF output, install: ${missing[*]}" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
