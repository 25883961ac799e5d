# Sourced by the scripts that run libabigail's tools (check-sdk-abi.sh,
# test-abi-check.sh, scripts/update-sdk-abi.sh), so they agree on what is
# needed and on how to get it.

# abi_tools_present PREFIX: status 0 when abidw and abidiff are both on PATH;
# otherwise says which is missing and how to install it, prefixed by PREFIX.
abi_tools_present() {
    for tool in abidw abidiff; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "$1: $tool not found (Debian package abigail-tools; scripts/install-deps.sh --test installs it)" >&2
            return 1
        fi
    done
}

# skip_without_abi_tools PREFIX: for tests. Without the tools the test is
# skipped (exit 77), except in CI (CI=true), where it fails.
skip_without_abi_tools() {
    abi_tools_present "$1" && return 0
    [ "${CI:-}" = true ] && exit 1
    exit 77
}
