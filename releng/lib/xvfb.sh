# Sourced by the releng scripts that need an X display: one way to start Xvfb.
#   source "$root/releng/lib/xvfb.sh"
#   start_xvfb [WxHxD]   a fresh Xvfb on a display it picks itself (-displayfd, so parallel tests on
#                        one machine never collide); sets xvfb_display (":N") and xvfb_pid
#   stop_xvfb            stops it (call it from the script's EXIT trap)
start_xvfb() {
  local fd_file
  fd_file=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "${1:-1280x900x24}" -nolisten tcp 3>"$fd_file" >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [[ -s $fd_file ]] && break; sleep 0.1; done
  xvfb_display=":$(tr -d '[:space:]' <"$fd_file")"
  rm -f "$fd_file"
}
stop_xvfb() {
  [[ -n ${xvfb_pid:-} ]] && kill "$xvfb_pid" 2>/dev/null
  return 0
}
