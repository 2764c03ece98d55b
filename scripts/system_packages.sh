#!/usr/bin/env bash
# Install the system packages the test suite needs, if missing: chromium (browser tests),
# poppler-utils (pdftotext for PDF tests), fonts for PDFs, Java and npm for the Nu HTML
# checker (scripts/valid_html.sh), and PostgreSQL when no
# DATABASE_URL is given. As root with apt this installs them; otherwise it names them.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)  # the Nu HTML checker
command -v npm >/dev/null 2>&1 || need+=(npm)  # installs vnu-jar (scripts/valid_html.sh)
if [ -z "${DATABASE_URL:-}" ] && ! command -v pg_ctlcluster >/dev/null 2>&1; then
  need+=(postgresql)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "The test suite needs these system packages: ${need[*]}" >&2
  echo "Install them (e.g. sudo apt-get install ${need[*]}) and run make test again." >&2
  exit 1
fi
