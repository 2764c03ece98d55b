#!/usr/bin/env bash
# Valid HTML: the W3C Nu HTML checker (npm vnu-jar, run with the machine's Java) over every
# page the browser tests loaded (tests/e2e/conftest.py keeps them in test-artifacts/html/).
# Installs vnu-jar into .vnu/ when missing. Exits non-zero on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
JAR=.vnu/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$JAR" ]; then
  command -v npm >/dev/null || { echo "valid_html: npm is needed to install vnu-jar" >&2; exit 1; }
  npm install --silent --no-audit --no-fund --prefix .vnu "vnu-jar@$VNU_VERSION" >/dev/null
fi
command -v java >/dev/null || { echo "valid_html: Java is needed for the Nu checker" >&2; exit 1; }
pages=(test-artifacts/html/*.html)
if [ ! -e "${pages[0]}" ]; then
  echo "valid_html: no pages were kept (did the browser tests run?)" >&2
  exit 1
fi
echo "== Nu HTML checker over ${#pages[@]} pages the browser tests visited"
if java -jar "$JAR" --errors-only --format gnu "${pages[@]}" 2> test-artifacts/vnu.txt; then
  echo "== valid HTML: 0 errors"
else
  count=$(grep -c ':' test-artifacts/vnu.txt || true)
  sed -e 's|^"\?[^"]*test-artifacts/html/||' test-artifacts/vnu.txt | head -60 >&2
  echo "== Nu HTML checker: $count errors (all in test-artifacts/vnu.txt)" >&2
  exit 1
fi
