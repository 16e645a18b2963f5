#!/usr/bin/python3
# test-potfiles.py — po/POTFILES names exactly the files that hold translatable strings
# SPDX-License-Identifier: GPL-3.0-or-later
#
# xgettext reads only the files po/POTFILES lists, so a file that is left
# out keeps its strings in English for every language without any error.
# This scans the sources the way xgettext would see them (C, GtkBuilder,
# the desktop file, the metainfo and the settings schema) and compares.
# Usage: test-potfiles.py SOURCE_ROOT. Prints TAP.

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1]).resolve()

# C: the gettext macros of <glib/gi18n.h> and the plural and context calls.
C_MARKER = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\(\s*\"|"
                      r"\b(?:g_dn?gettext|g_dc?gettext|g_dpgettext2?|n?gettext|dn?gettext)\s*\(")
# A string glued to a format macro: xgettext stops at the macro, so the
# template gets a truncated msgid that never matches at run time.
C_MACRO_CONCAT = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\((?:\s*\"[^\"]*\"\s*,)?\s*\"(?:[^\"\\]|\\.)*\"\s*G_G[A-Z0-9_]*_FORMAT")
C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)

UI_MARKER = re.compile(r"translatable=\"(?:yes|true|1)\"")
DESKTOP_MARKER = re.compile(r"^_?(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)=", re.M)
# Elements the metainfo ITS rules translate unless translate="no".
METAINFO_MARKER = re.compile(r"<(?:name|summary|p|li|caption|developer_name)(?![^>]*translate=\"no\")[\s>]")
SCHEMA_MARKER = re.compile(r"<(?:summary|description)>")


def rel(path):
    return path.relative_to(root).as_posix()


def translatable_files():
    found = {}
    for path in sorted(root.glob("src/**/*.[ch]")):
        text = C_COMMENT.sub(" ", path.read_text(encoding="utf-8"))
        if C_MARKER.search(text):
            found[rel(path)] = text
    for path in sorted(root.glob("ui/**/*.ui")):
        if UI_MARKER.search(path.read_text(encoding="utf-8")):
            found[rel(path)] = None
    for path in sorted(root.glob("data/**/*.desktop.in")):
        if DESKTOP_MARKER.search(path.read_text(encoding="utf-8")):
            found[rel(path)] = None
    for pattern in ("data/**/*.metainfo.xml.in", "data/**/*.appdata.xml.in"):
        for path in sorted(root.glob(pattern)):
            if METAINFO_MARKER.search(path.read_text(encoding="utf-8")):
                found[rel(path)] = None
    for path in sorted(root.glob("data/**/*.gschema.xml")):
        if SCHEMA_MARKER.search(path.read_text(encoding="utf-8")):
            found[rel(path)] = None
    return found


def potfiles():
    listed = []
    for line in (root / "po" / "POTFILES").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)
    return listed


found = translatable_files()
listed = potfiles()
results = []


def check(name, problems):
    results.append((name, problems))


check("every file with translatable strings is in po/POTFILES",
      ["%s has translatable strings but is not in po/POTFILES" % f for f in found if f not in listed])
check("every file po/POTFILES names exists",
      ["po/POTFILES names %s, which does not exist" % f for f in listed if not (root / f).is_file()])
check("every file po/POTFILES names has translatable strings",
      ["po/POTFILES names %s, which has no translatable strings" % f
       for f in listed if (root / f).is_file() and f not in found])
check("po/POTFILES names each file once",
      ["po/POTFILES names %s more than once" % f for f in sorted(set(listed)) if listed.count(f) > 1])
check("no translatable C string is glued to a G_G*_FORMAT macro (use PRId64 and friends)",
      ["%s: %s" % (f, m.group(0)) for f, text in found.items() if text is not None
       for m in C_MACRO_CONCAT.finditer(text)])
# The scan itself must see something, or a broken pattern would pass.
check("the scan finds C, .ui and data files",
      [] if any(f.endswith(".c") for f in found) and any(f.endswith(".ui") for f in found)
      and any(f.endswith(".gschema.xml") for f in found)
      else ["the scan found too little: %r" % sorted(found)])

print("1..%d" % len(results))
failed = False
for number, (name, problems) in enumerate(results, 1):
    if problems:
        failed = True
        print("not ok %d - %s" % (number, name))
        for problem in problems:
            print("# %s" % problem)
    else:
        print("ok %d - %s" % (number, name))
sys.exit(1 if failed else 0)
