#!/usr/bin/env bash
# Test a Gradescope autograder.zip locally, in a real Docker container with Docker's default
# security options (docs/WORKFLOWS.md, "Test your Gradescope zip locally").
#
#   tests/container/gradescope_local.sh ZIP SUBMISSIONS OUT
#
# ZIP: an autograder.zip from `nngrade gradescope-zip`; SUBMISSIONS: a folder with one folder per
# submission (its files are what a student uploaded; an optional submission_metadata.json inside
# is used as Gradescope's, else one is made up); OUT: where to write, per submission,
# OUT/<name>/results.json (what Gradescope would show) and OUT/<name>/after.json (what the
# container looked like after run_autograder: escaped processes, results.json rewritten, the
# isolation level). OUT/setup.log holds setup.sh's output and OUT/setup_seconds its time.
# NNLAB_CONTAINER_NO_LANDLOCK=1 grades every submission again as on a kernel without Landlock
# (OUT/no-landlock/<name>/); NNLAB_CONTAINER_REFUSAL=1 also runs the first submission where the uid switch is impossible
# (OUT/refused/: setup-check's line and exit status, what the student would see);
# NNLAB_CONTAINER_KEEP=1 keeps the graded image (NNLAB_CONTAINER_REUSE=1 reuses it for the
# same zip instead of rerunning setup.sh).
#
# Needs root and Debian's docker.io + debootstrap. Starts dockerd when none answers. No image
# registry is needed: the base image is a Debian bookworm rootfs made by debootstrap and
# `docker import`ed (cached in $NNLAB_CONTAINER_CACHE, default /var/cache/nnlab-container; delete
# it to rebuild from scratch). setup.sh runs in a fresh container of that image (as on
# Gradescope, once per zip) and the result is committed as an image; every submission then runs
# in a fresh container of that image. pip inside reaches the package index with this host's pip
# settings: the CA bundle ($PIP_CERT, pip.conf `cert`, else the system bundle) is mounted and
# PIP_CERT points at it; PIP_INDEX_URL / PIP_EXTRA_INDEX_URL (http(s) only) are passed on.
set -euo pipefail
ZIP="$(realpath "$1")"; SUBMISSIONS="$(realpath "$2")"; OUT="$(realpath -m "$3")"
CACHE="${NNLAB_CONTAINER_CACHE:-/var/cache/nnlab-container}"
SUITE="${NNLAB_CONTAINER_SUITE:-bookworm}"
BASE="nnlab-gradescope-base:$SUITE"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$CACHE" "$OUT"

say() { echo "gradescope_local: $*" >&2; }

