#!/usr/bin/python3
# test-translations.py — the real app in Russian and in Persian, read through the AT-SPI tree
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the pactline binary twice under Xvfb, with LANGUAGE=ru in
# ru_RU.UTF-8 and with LANGUAGE=fa in fa_IR.UTF-8, and checks what a user
# sees: the view switcher's titles and the header buttons' tooltips come
# from the catalogues built into PACTLINE_LOCALEDIR, the timeline's dates
# are written for the locale, and Persian mirrors the window — the view
# switcher runs right to left, the filter button moves to the right-hand
# end of the header bar, and the timeline starts at its right edge. The
# expected strings are read from the same catalogues with Python's gettext,
# so a missing or unused .mo fails; each must also differ from the English.
# Prints TAP.

import gettext
import json
import os
import subprocess
import sys
import time

# Warnings are fatal for the app under test, not for this client: the
# AT-SPI library warns while its cache fills.
APP_DEBUG = os.environ.pop("G_DEBUG", "")

import pyatspi  # noqa: E402  (after the environment is set)

LANGUAGES = [
    # language, locale, right to left, the first event's year as the locale writes it
    ("ru", "ru_RU.UTF-8", False, "1801"),
    ("fa", "fa_IR.UTF-8", True, "۱۸۰۱"),
]
VIEW_TITLES = ["_Timeline", "_Actors", "_Provisions", "_Quotes", "_Notes"]

bundled = json.load(open(os.environ["PACTLINE_BUNDLED_JSON"], encoding="utf-8"))
first_event = min(bundled["events"], key=lambda e: e["start"])


