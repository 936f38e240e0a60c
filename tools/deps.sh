#!/bin/sh
# deps.sh PKG... - install the Debian packages that are missing.
# As root: apt-get install them. Otherwise: print the exact command and fail.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: apt-get failed; run: apt-get install$missing" >&2; exit 1; }
else
	echo "deps: these Debian packages are missing. Run, as root:" >&2
	echo "  apt-get install$missing" >&2
	exit 1
fi
