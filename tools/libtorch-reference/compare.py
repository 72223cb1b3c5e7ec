#!/usr/bin/python3
"""Compares two reference files (generate.py or LibtorchReference output) case by case, byte for byte.

    /usr/bin/python3 tools/libtorch-reference/compare.py A.json.gz B.json.gz [-v]

Checks that both have the same cases (id, seed, steps) and the same parameter names/shapes for modules, then
prints, per op/dtype group, how many cases agree exactly (every result key, state_sha256 included), how many
differ, and how many have an error on either side. -v adds a few differing case ids per group.
"""
import collections
import gzip
import json
import sys


def group(cid):
    parts = cid.split('/')
    if parts[0] in ('sequence', 'state', 'randperm'):
        return parts[0]
    return '/'.join(parts[:3] if parts[0] == 'module' else parts[:2])


def main():
    a = json.load(gzip.open(sys.argv[1], 'rt'))
    b = json.load(gzip.open(sys.argv[2], 'rt'))
    verbose = '-v' in sys.argv[3:]
    print(f"A: torch {a['torch']} {a['capability']} ({len(a['cases'])} cases)   "
          f"B: torch {b['torch']} {b['capability']} ({len(b['cases'])} cases)")
    other = {c['id']: c for c in b['cases']}
    counts = collections.defaultdict(lambda: [0, 0, 0])  # same, differ, error on either side
    examples = collections.defaultdict(list)
    for c in a['cases']:
        o = other[c['id']]
        assert c['seed'] == o['seed'] and c['steps'] == o['steps'], c['id']
        err = any('error' in r for r in c['results'] + o['results'])
        for r1, r2 in zip(c['results'], o['results']):
            if 'params' in r1 and 'params' in r2:
                names1 = [(p['name'], p['shape']) for p in r1['params']]
                names2 = [(p['name'], p['shape']) for p in r2['params']]
                assert names1 == names2, (c['id'], names1, names2)
        same = c['results'] == o['results']
        g = group(c['id'])
        counts[g][2 if err else (0 if same else 1)] += 1
        if not same and not err:
            examples[g].append(c['id'].split('/', 2)[-1])
    for g in sorted(counts):
        s, d, e = counts[g]
        line = f'{g:42s} same={s:3d} differ={d:3d} error={e:3d}'
        if verbose and examples[g]:
            line += '  e.g. ' + ', '.join(examples[g][:4])
        print(line)


if __name__ == '__main__':
    main()
