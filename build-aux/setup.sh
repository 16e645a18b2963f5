#!/usr/bin/env bash
# build-aux/setup.sh — installs what Pactline needs on Debian 12 and configures a build
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by build-aux/run and build-aux/test. Installs only what is missing,
# so a second run is quick and offline.

set -euo pipefail

PACKAGES=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev
  desktop-file-utils appstream
  xvfb xauth dbus imagemagick xdotool at-spi2-core python3-pyatspi
)

pactline_install_dependencies () {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

# pactline_configure BUILDDIR [meson options…]
pactline_configure () {
  local builddir=$1
  shift
  if [ -f "$builddir/build.ninja" ]; then
    meson configure "$builddir" "$@" >/dev/null
  else
    meson setup "$builddir" "$@"
  fi
}
