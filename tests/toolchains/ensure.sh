#!/bin/sh
# Install the toolchains the Go, Rust and Java target tests compile with, when missing:
# go + gofmt (Debian golang-go), cargo + clippy (rustup if present, else Debian cargo),
# javac (Debian default-jdk-headless). Needs root and apt-get; without them it says what is
# missing and leaves it (the tests then skip locally, and fail under CI=true).
set -u
missing=""
command -v go >/dev/null 2>&1 && command -v gofmt >/dev/null 2>&1 || missing="$missing golang-go"
command -v javac >/dev/null 2>&1 || missing="$missing default-jdk-headless"
if ! command -v cargo >/dev/null 2>&1; then
    missing="$missing cargo rust-clippy"
elif ! cargo clippy --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null 2>&1; then
        rustup component add clippy || echo "ensure.sh: cannot add clippy with rustup" >&2
    else
        missing="$missing rust-clippy"
    fi
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure.sh: missing$missing (install them: needs root and apt-get)" >&2
    exit 0
fi
echo "ensure.sh: installing$missing" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
    || echo "ensure.sh: could not install$missing" >&2
exit 0
