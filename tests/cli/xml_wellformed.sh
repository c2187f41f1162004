#!/bin/sh
# The checkstyle and junit reports parse as XML, including a message that
# quotes markup characters and a file whose bytes are not UTF-8; python3's
# parser stands in for the CI servers that read them.  Skipped (77) when
# python3 is absent.  Usage: xml_wellformed.sh DOCKLS
set -eu
dockls=$1
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed: XML parse check skipped"; exit 77; }
tmp=$(mktemp -d /tmp/dockls-xml-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p"
# A stage name with markup characters and a Latin-1 byte in a comment.
printf 'FROM node AS <b&"x\x27>\n# caf\351\nRUN apt-get install -y curl\n' > "$tmp/p/Dockerfile"
printf 'services:\n  web:\n    image: "a<b>&c"\n' > "$tmp/p/compose.yaml"
for format in checkstyle junit; do
  (cd "$tmp" && "$dockls" check --format $format --fail-on hint p > "$tmp/$format.xml") || [ $? = 1 ]
  python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(sys.argv[1], "ok,", len(d.getElementsByTagName(sys.argv[2])), "findings")' \
    "$tmp/$format.xml" "$( [ $format = junit ] && echo failure || echo error )"
  grep -q '&lt;b&amp;&quot;x&apos;&gt;\|&lt;b&gt;&amp;c' "$tmp/$format.xml" || { echo "FAIL: markup not escaped in $format"; exit 1; }
done
