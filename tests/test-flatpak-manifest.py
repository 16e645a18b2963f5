#!/usr/bin/python3
# test-flatpak-manifest.py — the Flatpak manifest parses, builds this tree and asks for no more than it needs
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-flatpak-manifest.py MANIFEST README APP_ID SOURCE_ROOT
#
# Prints TAP.

import json
import os
import re
import sys

FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
# Whole-filesystem access, X11 without Wayland, the network, every device:
# files come through the portals, and nothing here needs the rest.
FORBIDDEN = ("--filesystem", "--socket=x11", "--share=network", "--device=all")
# The build directories the project's own commands make (README, build-aux/).
REQUIRED_SKIPS = {".flatpak-builder", "_build", "_build-sanitize"}

results = []


def report(ok, name, why=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}", flush=True)
    for line in (why.splitlines() if not ok else []):
        print(f"# {line}", flush=True)


def strings(node, path="$"):
    """Every string in the manifest, with where it is."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from strings(child, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from strings(child, f"{path}.{key}")


def readme_runtime(readme):
    """The runtime version the README's Flatpak section tells people to install."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    section = re.search(r"^## Flatpak\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if section is None:
        return None, "README has no “## Flatpak” section"
    platforms = set(re.findall(r"org\.gnome\.Platform//(\d+)", section.group(1)))
    sdks = set(re.findall(r"org\.gnome\.Sdk//(\d+)", section.group(1)))
    if len(platforms) != 1 or platforms != sdks:
        return None, f"README names org.gnome.Platform//{sorted(platforms)} and org.gnome.Sdk//{sorted(sdks)}"
    return platforms.pop(), ""


def main(manifest_path, readme, app_id, source_root):
    print("1..8", flush=True)
    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as error:
        report(False, "the manifest parses", str(error))
        return 1
    report(isinstance(manifest, dict), "the manifest parses")

    report(manifest.get("id") == app_id and os.path.basename(manifest_path) == app_id + ".json",
           f"id and file name are {app_id}", f"id: {manifest.get('id')}, file: {os.path.basename(manifest_path)}")
    report(manifest.get("command") == "pactline", "command is pactline", f"command: {manifest.get('command')}")

    version, why = readme_runtime(readme)
    report(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk"
           and version is not None and manifest.get("runtime-version") == version,
           "the GNOME runtime and SDK, at the version the README states",
           why or f"runtime {manifest.get('runtime')}//{manifest.get('runtime-version')}, "
                  f"sdk {manifest.get('sdk')}, README {version}")

    finish_args = manifest.get("finish-args")
    report(isinstance(finish_args, list) and sorted(finish_args) == sorted(FINISH_ARGS)
           and len(finish_args) == len(FINISH_ARGS),
           "finish-args are exactly " + " ".join(FINISH_ARGS), f"finish-args: {finish_args}")

    bad = [f"{where}: {value}" for where, value in strings(manifest)
           if value.startswith(FORBIDDEN)]
    report(not bad, "no filesystem, x11, network or all-device access anywhere", "\n".join(bad))

    modules = manifest.get("modules", [])
    app_module = next((m for m in modules if isinstance(m, dict) and m.get("name") == "pactline"), None)
    dirs = [s for s in (app_module or {}).get("sources", []) if s.get("type") == "dir"]
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    tree_ok = (len(dirs) == 1 and
               os.path.realpath(os.path.join(manifest_dir, dirs[0].get("path", ""))) == os.path.realpath(source_root))
    skips = set(dirs[0].get("skip", [])) if dirs else set()
    missing = REQUIRED_SKIPS - skips
    report(tree_ok and not missing and app_module.get("buildsystem") == "meson",
           "the pactline module builds this working tree with meson from a dir source, skipping build dirs",
           f"dir sources: {dirs}" + (f"\nnot skipped: {sorted(missing)}" if missing else ""))
    # Other build dirs only cost copying time; say so without failing.
    for name in sorted(os.listdir(source_root)):
        if name.startswith("_build") and os.path.isdir(os.path.join(source_root, name)) and name not in skips:
            print(f"# note: {name} is not in the manifest's skip list, so flatpak-builder copies it", flush=True)

    env = (app_module or {}).get("build-options", {}).get("env", {})
    report(app_module is not None and app_module.get("run-tests") is True and env.get("PACTLINE_SKIP_UI_TESTS"),
           "tests run during the build, the ones needing an X server skipped",
           f"run-tests: {(app_module or {}).get('run-tests')}, env: {env}")

    return 0 if all(results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print("usage: test-flatpak-manifest.py MANIFEST README APP_ID SOURCE_ROOT", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
