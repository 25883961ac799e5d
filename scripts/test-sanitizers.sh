#!/usr/bin/env bash
# The sanitizer runs beside the ASan/UBSan suite (scripts/test.sh calls this):
#   build-fuzz  clang, -Dfuzzing=true: every libFuzzer target, each run
#               briefly on seeds cut from the real captures (meson suite 'fuzz');
#   build-tsan  gcc, ThreadSanitizer: the server, its plugins and the REST
#               integration tests, whose concurrency test has two sources
#               ingesting while client threads read (a race fails the run).
# Each build compiles only the targets it runs, not the whole tree.
# Usage: scripts/test-sanitizers.sh [fuzz|tsan]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(fuzz tsan)
status=0

# Targets of a build dir, by meson's introspection: name regex, path regex.
# Regenerates the build first when a meson.build changed, or the
# introspection would not know a target added since the last build.
targets_of() {
  ninja -C "$1" build.ninja >/dev/null
  meson introspect "$1" --targets | python3 -c '
import json, os, re, sys
build, name_re, dir_re = sys.argv[1], re.compile(sys.argv[2]), re.compile(sys.argv[3])
for t in json.load(sys.stdin):
    for f in t["filename"]:
        rel = os.path.relpath(f, os.path.abspath(build))
        if name_re.search(t["name"]) and dir_re.search(os.path.dirname(rel)):
            print(rel)
' "$1" "$2" "$3"
}

run_fuzz() {
  local dir=build-fuzz
  if [ ! -f "$dir/build.ninja" ]; then
    CXX=clang++ meson setup "$dir" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
  fi
  # The fuzz targets, the seed cutter and sim-capture (seeds from the simulator).
  mapfile -t targets < <(targets_of "$dir" '^(fuzz-|sim-capture$)' '^(tests/fuzz|datasources/sim)$')
  local start=$SECONDS
  ninja -C "$dir" "${targets[@]}"
  echo "test-sanitizers: fuzz build took $((SECONDS - start)) s"
  meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes 2 --suite fuzz || status=1
}

run_tsan() {
  local dir=build-tsan
  if [ ! -f "$dir/build.ninja" ]; then
    # -O1 and line tables only (-g1): what TSan needs for stacks, and much
    # quicker to compile than the default -O2 -g.
    meson setup "$dir" -Db_sanitize=thread -Db_lundef=false -Dwerror=true -Doptimization=1 -Ddebug=false -Dcpp_args=-g1
  fi
  # The server, every plugin folder (modules and manifests), the REST test executable.
  mapfile -t targets < <(
    targets_of "$dir" '^airsight$' '^core$'
    targets_of "$dir" '.' '^(plugins|phys|datasources)/[^/]+$' | grep -v '\.a$' | grep -Ev '/(test|sim-capture)'
    targets_of "$dir" '^test-http-api$' '^tests/integration$'
  )
  local start=$SECONDS
  ninja -C "$dir" "${targets[@]}"
  echo "test-sanitizers: TSan build took $((SECONDS - start)) s"
  local reports=$PWD/$dir/tsan-reports
  rm -rf "$reports"
  mkdir -p "$reports"
  # Reports go to files (the server runs as a child of the test, its output
  # in a temporary folder); any report fails the run.
  TSAN_OPTIONS="log_path=$reports/tsan second_deadlock_stack=1 history_size=4 suppressions=$PWD/tests/tsan.supp" \
    AIRSIGHT_CONCURRENCY_FRAMES=${AIRSIGHT_CONCURRENCY_FRAMES:-8000} \
    meson test -C "$dir" --no-rebuild --print-errorlogs --timeout-multiplier 4 http-api || status=1
  if compgen -G "$reports/tsan*" >/dev/null; then
    echo "test-sanitizers: ThreadSanitizer reported:" >&2
    cat "$reports"/tsan* >&2
    status=1
  fi
}

for step in "${steps[@]}"; do
  case $step in
  fuzz) run_fuzz ;;
  tsan) run_tsan ;;
  *) echo "usage: $0 [fuzz|tsan]..." >&2; exit 2 ;;
  esac
done
exit $status
