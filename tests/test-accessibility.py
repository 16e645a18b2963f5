#!/usr/bin/python3
# test-accessibility.py — the real app under Xvfb, read through the AT-SPI tree as a screen reader would
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Launches the pactline binary on the bundled dataset, finds timeline events
# by role and name in the accessibility tree, drives the keyboard with real
# key presses (xdotool), and checks that the selected event's details are
# reachable too. Prints TAP.

import json
import os
import subprocess
import sys
import time

# Warnings are fatal for the app under test, not for this client: the
# AT-SPI library warns while its cache fills, which is no fault of ours.
APP_DEBUG = os.environ.pop("G_DEBUG", "")

import pyatspi  # noqa: E402  (after the environment is set)

tests = []


def test(function):
    tests.append(function)
    return function


def wait_for(predicate, timeout=40.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == "pactline":
            return app
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


def nodes(app, role=None):
    return [n for n in walk(app) if role is None or n.getRole() == role]


def names(app, role):
    return [n.name for n in nodes(app, role)]


def keys(*names):
    subprocess.run(["xdotool", "key", "--delay", "80", *names], check=True)
    time.sleep(0.8)


bundled = json.load(open(os.environ["PACTLINE_BUNDLED_JSON"], encoding="utf-8"))
events = bundled["events"]
def launch():
    return subprocess.Popen([os.environ["PACTLINE"]],
                            env=dict(os.environ, GSETTINGS_BACKEND="memory", G_DEBUG=APP_DEBUG))


# A fresh X server can refuse the very first client for a moment; an app
# that dies at once with "cannot open display" is started again, up to
# three times, and said so. One that fails every time fails the test.
proc = launch()
for attempt in range(2):
    app = wait_for(lambda: find_app() if proc.poll() is None else "exited")
    if app != "exited":
        break
    print("# pactline exited with status %d at start; starting it again" % proc.returncode)
    time.sleep(1.0)
    proc = launch()
else:
    app = wait_for(lambda: find_app() if proc.poll() is None else None)
if app == "exited":
    app = None
state = {}


@test
def app_is_reachable():
    if app is None and proc.poll() is not None:
        raise AssertionError("pactline exited with status %d before it appeared" % proc.returncode)
    assert app is not None, "pactline never appeared on the accessibility bus"
    frames = wait_for(lambda: [n for n in nodes(app, pyatspi.ROLE_FRAME) if "Pactline" in n.name])
    assert frames, "no window named Pactline"
    state["frame"] = frames[0]
    # Icon-only buttons are named by what they do, not by their image.
    buttons = set(names(app, pyatspi.ROLE_PUSH_BUTTON)) | set(names(app, pyatspi.ROLE_TOGGLE_BUTTON))
    for name in ("Open Dataset…", "Show Filters", "Show Details", "Zoom In", "Zoom Out", "Zoom to Fit"):
        assert name in buttons, "no button named %r among %r" % (name, sorted(buttons))
    assert "GtkImage" not in buttons, "a button is named after its image"


@test
def timeline_exposes_events():
    # At first the whole story is in view: the earliest event stands alone.
    def first_event():
        for name in names(app, pyatspi.ROLE_PUSH_BUTTON):
            if name.endswith(": " + events[0]["title"]):
                return name
        return None

    name = wait_for(first_event)
    assert name is not None, "the first event is not in the accessibility tree; buttons: %r" % names(app, pyatspi.ROLE_PUSH_BUTTON)[:40]
    assert name.startswith(events[0]["start"]), name
    clusters = [n for n in names(app, pyatspi.ROLE_PUSH_BUTTON) if " events, " in n]
    assert clusters, "dense years should be announced as groups of events"


@test
def keyboard_selects_and_opens():
    timelines = [n for n in nodes(app, pyatspi.ROLE_PANEL) if n.name == "Timeline"]
    assert timelines, "the timeline has no accessible name"
    # Put the pointer over the timeline so the X server sends it the keys.
    # GTK reports positions within the window, so the pointer moves there.
    component = timelines[0].queryComponent()
    x, y, width, height = component.getExtents(pyatspi.WINDOW_COORDS)
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Pactline"],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "mousemove", "--window", window,
                    str(x + width // 2), str(y + height // 2), "click", "1"], check=True)
    time.sleep(0.5)
    keys("Home", "Right", "Right", "Return")

    # The chronological third event; ties in the file's order may differ, so
    # accept any event whose title now shows in the details.
    def detail_labels():
        panes = [n for n in nodes(app, pyatspi.ROLE_PANEL) if n.name == "Event details"]
        return panes and [n.name for n in walk(panes[0]) if n.getRole() == pyatspi.ROLE_LABEL
                          and n.name in titles] and panes[0]

    titles = {event["title"] for event in events}
    pane = wait_for(detail_labels, timeout=10)
    assert pane, "no event title in the detail pane after Home, Right, Right, Return"
    labels = [n.name for n in walk(pane) if n.getRole() == pyatspi.ROLE_LABEL]
    assert "Sources" in labels, "the detail pane lists no sources: %r" % labels
    shown = [label for label in labels if label in titles]
    # Home, then two steps right: the third event in time.
    third = sorted(events, key=lambda e: e["start"])[2]["title"]
    assert third in shown, "expected %r in the details, found %r" % (third, shown)


@test
def zoom_keys_reveal_more_events():
    before = len([n for n in names(app, pyatspi.ROLE_PUSH_BUTTON) if ": " in n and " events, " not in n])
    keys("End")
    keys(*(["plus"] * 6))
    after = wait_for(lambda: len([n for n in names(app, pyatspi.ROLE_PUSH_BUTTON)
                                  if ": " in n and " events, " not in n]) or None)
    assert after is not None and after >= 1, "no single events in view after zooming in"
    state["before"], state["after"] = before, after


@test
def typing_in_search_filters():
    import re
    total = len(events)
    keys("ctrl+f")
    subprocess.run(["xdotool", "type", "--delay", "120", "Lavrov"], check=True)
    time.sleep(1.0)

    def summary():
        for name in names(app, pyatspi.ROLE_LABEL):
            match = re.fullmatch(r"(\d+) of (\d+) events?", name or "")
            if match and int(match.group(1)) < total:
                return int(match.group(1))
        return None

    left = wait_for(summary, timeout=15)
    if left is None:
        # Say whether the letters reached the search entry at all, and
        # what the sidebar says, so a failure tells typing from searching.
        entries = []
        for node in nodes(app):
            if node.getRole() in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT):
                try:
                    entries.append(node.queryText().getText(0, -1))
                except NotImplementedError:
                    pass
        counts = [n for n in names(app, pyatspi.ROLE_LABEL) if re.fullmatch(r"\d+ of \d+ events?", n or "")]
        raise AssertionError("the sidebar never said fewer events match; text fields: %r; summaries: %r"
                             % (entries, counts))
    assert left > 0, "searching a name in the dataset left nothing"

    # Back to the timeline by a click on its axis (where no event is),
    # then fit it to what the filter left.
    timelines = [n for n in nodes(app, pyatspi.ROLE_PANEL) if n.name == "Timeline"]
    x, y, width, height = timelines[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Pactline"],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "mousemove", "--window", window, str(x + width // 2), str(y + 20),
                    "click", "1"], check=True)
    time.sleep(0.5)
    keys("0")
    shown = [n.name for n in walk(timelines[0]) if n.getRole() == pyatspi.ROLE_PUSH_BUTTON]
    assert shown, "the filtered timeline shows nothing"
    lavrov = [name for name in shown if "Lavrov" in name]
    assert lavrov, "no Lavrov event on the filtered timeline: %r" % shown
    # An event stands in the lane of each of its themes, so count names.
    singles = {name for name in shown if " events, " not in name}
    assert len(singles) <= left, "more events on the timeline (%r) than match (%d)" % (singles, left)


