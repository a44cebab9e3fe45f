#!/usr/bin/env bash
# A single-node Ceph cluster (one monitor, one in-memory OSD) with the radosgw S3 gateway on
# 127.0.0.1: a real S3 implementation for tests and for use by hand. See infra/local/README.md.
#
#   infra/local/radosgw.sh start    install Ceph if missing, start (or reuse) the cluster, print env
#   infra/local/radosgw.sh stop     stop the daemons this script started (by their recorded pids)
#   infra/local/radosgw.sh status   exit 0 and print env lines if running and answering, else 1
#
# The Ceph facts behind the settings below were measured on this machine (Debian bookworm,
# Ceph 16.2.15 Pacific) and are written down in shared/notes/real-s3.md ("the note" below).
# Progress goes to stderr; only the env lines go to stdout.
set -euo pipefail

STATE_DIR=${RADOSGW_DIR:-${TMPDIR:-/tmp}/news-timeline-radosgw}
PORT=${RADOSGW_PORT:-7480}
ACCESS_KEY=${RADOSGW_ACCESS_KEY:-NEWSTIMELINEKEY}
SECRET_KEY=${RADOSGW_SECRET_KEY:-news-timeline-local-secret}

# A cluster name of our own: Ceph's default paths all contain $cluster, so even a path we forgot
# to set explicitly below would not land on a real cluster's files named "ceph".
CLUSTER=newstimeline
RGW_USER=news-timeline
START_TIMEOUT=120 # seconds, from the first daemon to radosgw answering HTTP
STOP_TIMEOUT=20   # seconds between TERM and KILL, per daemon
DAEMONS=(rgw osd mon) # stop order; start order is the reverse

CONF=$STATE_DIR/ceph.conf
MARKER=$STATE_DIR/.news-timeline-radosgw
ENV_FILE=$STATE_DIR/env

log() { printf 'radosgw.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") start|stop|status

  start   install Ceph if missing, start a single-node cluster with radosgw (or reuse the running
          one), create the S3 user, write \$RADOSGW_DIR/env and print it
  stop    stop the daemons of this state directory (idempotent)
  status  exit 0 and print the env lines if running and answering S3, exit 1 otherwise

settings (environment):
  RADOSGW_DIR         state directory   (default \${TMPDIR:-/tmp}/news-timeline-radosgw, now $STATE_DIR)
  RADOSGW_PORT        S3 port           (default 7480; the monitor uses port+1)
  RADOSGW_ACCESS_KEY  S3 access key id  (default NEWSTIMELINEKEY)
  RADOSGW_SECRET_KEY  S3 secret key     (default news-timeline-local-secret)
EOF
}

