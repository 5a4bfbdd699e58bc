#!/usr/bin/env bash
# Unpacks the RFC Editor's plain-text RFCs (Debian's non-free doc-rfc-* packages) into a folder, so
# parsers can be checked against the clause and corpus examples cut from the text
# (sdp/tools/extract-rfc-sdp.py, msrp/tools/extract-rfc-msrp.py). Uses a private apt list: the
# system's apt sources are not touched. Usage: tools/fetch-rfc-texts.sh [dest]   (default /work/rfc)
set -euo pipefail
dest="${1:-/work/rfc}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm non-free" > "$work/nf.list"
mkdir -p "$work/lists/partial" "$dest"
opts=(-o "Dir::Etc::sourcelist=$work/nf.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists")
apt-get "${opts[@]}" update -q
cd "$work"
for p in doc-rfc-std-proposed doc-rfc-std doc-rfc-misc doc-rfc-informational doc-rfc-experimental; do
  apt-get "${opts[@]}" download "$p"
done
for d in ./*.deb; do dpkg-deb -x "$d" x; done
find x -name 'rfc*.txt.gz' | while read -r f; do
  b="$(basename "$f" .gz)"; [ -f "$dest/$b" ] || gunzip -c "$f" > "$dest/$b"
done
echo "$(ls "$dest" | wc -l) RFC texts in $dest"
