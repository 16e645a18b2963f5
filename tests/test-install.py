#!/usr/bin/python3
# test-install.py — `meson install` into a temporary directory gives a working app
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build with --destdir, checks that every file lands where
# desktops, software centres and GLib look for it under one application id,
# then runs the installed binary on its installed dataset: on the command
# line, and as a window under an X server of its own (run-ui-test). Prints
# TAP.
#
#   test-install.py BUILD_ROOT SOURCE_ROOT APP_ID MESON RUN_UI_TEST
#   test-install.py --window PREFIX APP_ID   (run by the above under X)

import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

BUNDLED = "russia-iran-2025.sqlite"
SCREENSHOT_URL = "https://raw.githubusercontent.com/pactline/pactline/main/data/screenshots/"

results = []


def report(ok, name, why=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}", flush=True)
    for line in why.splitlines():
        print(f"# {line}", flush=True)


def skip(name, why):
    results.append(True)
    print(f"ok {len(results)} - {name} # SKIP {why}", flush=True)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run_check(name, function, *args):
    try:
        function(*args)
    except Failure as failure:
        report(False, name, str(failure))
        return False
    except (OSError, subprocess.SubprocessError, ET.ParseError, sqlite3.Error) as error:
        report(False, name, f"{type(error).__name__}: {error}")
        return False
    report(True, name)
    return True


def find_prefix(destdir):
    """The installed prefix inside destdir: where bin/pactline is."""
    for root, dirs, files in os.walk(destdir):
        if os.path.basename(root) == "bin" and "pactline" in files:
            return os.path.dirname(root)
    raise Failure(f"no bin/pactline under {destdir}")


def clean_env(home):
    """The environment of a user's session: nothing pointing at the build tree."""
    env = dict(os.environ)
    for name in ("PACTLINE_DATASET_DIR", "GSETTINGS_SCHEMA_DIR", "PACTLINE_BUNDLED_JSON", "PACTLINE"):
        env.pop(name, None)
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_CACHE_HOME"] = os.path.join(home, "cache")
    env["GSETTINGS_BACKEND"] = "memory"
    return env


