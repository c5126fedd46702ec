#!/usr/bin/env python3
"""What fills a wasm file: its sections' sizes, then its code bytes by crate and its largest
functions, read from the name section (no tool to install; `twiggy` gives the same by crate).

    cargo build --profile wasm-release --target wasm32-unknown-unknown --bin relu-lab
    python3 scripts/wasm-fill.py target/wasm32-unknown-unknown/wasm-release/relu-lab.wasm [groups] [functions]

Read the build before wasm-opt (trunk's output has no names). Section ids: 10 code, 11 data.
"""
import sys, re, collections
data = open(sys.argv[1], 'rb').read()
ng = int(sys.argv[2]) if len(sys.argv) > 2 else 30
nt = int(sys.argv[3]) if len(sys.argv) > 3 else 30
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; nimp = 0; bodies = []; names = {}; secs = collections.Counter()
while i < len(data):
    sid = data[i]; i += 1; size, i = leb(data, i); end = i + size
    if sid == 2:
        n, j = leb(data, i)
        for _ in range(n):
            l, j = leb(data, j); j += l; l, j = leb(data, j); j += l
            k = data[j]; j += 1
            if k == 0: nimp += 1; _, j = leb(data, j)
            elif k == 1: j += 1; f, j = leb(data, j); _, j = leb(data, j); j = leb(data, j)[1] if f & 1 else j
            elif k == 2: f, j = leb(data, j); _, j = leb(data, j); j = leb(data, j)[1] if f & 1 else j
            elif k == 3: j += 2
    if sid == 10:
        n, j = leb(data, i)
        for _ in range(n):
            s, j = leb(data, j); bodies.append(s); j += s
    if sid == 0:
        l, j = leb(data, i); nm = data[j:j+l].decode(); j += l
        secs['custom:' + nm] += size
        if nm == 'name':
            while j < end:
                sub = data[j]; j += 1; ss, j = leb(data, j); se = j + ss
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k); l, k = leb(data, k); names[idx] = data[k:k+l].decode('utf8', 'replace'); k += l
                j = se
    else:
        secs[sid] += size
    i = end
print('sections:', dict(secs))
def demangle_v0(n):
    """A v0 symbol (`_R...`: rustc mangles so when RUSTC_BOOTSTRAP=1 is set, .cargo/config.toml),
    roughly: its identifiers in order, joined by `::`, its crate first (to group by crate and read;
    generic arguments and disambiguators are not told apart)."""
    n = re.sub(r'C(?:s[0-9A-Za-z]*_)', 'C', n[2:])  # the crate roots' hashes
    names, i = [], 0
    while i < len(n):
        d = re.compile(r'(\d+)_?').match(n, i)
        if d and (i == 0 or not n[i - 1].isdigit()):
            ident = n[d.end():d.end() + int(d.group(1))]
            if ident and re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', ident):
                names.append(ident)
                i = d.end() + len(ident)
                continue
        i += 1
    return '::'.join(names) or n

def demangle(n):
    if n.startswith('_R'): return demangle_v0(n)
    if not n.startswith('_ZN'): return n
    i = 3; parts = []
    while i < len(n) and n[i].isdigit():
        j = i
        while n[j].isdigit(): j += 1
        l = int(n[i:j]); parts.append(n[j:j+l]); i = j + l
    if parts and re.fullmatch(r'h[0-9a-f]{16}', parts[-1]): parts.pop()
    s = '::'.join(parts)
    for a, b in [('$LT$','<'),('$GT$','>'),('$u20$',' '),('$RF$','&'),('$BP$','*'),('$C$',','),('$u7b$','{'),('$u7d$','}'),('$u5b$','['),('$u5d$',']'),('..','::'),('$u27$',"'"),('$SP$','@')]:
        s = s.replace(a, b)
    return s.lstrip('_')
names = {k: demangle(v) for k, v in names.items()}
groups = collections.Counter(); top = []
for k, s in enumerate(bodies):
    n = names.get(nimp + k, '?')
    n2 = re.sub(r'^_?<', '', n)
    m = re.match(r'[&\s]*(?:dyn |mut )*([A-Za-z_][A-Za-z0-9_]*)', n2)
    g = m.group(1) if m else n[:20]
    groups[g] += s; top.append((s, n))
tot = sum(bodies)
print(f'code total {tot}')
for g, s in groups.most_common(ng): print(f'{s:9} {100*s/tot:5.1f}% {g}')
print('--- top functions')
for s, n in sorted(top, reverse=True)[:nt]: print(f'{s:9} {n[:150]}')
