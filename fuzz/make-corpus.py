#!/usr/bin/env python3
# fuzz/make-corpus.py — writes the seed corpus of fuzz-dataset from the test data
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the tree: fuzz/make-corpus.py. It rewrites
# fuzz/corpus/timelinejs-csv/ and fuzz/corpus/notes/ with a few seeds each,
# and fuzz/corpus/dataset/ with small valid datasets and near-valid variants
# (one problem each), cut from tests/data/ and the bundled dataset, so the
# fuzzer starts deep inside the format instead of at its first brace, and
# fuzz/dataset.dict, the format's words for the fuzzer to splice in. The
# files are kept in git; rerun this only when the format changes.

import copy
import json
import os
import shutil

OUT = os.path.join('fuzz', 'corpus', 'dataset')
DICT = os.path.join('fuzz', 'dataset.dict')
# The values of the enumerations (src/model/pl-enums.c) and what else the
# reader looks for that the example files do not spell out.
WORDS = ['pactline-dataset', 'person', 'state', 'organization', 'media', 'group',
         'agreement', 'meeting', 'statement', 'military', 'conflict', 'political',
         'economic', 'protest', 'report', 'other', 'confirmed', 'reported',
         'planned', 'disputed', 'binding', 'aspirational', 'unknown', 'article',
         'document', 'book', 'website', 'interview', 'yes', 'no', 'partial',
         'x-', 'https://', 'http://', '#', '-01', '-12-31', '-02-29', '~', '?',
         '..', 'title', 'era', 'start_date', 'end_date', 'headline', 'text',
         'display_date', 'unique_id', 'group', 'events', 'eras', 'media',
         'year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond']
COLLECTIONS = ['sources', 'actors', 'themes', 'eras', 'events', 'treaties',
               'provisions', 'quotes', 'clause_types', 'comparisons', 'tours']


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def write(name, doc):
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False, indent=1)
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        f.write(text)


def first(doc, n):
    """The document with only the first n items of each collection."""
    out = copy.deepcopy(doc)
    for c in COLLECTIONS:
        if c in out:
            out[c] = out[c][:n]
    return out


