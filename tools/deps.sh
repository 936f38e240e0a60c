#!/bin/sh
# deps.sh PKG... - install the Debian packages that are missing.
# As root: apt-get install them. Otherwise: print the exact command and fail.
# A command installed outside dpkg counts for its package: node from another
# build of nodejs brings its own npm, and Debian's npm would conflict with it.
on_path() {
	case $1 in
	nodejs) command -v node >/dev/null 2>&1 ;;
	npm) command -v npm >/dev/null 2>&1 ;;
	*) return 1 ;;
	esac
}
missing=""
for p in "$@"; do
	on_path "$p" && continue
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