def dataset_title(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        row = db.execute("SELECT value FROM dataset WHERE key = 'title'").fetchone()
    check(row is not None and row[0], f"{path} has no title")
    return row[0]


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    check(header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


# ---- checks on the installed tree ----------------------------------------

def check_files(prefix, app_id):
    share = os.path.join(prefix, "share")
    expected = [
        os.path.join(prefix, "bin", "pactline"),
        os.path.join(share, "applications", app_id + ".desktop"),
        os.path.join(share, "metainfo", app_id + ".metainfo.xml"),
        os.path.join(share, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        os.path.join(share, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
        os.path.join(share, "glib-2.0", "schemas", app_id + ".gschema.xml"),
        os.path.join(share, "pactline", "datasets", BUNDLED),
    ]
    missing = [path for path in expected if not os.path.isfile(path)]
    check(not missing, "not installed: " + ", ".join(missing))
    check(os.access(expected[0], os.X_OK), "bin/pactline is not executable")


def desktop_entry(path):
    entry = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if "=" in line and not line.startswith("#") and not line.startswith("["):
                key, value = line.split("=", 1)
                entry[key] = value
    return entry


def check_one_app_id(prefix, app_id):
    share = os.path.join(prefix, "share")
    entry = desktop_entry(os.path.join(share, "applications", app_id + ".desktop"))
    check(entry.get("Icon") == app_id, f"desktop file Icon={entry.get('Icon')}, not {app_id}")
    check(entry.get("Exec", "").split()[0] == "pactline", f"desktop file Exec={entry.get('Exec')}")

    component = ET.parse(os.path.join(share, "metainfo", app_id + ".metainfo.xml")).getroot()
    check(component.findtext("id") == app_id, f"metainfo <id> is {component.findtext('id')}")
    launchable = component.find("launchable[@type='desktop-id']")
    check(launchable is not None and launchable.text == app_id + ".desktop",
          "metainfo launchable does not name the desktop file")
    check(component.findtext("provides/binary") == "pactline", "metainfo does not provide the binary")

    schema = ET.parse(os.path.join(share, "glib-2.0", "schemas", app_id + ".gschema.xml")).getroot()
    ids = [s.get("id") for s in schema.findall("schema")]
    check(app_id in ids, f"no schema with the id {app_id} (ids: {ids})")

    for icon in ("scalable/apps/" + app_id + ".svg", "symbolic/apps/" + app_id + "-symbolic.svg"):
        check(os.path.isfile(os.path.join(share, "icons", "hicolor", icon)), f"no icon {icon}")


def svg_size(path):
    root = ET.parse(path).getroot()
    return root.get("width"), root.get("height"), root.get("viewBox")


def check_icons(prefix, app_id):
    apps = os.path.join(prefix, "share", "icons", "hicolor")
    scalable = os.path.join(apps, "scalable", "apps", app_id + ".svg")
    symbolic = os.path.join(apps, "symbolic", "apps", app_id + "-symbolic.svg")
    check(svg_size(scalable) == ("128", "128", "0 0 128 128"), f"{scalable} is not a 128×128 canvas")
    check(svg_size(symbolic) == ("16", "16", "0 0 16 16"), f"{symbolic} is not a 16×16 canvas")
    # A symbolic icon is recoloured by the theme: one colour, no gradients.
    with open(symbolic, encoding="utf-8") as f:
        text = f.read()
    colours = set(c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", text))
    check(colours == {"#2e3436"}, f"symbolic icon colours: {sorted(colours)}")
    check("Gradient" not in text, "symbolic icon has a gradient")


def check_screenshots(prefix, source_root, app_id):
    component = ET.parse(os.path.join(prefix, "share", "metainfo", app_id + ".metainfo.xml")).getroot()
    images = component.findall("screenshots/screenshot/image")
    check(images, "metainfo has no screenshots")
    for image in images:
        url = image.text.strip()
        check(url.startswith(SCREENSHOT_URL), f"{url} is not under {SCREENSHOT_URL}")
        path = os.path.join(source_root, "data", "screenshots", url[len(SCREENSHOT_URL):])
        check(os.path.isfile(path), f"{url}: no {path}")
        width, height = png_size(path)
        check(width <= 1000 and height <= 700, f"{path} is {width}×{height}, larger than 1000×700")
        check((image.get("width"), image.get("height")) == (str(width), str(height)),
              f"{url}: metainfo says {image.get('width')}×{image.get('height')}, the file is {width}×{height}")
    for screenshot in component.findall("screenshots/screenshot"):
        check(screenshot.findtext("caption"), "a screenshot has no caption")


def compile_schemas(prefix):
    schemas = os.path.join(prefix, "share", "glib-2.0", "schemas")
    # A DESTDIR install leaves compiling to the packager, as meson does.
    subprocess.run(["glib-compile-schemas", "--strict", schemas], check=True,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    check(os.path.isfile(os.path.join(schemas, "gschemas.compiled")), "gschemas.compiled was not written")


def check_summary(prefix, home):
    """The installed binary finds its installed dataset by itself."""
    dataset = os.path.join(prefix, "share", "pactline", "datasets", BUNDLED)
    run = subprocess.run([os.path.join(prefix, "bin", "pactline"), "--summary"], env=clean_env(home),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    check(run.returncode == 0, f"pactline --summary exited with {run.returncode}: {run.stderr}")
    lines = run.stdout.splitlines()
    check(lines and lines[0] == dataset_title(dataset), f"unexpected summary: {run.stdout}")
    check(f"({os.path.realpath(dataset)})" in run.stdout or f"({dataset})" in run.stdout,
          f"the summary is not of the installed dataset {dataset}:\n{run.stdout}")


# ---- the window, run under run-ui-test ------------------------------------

def window_ids(name):
    run = subprocess.run(["xdotool", "search", "--name", name], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    return run.stdout.split()


def bus_has_owner(name):
    run = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus",
                          "--method", "org.freedesktop.DBus.NameHasOwner", name],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=20)
    return run.stdout.strip() == "(true,)"


def open_files(pid):
    files = []
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            files.append(os.readlink(os.path.join(fd_dir, fd)))
        except OSError:
            pass
    return files


def window_main(prefix, app_id):
    """Starts the installed app with no argument; exits 0 when its window
    shows the installed dataset under the application id."""
    home = tempfile.mkdtemp(prefix="pactline-install-home-")
    dataset = os.path.realpath(os.path.join(prefix, "share", "pactline", "datasets", BUNDLED))
    title = f"{dataset_title(dataset)} — Pactline"
    env = clean_env(home)
    env["GSETTINGS_SCHEMA_DIR"] = os.path.join(prefix, "share", "glib-2.0", "schemas")
    env["XDG_DATA_DIRS"] = os.path.join(prefix, "share") + ":" + env.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    app = subprocess.Popen([os.path.join(prefix, "bin", "pactline")], env=env)
    problems = []
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not window_ids(f"^{re.escape(title)}$"):
            if app.poll() is not None:
                break
            time.sleep(0.2)
        if not window_ids(f"^{re.escape(title)}$"):
            problems.append(f"no window titled “{title}” within 20 s (exit status {app.poll()})")
        elif dataset not in [os.path.realpath(f) for f in open_files(app.pid)]:
            problems.append(f"the window does not have {dataset} open: {open_files(app.pid)}")
        if app.poll() is None and not bus_has_owner(app_id):
            problems.append(f"the application does not own the bus name {app_id}")
    finally:
        if app.poll() is None:
            subprocess.run(["gdbus", "call", "--session", "--dest", app_id,
                            "--object-path", "/" + app_id.replace(".", "/"),
                            "--method", "org.gtk.Actions.Activate", "quit", "[]", "{}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
            try:
                status = app.wait(timeout=20)
                if status != 0 and not problems:
                    problems.append(f"app.quit ended the app with status {status}")
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
                problems.append("app.quit did not end the app")
        shutil.rmtree(home, ignore_errors=True)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def check_window(prefix, app_id, run_ui_test):
    run = subprocess.run([run_ui_test, sys.executable, os.path.abspath(__file__), "--window", prefix, app_id],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    problems = [line for line in run.stderr.splitlines() if not line.startswith(("dbus-daemon", "SpiRegistry"))]
    check(run.returncode == 0, "\n".join(problems[-20:]) or f"exit status {run.returncode}")


def main(build_root, source_root, app_id, meson, run_ui_test):
    print("1..8", flush=True)
    destdir = tempfile.mkdtemp(prefix="pactline-install-")
    home = tempfile.mkdtemp(prefix="pactline-install-home-")
    try:
        run = subprocess.run([meson, "install", "-C", build_root, "--destdir", destdir, "--no-rebuild"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        report(run.returncode == 0, "meson install --destdir", "" if run.returncode == 0 else run.stdout[-3000:])
        try:
            prefix = find_prefix(destdir)
        except Failure as failure:
            prefix = None
            why = str(failure)
        if prefix is None or run.returncode != 0:
            for name in ("files", "app id", "icons", "screenshots", "schemas", "summary", "window"):
                report(False, name, why if prefix is None else "not installed")
            return 1

        run_check("every file in its place", check_files, prefix, app_id)
        run_check(f"desktop file, metainfo, schema and icons are all {app_id}", check_one_app_id, prefix, app_id)
        run_check("a 128×128 app icon and a one-colour 16×16 symbolic icon", check_icons, prefix, app_id)
        run_check("screenshots in the tree, at most 1000×700", check_screenshots, prefix, source_root, app_id)
        schemas_ok = run_check("installed schemas compile strictly", compile_schemas, prefix)
        run_check("installed binary summarizes its installed dataset", check_summary, prefix, home)
        if os.environ.get("PACTLINE_SKIP_UI_TESTS"):
            skip("installed app opens a window", "PACTLINE_SKIP_UI_TESTS is set (no X server here)")
        elif not schemas_ok:
            report(False, "installed app opens a window", "the schemas did not compile")
        else:
            run_check("installed app opens its installed dataset in a window", check_window,
                      prefix, app_id, run_ui_test)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--window":
        sys.exit(window_main(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 6:
        print(__doc__ or "usage: test-install.py BUILD_ROOT SOURCE_ROOT APP_ID MESON RUN_UI_TEST", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
