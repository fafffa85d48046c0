# Sourced by ./mvnw and ./merapi: picks a JDK of version 21 or newer and exports JAVA_HOME.
# Order: an explicit MERAPI_JAVA_HOME, a JAVA_HOME that is new enough, the JDKs where Debian and
# most Linux distributions keep them, then whatever `java` on the PATH is.

merapi_java_major() {
  # Prints the feature version of the JDK in $1 (e.g. 25), or nothing if it has no java binary.
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

merapi_pick_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${MERAPI_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    [ -x "$candidate/bin/javac" ] || continue
    major=$(merapi_java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$candidate" = "${MERAPI_JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then
      best=$candidate; break
    fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(merapi_java_major "$candidate")
    [ -n "$major" ] && [ "$major" -ge 21 ] && best=$candidate
  fi
  if [ -z "$best" ]; then
    echo "merapi: no JDK 21 or newer found (looked at MERAPI_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt)." >&2
    echo "merapi: install one (e.g. apt-get install openjdk-21-jdk) or set MERAPI_JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
