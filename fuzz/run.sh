#!/bin/sh
# Fuzzes kansli's untrusted-input readers for a fixed time each, seeded with the
# project's own files.
#
#   fuzz/run.sh [SEKUNDER] [MÅL ...]      # standard: 300 s, alla mål (yaml markdown pdf)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on the stable toolchain through
# RUSTC_BOOTSTRAP=1 (cargo-fuzz passes nightly-only flags). No sanitizer: kansli has no
# unsafe code, and without ASan the targets run several times faster.
#
# Each target's saved corpus is fuzz/corpus/<mål>/ (committed; `cargo test` replays it).
# New inputs go to fuzz/work/<mål>/; after the run, those that add coverage are merged
# into the saved corpus. A crash or a broken invariant stops the run and leaves the
# input in fuzz/artifacts/<mål>/: fix it, and copy the input into fuzz/corpus/<mål>/ so
# that it is replayed for ever.
set -eu
cd "$(dirname "$0")"
SECONDS_EACH=${1:-300}
[ $# -gt 0 ] && shift
TARGETS=${*:-yaml markdown pdf}
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz saknas: cargo install cargo-fuzz" >&2; exit 2; }

# The project's own files seed each target, read in place (libFuzzer reads every
# folder after the first, recursively, and writes new inputs only to the first).
seeds() {
    case $1 in
        yaml) echo ../content ../tests/fixtures/fel ../templates/profiles ;;
        markdown) echo ../content ../tests/fixtures/fel ;;
        pdf) echo ../tests/fixtures/bilagor ;;
    esac
}

for t in $TARGETS; do
    mkdir -p "corpus/$t" "work/$t" "artifacts/$t"
    echo "== $t: $SECONDS_EACH s"
    # shellcheck disable=SC2046
    cargo fuzz run --sanitizer none "$t" "work/$t" "corpus/$t" $(seeds "$t") -- \
        -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1
    # The saved corpus becomes the smallest set of inputs (at most 1 KiB each, so that
    # the repository and `cargo test` stay small) that covers what the saved corpus
    # and this run's inputs cover; hand-named inputs (seeds, fixed findings) stay.
    keep=$(mktemp -d)
    cargo fuzz run --sanitizer none "$t" "$keep" "corpus/$t" "work/$t" -- \
        -set_cover_merge=1 -max_len=1024 >/dev/null 2>&1
    for f in "corpus/$t"/*; do
        basename "$f" | grep -Eq '^[0-9a-f]{40}$' || cp "$f" "$keep/"
    done
    rm -rf "corpus/$t" && mv "$keep" "corpus/$t"
done