validate_settings() {
  if ! [[ $PORT =~ ^[0-9]{4,5}$ ]] || ((10#$PORT < 1024 || 10#$PORT > 65534)); then
    die "RADOSGW_PORT must be a number from 1024 to 65534 (the monitor takes port+1), got '$PORT'"
  fi
  PORT=$((10#$PORT))
  [[ $ACCESS_KEY =~ ^[A-Za-z0-9]+$ ]] || die "RADOSGW_ACCESS_KEY must be letters and digits"
  [[ $SECRET_KEY =~ ^[A-Za-z0-9/+=._-]+$ ]] || die "RADOSGW_SECRET_KEY has characters this script does not quote safely"
  [[ $STATE_DIR == /* ]] || STATE_DIR=$PWD/$STATE_DIR
  [[ $STATE_DIR != / ]] || die "RADOSGW_DIR must not be /"
}

# --- processes -------------------------------------------------------------------------------

pid_file() { printf '%s/run/%s.pid' "$STATE_DIR" "$1"; }

# Prints the pid of daemon $1 if its pid file names a live process whose command line carries
# our config file: a pid reused by some other process after a crash is never taken for ours.
daemon_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$CONF" || return 1
  printf '%s\n' "$pid"
}

all_running() {
  local d
  for d in "${DAEMONS[@]}"; do daemon_pid "$d" >/dev/null || return 1; done
}

# Whether something answers HTTP on the S3 port (bash's /dev/tcp: no curl needed).
http_answers() {
  # shellcheck disable=SC2016 # $1 and $line belong to the inner bash
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    IFS= read -r line <&3 && [[ $line == HTTP/1.* ]]
  ' _ "$PORT" 2>/dev/null
}

# Whether something listens on 127.0.0.1:$1.
# shellcheck disable=SC2016 # $1 belongs to the inner bash
port_in_use() { timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

# Starts "$@" as daemon $1's process: in the foreground (-f, the note: no systemd here) of a new
# session (setsid, so a test runner's Ctrl-C or process-group kill does not reach it), stdin and
# stdout detached (else whoever captures this script's stdout would wait for the daemon's EOF).
# setsid execs in place (this background child is not a group leader), so $! is the daemon.
# Fd 9, the state directory lock, is closed for the daemon: else it would hold the lock for
# its whole life and the next start or stop would wait for it.
spawn() {
  local name=$1
  shift
  setsid "$@" </dev/null >>"$STATE_DIR/log/$name.out" 2>&1 9<&- &
  echo "$!" >"$(pid_file "$name")"
}

# Whether process $1 lives: kill -0 alone also succeeds for a zombie, which a daemon that this
# very script started (and stops after a failed start) is until the script exits.
alive() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# Stops the daemons one after the other, radosgw, OSD, monitor: the OSD tells the monitor it is
# going down and, with the monitor already gone, waits osd_mon_shutdown_timeout (5 s) for it.
# By recorded pid only, never by name: other Ceph clusters may run on this machine.
stop_daemons() {
  local d pid deadline
  for d in "${DAEMONS[@]}"; do
    if pid=$(daemon_pid "$d"); then
      log "stopping $d (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      deadline=$((SECONDS + STOP_TIMEOUT))
      while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
      if alive "$pid"; then
        log "$d (pid $pid) still running after ${STOP_TIMEOUT}s: KILL"
        kill -KILL "$pid" 2>/dev/null || true
        while alive "$pid"; do sleep 0.1; done
      fi
    fi
    rm -f "$(pid_file "$d")"
  done
}

# --- Ceph tools --------------------------------------------------------------------------------

# Every tool gets our config file and cluster name, so none reads /etc/ceph; `timeout` because a
# client that cannot reach the monitor otherwise retries for ever.
ceph_cli() { timeout 30 ceph --cluster "$CLUSTER" -c "$CONF" --connect-timeout 20 "$@"; }
rgw_admin() { timeout 60 radosgw-admin --cluster "$CLUSTER" -c "$CONF" "$@"; }

install_if_missing() {
  local missing=() tool
  for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool ceph-authtool; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) && return 0
  log "installing Ceph (missing: ${missing[*]}); about 22 s"
  ((EUID == 0)) || die "Ceph is not installed and installing it needs root (apt-get)"
  command -v apt-get >/dev/null || die "Ceph is not installed and there is no apt-get"
  # The note: these four packages without recommends are enough (64 packages, 269 MB).
  DEBIAN_FRONTEND=noninteractive apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    ceph-mon ceph-osd radosgw ceph-common >&2
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null || die "$tool still missing after apt-get install"
  done
}

write_conf() {
  local fsid=$1 mon_port=$((PORT + 1)) d=$STATE_DIR
  cat >"$CONF" <<EOF
# Generated by infra/local/radosgw.sh; facts from shared/notes/real-s3.md. Wiped on a fresh start.
[global]
fsid = $fsid
mon_initial_members = a
# msgr v2 only, on RADOSGW_PORT+1: each state directory has its own monitor port, so two
# clusters with different RADOSGW_PORTs coexist (OSDs pick free ports by themselves).
mon_host = v2:127.0.0.1:$mon_port
ms_bind_msgr1 = false
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1

# No authentication: a throwaway local cluster. The note: with auth none the clients must also
# use ms_mon_client_mode = crc (see [client]), else radosgw hangs on the monitor handshake.
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
keyring = $d/keyring

# One OSD on one host (the note): pools of size 1, which Pacific refuses unless allowed, and a
# CRUSH rule that spreads copies over OSDs (type 0) rather than hosts, of which there is one.
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_crush_chooseleaf_type = 0
# radosgw creates six or seven pools (more as features are used); at Pacific's default of 32
# placement groups each they come near mon_max_pg_per_osd (250) on the lone OSD, and pool
# creation then fails. There is no manager (the note: not needed), so no autoscaler either.
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_warn_on_pool_no_redundancy = false

# Every path under the state directory: nothing in /var/lib/ceph, /var/log/ceph, /var/run/ceph.
run_dir = $d/run
log_file = $d/log/\$name.log
mon_cluster_log_file = $d/log/cluster.log
crash_dir = $d/crash
admin_socket = $d/run/\$name.asok
log_to_stderr = false
err_to_stderr = true

[mon.a]
mon_data = $d/mon.a

[osd.0]
osd_data = $d/osd.0
# The note: Pacific radosgw needs a RADOS cluster (no dbstore); memstore keeps the objects in
# the OSD's memory (up to memstore_device_bytes), nothing on disk to clean up.
osd_objectstore = memstore
memstore_device_bytes = 1073741824

[client]
# The note: the default "secure" mode fails (EACCES) against auth none, and radosgw hangs.
ms_mon_client_mode = crc
admin_socket =

[client.rgw]
# The note: without tcp_nodelay small GETs take about 45 ms (Nagle + delayed ACK).
rgw_frontends = beast endpoint=127.0.0.1:$PORT tcp_nodelay=1
rgw_data = $d/rgw
admin_socket = $d/run/client.rgw.asok
EOF
}

# A fresh start empties the state directory: only one that is empty or that this script made.
check_state_dir_wipeable() {
  if [[ ! -f $MARKER ]] && [[ -n $(ls -A "$STATE_DIR") ]]; then
    die "$STATE_DIR is not empty and was not made by this script; refusing to wipe it (set RADOSGW_DIR)"
  fi
}

wipe_state_dir() {
  check_state_dir_wipeable
  find "$STATE_DIR" -mindepth 1 -maxdepth 1 -exec rm -rf -- {} +
  mkdir -p "$STATE_DIR"/{run,log,crash,rgw,mon.a,osd.0}
  : >"$MARKER"
}

# Prints the last lines of every daemon log (on failure).
show_logs() {
  local f
  for f in "$STATE_DIR"/log/*; do
    [[ -s $f ]] || continue
    printf '\n==> %s (last 20 lines) <==\n' "$f" >&2
    tail -n 20 "$f" >&2
  done
}

# Waits until "$@" succeeds, while daemon $1 lives and the start deadline is not past.
wait_for() {
  local daemon=$1 what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    daemon_pid "$daemon" >/dev/null || fail_start "$daemon exited while waiting for $what"
    ((SECONDS < DEADLINE)) || fail_start "timed out after ${START_TIMEOUT}s waiting for $what"
    sleep 0.5
  done
}

fail_start() {
  log "error: $*"
  exit 1
}

# On any failure of a start (an explicit fail_start or a command failing under set -e): show
# the logs and stop what was started, so that no half cluster is left behind.
on_start_exit() {
  local rc=$?
  ((rc != 0)) || return 0
  trap - EXIT
  show_logs
  log "start failed; stopping what was started (logs stay in $STATE_DIR/log until the next start)"
  stop_daemons
  exit "$rc"
}

osd_is_up() { ceph_cli osd dump 2>/dev/null | grep -q '^osd\.0 up'; }

create_cluster() {
  local fsid osd_uuid
  fsid=$(</proc/sys/kernel/random/uuid)
  osd_uuid=$(</proc/sys/kernel/random/uuid)
  wipe_state_dir
  write_conf "$fsid"
  DEADLINE=$((SECONDS + START_TIMEOUT))

  log "creating monitor (v2:127.0.0.1:$((PORT + 1)))"
  # Auth is off, but ceph-mon --mkfs still wants a keyring with the monitor's key.
  ceph-authtool --create-keyring "$STATE_DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >&2
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$((PORT + 1))]" \
    "$STATE_DIR/monmap" >&2
  ceph-mon --cluster "$CLUSTER" -c "$CONF" --mkfs -i a --monmap "$STATE_DIR/monmap" \
    --keyring "$STATE_DIR/keyring" >&2
  spawn mon ceph-mon --cluster "$CLUSTER" -c "$CONF" -f -i a
  wait_for mon "the monitor" ceph_cli mon stat

  log "creating OSD (memstore)"
  ceph_cli osd new "$osd_uuid" >/dev/null || fail_start "ceph osd new failed"
  ceph-osd --cluster "$CLUSTER" -c "$CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" \
    >>"$STATE_DIR/log/osd-mkfs.out" 2>&1 || fail_start "ceph-osd --mkfs failed"
  spawn osd ceph-osd --cluster "$CLUSTER" -c "$CONF" -f -i 0
  wait_for osd "the OSD to be up" osd_is_up

  log "starting radosgw (http://127.0.0.1:$PORT)"
  spawn rgw radosgw --cluster "$CLUSTER" -c "$CONF" -f -n client.rgw
  wait_for rgw "radosgw to answer HTTP on 127.0.0.1:$PORT" http_answers
}

# Makes sure the S3 user exists and has our key pair (a no-op when it already has).
ensure_user() {
  local info
  if info=$(rgw_admin user info --uid="$RGW_USER" 2>/dev/null); then
    # radosgw-admin prints each key as "user", "access_key", "secret_key" lines, in that order:
    # the line after our access key must carry our secret (the user may have other keys).
    if grep -A1 -F "\"access_key\": \"$ACCESS_KEY\"" <<<"$info" |
      grep -qF "\"secret_key\": \"$SECRET_KEY\""; then
      return 0
    fi
    log "adding key $ACCESS_KEY to user $RGW_USER"
    rgw_admin key create --uid="$RGW_USER" --key-type=s3 \
      --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null
  else
    log "creating S3 user $RGW_USER"
    rgw_admin user create --uid="$RGW_USER" --display-name="news-timeline local tests" \
      --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null
  fi
}

env_lines() {
  printf 'S3_ENDPOINT=http://127.0.0.1:%s\n' "$PORT"
  printf 'AWS_ACCESS_KEY_ID=%s\n' "$ACCESS_KEY"
  printf 'AWS_SECRET_ACCESS_KEY=%s\n' "$SECRET_KEY"
  printf 'AWS_REGION=us-east-1\n'
}

write_env() {
  env_lines >"$ENV_FILE.tmp"
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
}

# One start or stop at a time per state directory: a lock on the directory itself (its contents
# are wiped on a fresh start, the directory is kept).
lock_state_dir() {
  mkdir -p "$STATE_DIR"
  exec 9<"$STATE_DIR"
  flock -w 300 9 || die "another radosgw.sh holds $STATE_DIR for more than 300 s"
}

# --- commands ----------------------------------------------------------------------------------

cmd_start() {
  lock_state_dir
  if all_running && http_answers; then
    log "already running in $STATE_DIR"
    # Cheap (radosgw-admin answers in about 0.05 s) and covers a change of RADOSGW_*_KEY.
    ensure_user
    write_env
    cat "$ENV_FILE"
    return 0
  fi
  # Half a cluster (a daemon died, or a port changed): stop what is left, start afresh.
  check_state_dir_wipeable
  stop_daemons
  # A busy port would only show as a monitor retrying its bind for 15 s, or radosgw never
  # answering: say so at once.
  local port
  for port in "$PORT" "$((PORT + 1))"; do
    ! port_in_use "$port" || die "127.0.0.1:$port is in use (radosgw takes RADOSGW_PORT, the monitor RADOSGW_PORT+1)"
  done
  install_if_missing
  trap on_start_exit EXIT
  local t0=$SECONDS
  log "creating a fresh cluster in $STATE_DIR"
  create_cluster
  ensure_user || fail_start "could not create the S3 user"
  write_env
  trap - EXIT
  log "ready in $((SECONDS - t0)) s"
  cat "$ENV_FILE"
}

cmd_stop() {
  [[ -d $STATE_DIR ]] || return 0
  lock_state_dir
  stop_daemons
  log "stopped"
}

cmd_status() {
  if all_running && http_answers && [[ -f $ENV_FILE ]]; then
    cat "$ENV_FILE"
    return 0
  fi
  log "not running (or not answering on 127.0.0.1:$PORT)"
  return 1
}

main() {
  if (($# != 1)); then
    usage
    exit 2
  fi
  validate_settings
  CONF=$STATE_DIR/ceph.conf MARKER=$STATE_DIR/.news-timeline-radosgw ENV_FILE=$STATE_DIR/env
  case $1 in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