def only(doc, collection):
    """The header and one collection (references elsewhere dangle)."""
    out = {k: v for k, v in doc.items() if k not in COLLECTIONS}
    out[collection] = copy.deepcopy(doc.get(collection, [])[:3])
    return out


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    example = load('tests/data/example.json')
    bundled = load('data/datasets/russia-iran-2025.json')

    # Valid files, as they are.
    for name in ['example.json', 'markup.json', 'timelinejs-sample.json']:
        shutil.copy(os.path.join('tests', 'data', name), os.path.join(OUT, name))

    # The smallest valid dataset: the header and no items.
    header = {k: v for k, v in example.items() if k not in COLLECTIONS}
    write('header-only.json', header)
    v1 = {k: v for k, v in example.items() if k not in ['clause_types', 'comparisons', 'tours']}
    write('version-1.json', dict(v1, format_version=1))
    # A valid slice of the bundled dataset: a few events and the actors,
    # sources, themes and eras they refer to.
    small = {k: v for k, v in bundled.items() if k not in COLLECTIONS}
    events = [dict(e, **{'provisions': []}) if 'provisions' in e else e
              for e in bundled['events'][:4]]
    actors = {a for e in events for a in e.get('actors', [])}
    small['sources'] = bundled['sources']
    small['actors'] = [a for a in bundled['actors'] if a['id'] in actors]
    small['themes'] = bundled['themes']
    small['eras'] = bundled['eras'][:2]
    small['events'] = events
    write('bundled-slice.json', small)

    # Each collection of both datasets on its own (dangling references).
    for c in COLLECTIONS:
        write('example-%s.json' % c, only(example, c))
        write('bundled-%s.json' % c, only(bundled, c))
    write('bundled-first-1.json', first(bundled, 1))
    write('bundled-first-2.json', first(bundled, 2))

    # Near-valid: the example with one thing wrong.
    bad = {
        'bad-date': ('events', 0, 'start', '2024-13-01'),
        'bad-precision': ('events', 1, 'start', '2025-02-30'),
        'bad-end-before-start': ('eras', 0, 'end', '1999'),
        'bad-color': ('themes', 0, 'color', '#12345'),
        'bad-url': ('sources', 0, 'url', 'javascript:alert(1)'),
        'bad-id': ('actors', 0, 'id', 'Not An Id'),
        'bad-reference': ('events', 0, 'actors', ['nobody']),
        'bad-type': ('quotes', 0, 'text', 42),
        'bad-null': ('treaties', 0, 'title', None),
        'bad-unknown-member': ('provisions', 0, 'colour', 'red'),
        'bad-extension': ('events', 0, 'x-note', {'a': [1, 2]}),
    }
    for name, (c, i, key, value) in bad.items():
        doc = copy.deepcopy(example)
        doc[c][i][key] = value
        write(name + '.json', doc)

    doc = copy.deepcopy(example)
    doc['events'].append(copy.deepcopy(doc['events'][0]))
    write('bad-duplicate-id.json', doc)
    write('bad-format.json', dict(example, format='something-else'))
    write('bad-version.json', dict(example, format_version=99))
    write('bad-missing-dataset.json', {k: v for k, v in example.items() if k != 'dataset'})

    # Raw text: a byte-order mark, a cut file, deep nesting, escapes.
    text = open('tests/data/example.json', encoding='utf-8').read()
    write('bom.json', '\ufeff' + text)
    write('cut.json', text[:len(text) // 2])
    write('nested.json', '{"x-a":' + '[' * 70 + ']' * 70 + '}')
    write('escapes.json', '{"format": "pactline-\\u0064ataset", "x-s": "\\ud83d\\ude00 \\u0000"}')


NOTES = {
    'format': 'pactline-notes', 'format_version': 1, 'dataset': 'example-treaty',
    'annotations': [
        {'kind': 'event', 'id': 'signing', 'note': 'Read *this* first.\nSecond line.',
         'starred': True, 'highlight': 'yellow', 'tags': ['exam', 'treaty'],
         'created': '2025-03-01T10:00:00Z', 'modified': '2025-03-02T11:30:00.5Z'},
        {'kind': 'quote', 'id': 'president-on-signing', 'note': '', 'starred': False,
         'highlight': None, 'tags': [], 'created': '2025-03-01T10:00:00Z',
         'modified': '2025-03-01T10:00:00Z'},
        {'kind': 'actor', 'id': 'north', 'note': 'Who?', 'starred': False,
         'highlight': 'green', 'tags': ['people'], 'created': '2025-03-01T10:00:00+01:00',
         'modified': '2025-03-03T00:00:00Z'},
    ],
}


def write_small_corpora():
    out = os.path.join('fuzz', 'corpus', 'timelinejs-csv')
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    csv = open('tests/data/timelinejs-sample.csv', encoding='utf-8').read()
    lines = csv.splitlines(keepends=True)
    with open(os.path.join(out, 'sample.csv'), 'w', encoding='utf-8') as f:
        f.write(csv)
    for n in range(2, len(lines)):
        with open(os.path.join(out, 'first-%d-lines.csv' % n), 'w', encoding='utf-8') as f:
            f.write(''.join(lines[:n]))
    with open(os.path.join(out, 'header-and-last.csv'), 'w', encoding='utf-8') as f:
        f.write(lines[0] + lines[-1])

    out = os.path.join('fuzz', 'corpus', 'notes')
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(out, 'notes.json'), 'w', encoding='utf-8') as f:
        json.dump(NOTES, f, indent=1)
    bad = copy.deepcopy(NOTES)
    bad['annotations'][0]['highlight'] = 'pink'
    bad['annotations'][1]['kind'] = 'nothing'
    bad['annotations'][2]['modified'] = '2025-13-03'
    with open(os.path.join(out, 'bad-values.json'), 'w', encoding='utf-8') as f:
        json.dump(bad, f, indent=1)
    with open(os.path.join(out, 'empty.json'), 'w', encoding='utf-8') as f:
        json.dump(dict(NOTES, annotations=[]), f)


def keys(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            found.add(k)
            keys(v, found)
    elif isinstance(node, list):
        for v in node:
            keys(v, found)


def write_dict(docs):
    found = set()
    for doc in docs:
        keys(doc, found)
    tokens = ['"%s"' % k for k in sorted(found)]
    tokens += ['"\\"%s\\""' % w for w in WORDS]
    tokens += ['"\\"%s\\":"' % k for k in sorted(found)]
    tokens += ['"{"', '"}"', '"["', '"]"', '"null"', '"true"', '"false"',
               '"\\\\u0000"', '"\\\\ud800"', '"\\xef\\xbb\\xbf"', '"1e999"',
               '"-0"', '"9223372036854775808"']
    with open(DICT, 'w', encoding='utf-8') as f:
        f.write('# fuzz/dataset.dict — written by fuzz/make-corpus.py; the keys and\n'
                '# values of the dataset format and of TimelineJS3 JSON\n')
        for i, t in enumerate(tokens):
            f.write('kw%d=%s\n' % (i, t))


if __name__ == '__main__':
    main()
    write_small_corpora()
    write_dict([load('tests/data/example.json'), load('data/datasets/russia-iran-2025.json'),
                load('tests/data/timelinejs-sample.json')])