@test
def quotes_are_named():
    # Each quote card's cell in the Quotes view is named by its quote, not
    # by the toolkit's type name (a grid's cells have no name of their own).
    keys("alt+4")

    def cells():
        for node in nodes(app):
            if node.name == "Quotes" and node.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST):
                children = [child.name for child in node]
                return children or None
        return None

    named = wait_for(cells, timeout=15)
    assert named, "no list or table named Quotes with quotes in it"
    assert all(name.startswith("\u201c") for name in named), \
        "quote cells are not named by their quotes: %r" % named[:5]
    keys("alt+1")


@test
def provisions_are_named():
    # The Provisions view is a grid of one column: each cell is named by its
    # row (an area, or a provision with its treaty and strength), not by the
    # toolkit's type name. The search is emptied first: an earlier test
    # leaves one.
    keys("ctrl+f", "ctrl+a", "BackSpace")
    time.sleep(0.6)
    keys("alt+3")

    def cells():
        for node in nodes(app):
            if node.name == "Provisions" and node.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST):
                children = [child.name for child in node]
                return children or None
        return None

    named = wait_for(cells, timeout=15)
    assert named, "no list or table named Provisions with provisions in it"
    assert all(name and "ListItem" not in name for name in named), \
        "provision cells are not named by their rows: %r" % named[:5]
    rows = [name for name in named if " \u2014 " in name]
    assert rows, "no provision row among the cells: %r" % named[:5]
    assert any(name.endswith(("Binding", "Aspirational", "Unknown")) for name in rows), \
        "provision rows do not say how binding they are: %r" % rows[:5]
    keys("alt+1")


