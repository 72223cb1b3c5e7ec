import json, gzip, sys, collections
a = json.load(gzip.open(sys.argv[1], 'rt')); b = json.load(gzip.open(sys.argv[2], 'rt'))
print(a['torch'], a['capability'], len(a['cases']), '|', b['torch'], b['capability'], len(b['cases']))
bi = {c['id']: c for c in b['cases']}
summ = collections.defaultdict(lambda: [0, 0, 0])  # same, differ, error
diffs = collections.defaultdict(list)
for c in a['cases']:
    o = bi[c['id']]
    assert c['seed'] == o['seed'] and c['steps'] == o['steps'], c['id']
    parts = c['id'].split('/')
    key = parts[0] if parts[0] in ('sequence', 'state', 'randperm') else '/'.join(parts[:2])
    if parts[0] == 'module': key = '/'.join(parts[:3])
    same = True; err = False
    for r1, r2 in zip(c['results'], o['results']):
        if 'error' in r1 or 'error' in r2: err = True
        k1 = {k: v for k, v in r1.items()}; k2 = {k: v for k, v in r2.items()}
        if k1 != k2: same = False
    # structure check
    for r1, r2 in zip(c['results'], o['results']):
        if set(r1) != set(r2) and not err: print('KEYS', c['id'], set(r1), set(r2))
        if 'params' in r1 and 'params' in r2:
            if [(p['name'], p['shape']) for p in r1['params']] != [(p['name'], p['shape']) for p in r2['params']]:
                print('PARAMS', c['id'])
    summ[key][2 if err else (0 if same else 1)] += 1
    if not same: diffs[key].append(c['id'])
for k in sorted(summ):
    s, d, e = summ[k]
    print(f'{k:45s} same={s:3d} differ={d:3d} error={e:3d}' + ('  e.g. ' + ', '.join(x.split('/', 2)[-1] for x in diffs[k][:4]) if d and len(sys.argv) > 3 else ''))
