#!/usr/bin/env bash
# Loads the store packages themselves, not the build folders: `npm run zip`, unpacks each zip into
# .output/from-zip/, and runs the install and core scenarios in Chromium and Firefox against them
# (the e2e drivers read E2E_OUTPUT_DIR).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run zip
rm -rf .output/from-zip
mkdir -p .output/from-zip/chrome-mv3 .output/from-zip/firefox-mv2
unzip -q .output/*-chrome.zip -d .output/from-zip/chrome-mv3
unzip -q .output/*-firefox.zip -d .output/from-zip/firefox-mv2
E2E_OUTPUT_DIR=.output/from-zip npx playwright test tests/e2e/store.spec.ts tests/e2e/foundation.spec.ts
