#!/usr/bin/env bash
# The platform archives Tycho builds hold what their platform needs (only Linux can be run on
# these machines, so the others are checked by content): for linux x86_64, macOS aarch64 and
# Windows x86_64 each, a launcher (bash `carnot`; `carnot.cmd` on Windows), the libtorch CPU
# natives of that platform in its ai.djl.pytorch.native.cpu.* bundle, DJL's JNI library for it,
# the SWT fragment for it, Equinox's launcher jar, a configuration, a p2 profile, the completion
# script and man pages; and none of the
# other platforms' natives.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "platform archives"
products="$root/product/target/products"
# platform, archive suffix, bash launcher wanted, natives bundle, libtorch file, JNI path, SWT fragment
platforms=(
  "linux|linux.gtk.x86_64.tar.gz|carnot|ai.djl.pytorch.native.cpu.linux.x86_64|pytorch/cpu/linux-x86_64/libtorch_cpu.so|jnilib/linux-x86_64/cpu/libdjl_torch.so|org.eclipse.swt.gtk.linux.x86_64"
  "macos|macosx.cocoa.aarch64.tar.gz|carnot|ai.djl.pytorch.native.cpu.macosx.aarch64|pytorch/cpu/osx-aarch64/libtorch_cpu.dylib|jnilib/osx-aarch64/cpu/libdjl_torch.dylib|org.eclipse.swt.cocoa.macosx.aarch64"
  "windows|win32.win32.x86_64.zip|carnot.cmd|ai.djl.pytorch.native.cpu.win32.x86_64|pytorch/cpu/win-x86_64/torch_cpu.dll|jnilib/win-x86_64/cpu/djl_torch.dll|org.eclipse.swt.win32.win32.x86_64"
)
for entry in "${platforms[@]}"; do
  IFS='|' read -r name suffix launcher natives libtorch jni swt <<<"$entry"
  archive=$(ls "$products"/carnot-*-"$suffix" 2>/dev/null | head -1)
  if [[ ! -f $archive ]]; then fail "$name: an archive carnot-*-$suffix"; continue; fi
  dir="$work/$name"; mkdir -p "$dir"
  case "$archive" in *.zip) unzip -q "$archive" -d "$dir" ;; *) tar -xzf "$archive" -C "$dir" 2>/dev/null ;; esac
  home=$(dirname "$(find "$dir" -path '*/plugins/org.eclipse.equinox.launcher_*.jar' | head -1)")/..
  home=$(cd "$home" 2>/dev/null && pwd)
  if [[ -z $home ]]; then fail "$name: an Equinox launcher jar in $(basename "$archive")"; continue; fi
  check "$name: $(basename "$archive") has the launcher $launcher" test -f "$home/$launcher"
  [[ $launcher == carnot ]] && check "$name: the launcher is executable" test -x "$home/carnot"
  check "$name: a configuration and a p2 profile" bash -c \
    "test -f '$home/configuration/config.ini' && ls '$home'/p2/org.eclipse.equinox.p2.engine/profileRegistry/*.profile >/dev/null"
  check "$name: libtorch's CPU natives ($libtorch in $natives)" bash -c \
    "jar=\$(ls '$home'/plugins/${natives}_*.jar) && unzip -l \"\$jar\" | grep -q '$libtorch'"
  check "$name: DJL's JNI library for it ($jni)" bash -c \
    "unzip -l '$home'/plugins/ai.djl.pytorch.jni_*.jar | grep -q '$jni'"
  check "$name: the SWT fragment $swt" bash -c "ls '$home'/plugins/${swt}_*.jar >/dev/null"
  check "$name: the shell completion script and the man pages" bash -c \
    "test -s '$home/completion/carnot.bash' && test -s '$home/man/man1/carnot.1' && test -s '$home/man/man1/carnot-install.1'"
  check "$name: no other platform's libtorch natives" bash -c \
    "[[ \$(ls '$home'/plugins/ai.djl.pytorch.native.cpu.*.jar | wc -l) == 1 ]]"
done
summary
