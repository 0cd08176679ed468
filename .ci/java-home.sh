# Sourced by ./mvnw, .ci/run and the benchmarks: makes sure a JDK 21 or newer runs the build. JAVA_HOME is kept when
# it names one, and so is the `java` on the PATH when JAVA_HOME is unset; otherwise JAVA_HOME is set to the newest JDK
# 21+ found in the usual places (or in LEDGER_JDK_DIRS, a list of directories that may hold globs). Where there is
# none, it stops at once with one line saying what to install, instead of a compiler error about "release 21".
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java.specification.version = ([0-9]+).*/\1/p'; }

ledger_describe() { ledger_major=$(java_major "$1"); if [ -n "$ledger_major" ]; then echo "Java $ledger_major"; else echo "no JDK there"; fi; }

ledger_is_jdk21() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null; }

ledger_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    ledger_is_jdk21 "$JAVA_HOME" && return 0
    ledger_found="JAVA_HOME is $JAVA_HOME ($(ledger_describe "$JAVA_HOME"))"
  elif command -v java >/dev/null 2>&1; then
    ledger_path_home=$(java -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java.home = (.*)$/\1/p')
    ledger_is_jdk21 "$ledger_path_home" && return 0
    ledger_found="the java on the PATH is $(ledger_describe "$ledger_path_home")"
  else
    ledger_found="there is no java on the PATH"
  fi
  ledger_best=
  ledger_best_major=0
  ledger_dirs=${LEDGER_JDK_DIRS:-"/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* ${HOME:-/nonexistent}/.sdkman/candidates/java/* ${HOME:-/nonexistent}/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home"}
  for ledger_candidate in $ledger_dirs; do
    if ledger_is_jdk21 "$ledger_candidate"; then
      ledger_major=$(java_major "$ledger_candidate")
      if [ "$ledger_major" -gt "$ledger_best_major" ]; then
        ledger_best=$ledger_candidate
        ledger_best_major=$ledger_major
      fi
    fi
  done
  if [ -z "$ledger_best" ]; then
    echo "This build needs a JDK 21 or newer and found none ($ledger_found, and there is no JDK 21+ in ${LEDGER_JDK_DIRS:-/usr/lib/jvm or the other usual places}): install one (e.g. 'sudo apt-get install openjdk-21-jdk', or Temurin 21 from https://adoptium.net) or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$ledger_best"
}

ledger_pick_jdk
