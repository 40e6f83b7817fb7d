#!/usr/bin/env bash
# Walks through an export against a running dataportability-emulator with nothing but curl
# and unzip, the way a client in any language would:
#   1. get a token from the token endpoint (the emulator-only consent grant, no browser)
#   2. initiate an export and poll its state until COMPLETE
#   3. download every signed URL and check each archive with `unzip -t`
#   4. a second initiate with the same one-time token gets 429 RESOURCE_EXHAUSTED_ONE_TIME
#   5. a signed URL requested with an Authorization header is refused
# Usage: dataportability-emulator --port 8080 & bash curl-walkthrough.sh http://127.0.0.1:8080
set -euo pipefail

BASE="${1:?usage: curl-walkthrough.sh BASE_URL (as printed by dataportability-emulator)}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { echo "not ok - $*" >&2; echo "$passed passed, 1 failed"; exit 1; }
# API answers are indented unless the request says prettyPrint=false, as Google's are.
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

TOKEN="$(curl -fsS -X POST "$BASE/oauth2/token" \
  -d grant_type=urn:dataportability-emulator:consent \
  -d scope=myactivity.youtube -d access=ONE_TIME | field access_token)"
[ -n "$TOKEN" ] || fail "token endpoint returned no access_token"
ok "token endpoint issued an access token"

initiate() {
  curl -sS -o "$WORK/initiate.json" -w '%{http_code}' -X POST "$BASE/v1/portabilityArchive:initiate?prettyPrint=false" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"resources":["myactivity.youtube"]}'
}
[ "$(initiate)" = 200 ] || fail "initiate: $(cat "$WORK/initiate.json")"
JOB="$(field archiveJobId < "$WORK/initiate.json")"
ok "initiate started job $JOB"

STATE=""
for _ in $(seq 1 50); do
  STATE="$(curl -fsS "$BASE/v1/archiveJobs/$JOB/portabilityArchiveState?prettyPrint=false" -H "Authorization: Bearer $TOKEN")"
  case "$STATE" in *'"state":"COMPLETE"'*) break ;; *'"state":"IN_PROGRESS"'*) ;; *) fail "unexpected state: $STATE" ;; esac
done
case "$STATE" in *'"state":"COMPLETE"'*) ok "job $JOB is COMPLETE" ;; *) fail "job never completed: $STATE" ;; esac

URLS="$(printf '%s' "$STATE" | grep -o '"http[^"]*"' | tr -d '"')"
[ -n "$URLS" ] || fail "COMPLETE state has no urls"
n=0
for url in $URLS; do
  n=$((n + 1))
  curl -fsS -o "$WORK/archive-$n.zip" "$url" || fail "download of archive $n"
  unzip -tq "$WORK/archive-$n.zip" >/dev/null || fail "unzip -t archive $n"
  ok "archive $n downloaded ($(wc -c < "$WORK/archive-$n.zip" | tr -d ' ') bytes) and unzip -t passes"
done

code="$(initiate)"
[ "$code" = 429 ] && grep -q RESOURCE_EXHAUSTED_ONE_TIME "$WORK/initiate.json" \
  || fail "second initiate: HTTP $code $(cat "$WORK/initiate.json")"
ok "second initiate with the same one-time token: 429 RESOURCE_EXHAUSTED_ONE_TIME"

FIRST="$(printf '%s\n' "$URLS" | head -n 1)"
code="$(curl -sS -o "$WORK/leak.xml" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$FIRST")"
[ "$code" = 400 ] && grep -q '<Error><Code>' "$WORK/leak.xml" || fail "signed URL with Authorization: HTTP $code"
ok "signed URL with an Authorization header refused: HTTP 400 $(sed -n 's/.*<Code>\([^<]*\)<.*/\1/p' "$WORK/leak.xml")"

echo "$passed passed, 0 failed"