def start_app(data_home):
    global proc, app
    proc = subprocess.Popen([os.environ["PACTLINE"]],
                            env=dict(os.environ, GSETTINGS_BACKEND="memory", G_DEBUG=APP_DEBUG,
                                     XDG_DATA_HOME=data_home))
    app = wait_for(lambda: find_app() if proc.poll() is None else None)
    assert app is not None, "pactline did not start again"
    wait_for(lambda: [n for n in nodes(app, pyatspi.ROLE_PANEL) if n.name == "Timeline"])


def select_first_event():
    timelines = [n for n in nodes(app, pyatspi.ROLE_PANEL) if n.name == "Timeline"]
    x, y, width, height = timelines[0].queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Pactline"],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "mousemove", "--window", window, str(x + width // 2), str(y + 20),
                    "click", "1"], check=True)
    time.sleep(0.5)
    keys("Home")


def note_field():
    fields = [n for n in nodes(app, pyatspi.ROLE_TEXT) if n.name == "Note"]
    return fields[0] if fields else None


@test
def note_survives_restart():
    import tempfile
    data_home = tempfile.mkdtemp(prefix="pactline-notes-")
    words = "Compare with the 2001 treaty"

    proc.terminate()
    proc.wait(timeout=10)
    start_app(data_home)
    select_first_event()
    field = wait_for(note_field, timeout=10)
    assert field is not None, "no Note field for the selected event"
    # GTK 4.8 does not take focus requests over AT-SPI: click the field.
    x, y, width, height = field.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    window = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Pactline"],
                            check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "mousemove", "--window", window, str(x + width // 2), str(y + height // 2),
                    "click", "1"], check=True)
    time.sleep(0.3)
    subprocess.run(["xdotool", "type", "--delay", "40", words], check=True)
    time.sleep(1.5)   # saved once typing pauses

    keys("ctrl+q")
    assert proc.wait(timeout=15) == 0, "pactline did not quit cleanly"

    start_app(data_home)
    select_first_event()
    field = wait_for(note_field, timeout=10)
    assert field is not None, "no Note field after the restart"
    text = wait_for(lambda: field.queryText().getText(0, -1) or None, timeout=10)
    assert text == words, "the note came back as %r" % text


failed = 0
print("1..%d" % len(tests))
for number, function in enumerate(tests, 1):
    try:
        function()
        print("ok %d %s" % (number, function.__name__))
    except Exception as error:  # any failure is a test failure, with its reason
        failed += 1
        print("not ok %d %s" % (number, function.__name__))
        import traceback
        for line in (str(error) + "\n" + traceback.format_exc(limit=3)).splitlines():
            print("# " + line)

proc.terminate()
try:
    proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
sys.exit(1 if failed else 0)