def wait_for(predicate, timeout=40.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == "pactline":
            return app
    return None


def extents(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def showing(node):
    x, y, width, height = extents(node)
    return width > 0 and height > 0


def launch(language, locale):
    env = dict(os.environ, LANGUAGE=language, LANG=locale, LC_ALL=locale,
               GSETTINGS_BACKEND="memory", G_DEBUG=APP_DEBUG)
    return subprocess.Popen([os.environ["PACTLINE"]], env=env)


def start(language, locale):
    # A fresh X server can refuse the very first client for a moment.
    proc = launch(language, locale)
    for _ in range(3):
        app = wait_for(lambda: find_app() if proc.poll() is None else "exited")
        if app not in (None, "exited"):
            return proc, app
        if app is None:
            break
        print("# pactline exited with status %d at start; starting it again" % proc.returncode)
        time.sleep(1.0)
        proc = launch(language, locale)
    return proc, None


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


results = []


def record(name, function):
    try:
        function()
        results.append((name, None))
    except Exception as error:  # a failed check, or the tree not being there
        results.append((name, "%s: %s" % (type(error).__name__, error)))


def translated(catalogue, msgid):
    text = catalogue.gettext(msgid)
    assert text != msgid, "%r is not translated in the catalogue" % msgid
    return text


for language, locale, rtl, first_year in LANGUAGES:
    state = {}

    def catalogue_is_built():
        state["catalogue"] = gettext.translation("pactline", localedir=os.environ["PACTLINE_LOCALEDIR"],
                                                 languages=[language])

    record("%s: the catalogue is built into PACTLINE_LOCALEDIR" % language, catalogue_is_built)
    catalogue = state.get("catalogue")
    proc, app = start(language, locale)

    def app_starts():
        assert catalogue is not None, "no catalogue to compare with"
        assert app is not None, "pactline never appeared on the accessibility bus (status %r)" % proc.poll()
        suffix = catalogue.gettext("%s — Pactline") % ""
        frames = wait_for(lambda: [n for n in walk(app)
                                   if n.getRole() == pyatspi.ROLE_FRAME and n.name.endswith(suffix)])
        assert frames, "no window titled “… %s”" % suffix
        state["frame"] = frames[0]

    def view_switcher_is_translated():
        assert "frame" in state, "no window"
        tabs = {}
        for msgid in VIEW_TITLES:
            title = translated(catalogue, msgid).replace("_", "")
            found = wait_for(lambda: [n for n in walk(state["frame"])
                                      if n.getRole() == pyatspi.ROLE_PAGE_TAB and n.name == title and showing(n)])
            assert found, "no view switcher tab named %r; tabs: %r" % (
                title, [n.name for n in walk(state["frame"]) if n.getRole() == pyatspi.ROLE_PAGE_TAB])
            tabs[msgid] = found[0]
        english = [n.name for n in walk(state["frame"])
                   if n.getRole() == pyatspi.ROLE_PAGE_TAB and n.name in ("Timeline", "Actors", "Quotes")]
        assert not english, "English view titles left: %r" % english
        state["tabs"] = tabs

    def header_buttons_are_translated():
        assert "frame" in state, "no window"
        buttons = {}
        for msgid in ("Show Filters", "Main Menu", "Open Dataset…"):
            tooltip = translated(catalogue, msgid)
            found = [n for n in walk(state["frame"])
                     if n.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
                     and tooltip in (n.name, n.description) and showing(n)]
            assert found, "no header button described as %r" % tooltip
            buttons[msgid] = found[0]
        state["buttons"] = buttons

    def dates_follow_the_locale():
        assert "frame" in state, "no window"
        expected = catalogue.gettext("%s: %s") % (first_year, first_event["title"])
        found = wait_for(lambda: [n for n in walk(state["frame"])
                                  if n.getRole() == pyatspi.ROLE_PUSH_BUTTON and n.name == expected])
        assert found, "no timeline event named %r" % expected
        state["first_event"] = found[0]

    def layout_direction():
        assert "tabs" in state and "buttons" in state and "first_event" in state, "nothing to measure"
        first_tab = extents(state["tabs"]["_Timeline"])[0]
        last_tab = extents(state["tabs"]["_Notes"])[0]
        filters = extents(state["buttons"]["Show Filters"])[0]
        menu = extents(state["buttons"]["Main Menu"])[0]
        timelines = [n for n in walk(state["frame"])
                     if n.getRole() == pyatspi.ROLE_PANEL and n.name == translated(catalogue, "Timeline")]
        assert timelines, "the timeline has no translated accessible name"
        tx, ty, twidth, theight = extents(timelines[0])
        ex, ey, ewidth, eheight = extents(state["first_event"])
        # The earliest event sits at the start of time: the left edge in
        # left-to-right, the right edge in right-to-left.
        at_right = ex + ewidth / 2 > tx + twidth / 2
        if rtl:
            assert first_tab > last_tab, "the view switcher is not mirrored (%d, %d)" % (first_tab, last_tab)
            assert filters > menu, "the header bar is not mirrored (%d, %d)" % (filters, menu)
            assert at_right, "time does not run from the right (%d in %d+%d)" % (ex, tx, twidth)
        else:
            assert first_tab < last_tab, "the view switcher is mirrored (%d, %d)" % (first_tab, last_tab)
            assert filters < menu, "the header bar is mirrored (%d, %d)" % (filters, menu)
            assert not at_right, "time does not run from the left (%d in %d+%d)" % (ex, tx, twidth)

    record("%s: the window opens" % language, app_starts)
    record("%s: the view switcher's titles are translated" % language, view_switcher_is_translated)
    record("%s: the header buttons' tooltips are translated" % language, header_buttons_are_translated)
    record("%s: the timeline writes dates for the locale" % language, dates_follow_the_locale)
    record("%s: the layout runs %s" % (language, "right to left" if rtl else "left to right"), layout_direction)
    stop(proc)

print("1..%d" % len(results))
for number, (name, error) in enumerate(results, 1):
    if error is None:
        print("ok %d - %s" % (number, name))
    else:
        print("not ok %d - %s" % (number, name))
        print("# %s" % error)
sys.exit(1 if any(error for _, error in results) else 0)
