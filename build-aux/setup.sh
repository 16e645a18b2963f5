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
  desktop-file-utils appstream libglib2.0-bin libgtk-4-bin
  python3 xvfb xauth dbus imagemagick xdotool at-spi2-core python3-pyatspi
  poppler-utils
  locales libgtk-4-common
  # build-aux/fuzz: clang-14, and libFuzzer with the sanitizer runtimes
  clang-14 libclang-rt-14-dev
)

# The translation tests run the app in Russian and in Persian; gettext only
# translates in a locale that exists, and GTK takes Persian's right-to-left
# direction from its own catalogue (libgtk-4-common).
LOCALES=(ru_RU fa_IR)

pactline_install_locales () {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  for name in "${LOCALES[@]}"; do
    if ! locale -a 2>/dev/null | grep -qx "$name.utf8"; then
      echo "Generating the locale $name.UTF-8"
      "${sudo[@]}" localedef -i "$name" -f UTF-8 "$name.UTF-8"
    fi
  done
}

pactline_install_dependencies () {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    pactline_install_locales
    return 0
  fi

  echo "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  pactline_install_locales
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