ensure_dockerd() {
  if docker info >/dev/null 2>&1; then return 0; fi
  command -v dockerd >/dev/null || { say "no dockerd (apt-get install docker.io)"; return 1; }
  say "starting dockerd (log: $CACHE/dockerd.log)"
  (dockerd >"$CACHE/dockerd.log" 2>&1 &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  say "dockerd did not come up; see $CACHE/dockerd.log"; return 1
}

ensure_base_image() {
  if docker image inspect "$BASE" >/dev/null 2>&1; then return 0; fi
  local tar="$CACHE/$SUITE-rootfs.tar"
  if [ ! -s "$tar" ]; then
    command -v debootstrap >/dev/null || { say "no debootstrap (apt-get install debootstrap)"; return 1; }
    local root="$CACHE/$SUITE-rootfs"
    rm -rf "$root"
    say "debootstrap $SUITE (about a minute)"
    # ca-certificates, python3 + venv and procps are on Gradescope's Ubuntu base image as well
    debootstrap --variant=minbase --include=ca-certificates,python3,python3-venv,procps \
      "$SUITE" "$root" >"$CACHE/debootstrap.log" 2>&1 ||
      { say "debootstrap failed; see $CACHE/debootstrap.log"; return 1; }
    tar -C "$root" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$root"
  fi
  docker import "$tar" "$BASE" >/dev/null
}

pip_options() {  # docker run options giving pip this host's index and CA bundle
  local cert="${PIP_CERT:-}"
  if [ -z "$cert" ]; then
    cert="$(python3 -m pip config get global.cert 2>/dev/null || true)"
  fi
  [ -f "$cert" ] || cert=/etc/ssl/certs/ca-certificates.crt
  PIPOPTS=(-e PIP_DISABLE_PIP_VERSION_CHECK=1 -e PIP_DEFAULT_TIMEOUT="${PIP_DEFAULT_TIMEOUT:-180}")
  if [ -f "$cert" ]; then
    PIPOPTS+=(-v "$cert:/etc/nnlab-host-ca.crt:ro" -e PIP_CERT=/etc/nnlab-host-ca.crt
              -e SSL_CERT_FILE=/etc/nnlab-host-ca.crt -e REQUESTS_CA_BUNDLE=/etc/nnlab-host-ca.crt)
  fi
  local name value
  for name in PIP_INDEX_URL PIP_EXTRA_INDEX_URL; do
    value="${!name:-}"
    case "$value" in http://*|https://*) PIPOPTS+=(-e "$name=$value");; esac
  done
}

build_graded_image() {  # setup.sh once, in a fresh container → image $IMAGE
  IMAGE="nnlab-gradescope:$(sha256sum "$ZIP" | cut -c1-16)"
  if [ "${NNLAB_CONTAINER_REUSE:-0}" = 1 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
    say "reusing $IMAGE (setup.sh not rerun)"; return 0
  fi
  local name="nnlab-setup-$$"
  pip_options
  docker rm -f "$name" >/dev/null 2>&1 || true
  local started status
  started=$(date +%s.%N)
  set +e
  docker run --name "$name" "${PIPOPTS[@]}" -v "$ZIP:/mnt/autograder.zip:ro" "$BASE" bash -c '
    set -e; mkdir -p /autograder/source && cd /autograder/source
    python3 -c "import zipfile, os
z = zipfile.ZipFile(\"/mnt/autograder.zip\")
for i in z.infolist():
    z.extract(i); os.chmod(i.filename, (i.external_attr >> 16) & 0o777 or 0o644)"
    bash /autograder/source/setup.sh' >"$OUT/setup.log" 2>&1
  status=$?
  set -e
  python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" \
    "$started" "$(date +%s.%N)" >"$OUT/setup_seconds"
  echo "$status" >"$OUT/setup_status"
  if [ "$status" != 0 ]; then
    docker rm -f "$name" >/dev/null
    say "setup.sh failed (exit $status): $(tail -1 "$OUT/setup.log")"; return 3
  fi
  docker commit "$name" "$IMAGE" >/dev/null
  docker rm -f "$name" >/dev/null 2>&1 &   # minutes for a TensorFlow install: meanwhile, grade
  RM_SETUP=$!
}

refusal_check() {  # the same image where the uid switch is impossible (no CAP_SETUID/SETGID)
  local sub="$1" out="$OUT/refused"
  rm -rf "$out"; mkdir -p "$out"
  docker run --rm --cap-drop SETUID --cap-drop SETGID -v "$sub:/mnt/submission:ro" -v "$out:/mnt/out" \
    -v "$HERE/after_run.sh:/mnt/after_run.sh:ro" "$IMAGE" bash -c '
    /autograder/venv/bin/python -m autograder.integrations.gradescope setup-check \
      --source /autograder/source --results /autograder/results >/mnt/out/setup_check.txt 2>&1
    echo $? >/mnt/out/setup_check_status
    bash /mnt/after_run.sh' >"$out/log.txt" 2>&1 || say "refused: container exited $?"
}

grade_one() {  # one submission in a fresh container of $IMAGE; $2: OUT's subfolder, then options
  local sub="$1" dest="$2" name out
  shift 2
  name="$(basename "$sub")"; out="$OUT/$dest$name"
  rm -rf "$out"; mkdir -p "$out"
  docker run --rm "$@" -v "$sub:/mnt/submission:ro" -v "$out:/mnt/out" \
    -v "$HERE/after_run.sh:/mnt/after_run.sh:ro" \
    "$IMAGE" bash /mnt/after_run.sh >"$out/log.txt" 2>&1 || say "$name: container exited $?"
}

# A kernel without Landlock (older hosts): Docker's seccomp set to refuse only Landlock's system
# calls (ENOSYS), so the grader's files are hidden by their modes alone.
NO_LANDLOCK='{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["landlock_create_ruleset",
  "landlock_add_rule", "landlock_restrict_self"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}]}'

ensure_dockerd
ensure_base_image
build_graded_image
for sub in "$SUBMISSIONS"/*/; do
  grade_one "${sub%/}" ""
done
if [ "${NNLAB_CONTAINER_NO_LANDLOCK:-0}" = 1 ]; then  # again, into OUT/no-landlock/<name>
  echo "$NO_LANDLOCK" >"$OUT/no-landlock.json"
  for sub in "$SUBMISSIONS"/*/; do
    grade_one "${sub%/}" no-landlock/ --security-opt "seccomp=$OUT/no-landlock.json"
  done
fi
if [ "${NNLAB_CONTAINER_REFUSAL:-0}" = 1 ]; then
  refusal_check "$(ls -d "$SUBMISSIONS"/*/ | head -1)"
fi
if [ -n "${RM_SETUP:-}" ]; then wait "$RM_SETUP" || true; fi
if [ "${NNLAB_CONTAINER_KEEP:-0}" != 1 ]; then
  docker rmi "$IMAGE" >/dev/null   # 2-3 GB each; NNLAB_CONTAINER_KEEP=1 keeps it
fi
say "done: $OUT"
