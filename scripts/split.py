#!/usr/bin/env python3
"""trunk's post-build step (Trunk.toml): cuts the page's wasm into the part the first screen needs
and chunks fetched once the page is live (the panels marked `chunk!`, src/ui/chunk.rs).

trunk 0.21 has no split step, so this re-does the page's wasm-bindgen step the way cargo-leptos
does with `--split`: from cargo's wasm (kept with its relocations, build.rs) through
`wasm-split-cli` (crate wasm_split_cli_support, scripts/setup.sh installs it), wasm-bindgen with
`--keep-lld-exports` (the chunks import the main module's functions, memory and table by their
linker names), then wasm-opt on each module. It writes over trunk's page files in the staging
directory (same names, so index.html's loader stays), adds the chunks and their loader
(`__wasm_split` js) with content-hashed names, and puts in index.html the new integrity hashes,
a modulepreload of the loader and the chunks' list (sw.js keeps every relative URL index.html
names, so offline after one visit keeps the chunks too).

Run by trunk with TRUNK_STAGING_DIR, TRUNK_PROFILE set; by hand: TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release.
"""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The page's bin and profile (index.html's <link data-trunk rel="rust" data-bin="relu-lab" ...>).
BIN = 'relu-lab'
PROFILE = 'wasm-release'
# wasm-opt's options for every module (trunk's data-wasm-opt="z" and data-wasm-opt-params were
# these before the split; trunk's own wasm-opt pass is off, index.html: data-wasm-opt="0").
# wasm-opt inlines a function with one caller however large it is; the training step's kernels
# merged into one huge function run up to 1.7 times slower in V8 (hidden=64,64, measured
# 2026-12-06), so only functions up to 400 units are inlined that way: 1% larger gzipped.
# `--low-memory-unused`: the first 1 KB of memory is never used (rustc's wasm puts the stack first,
# growing down from 1 MB to 0, and the data above it), so wasm-opt may fold a constant added to an
# address into the load's offset: main wasm 353.5 -> 350.9 KB gzipped (dist/, 2026-12-08).
WASM_OPT = ['-Oz', '--one-caller-inline-max-function-size=400', '--low-memory-unused']


def run(*args, **kwargs):
    try:
        return subprocess.run(args, check=True, **kwargs)
    except FileNotFoundError:
        sys.exit(f'split: {args[0]} not found: run scripts/setup.sh')
    except subprocess.CalledProcessError as error:
        sys.exit(f'split: {" ".join(map(str, args))} failed ({error.returncode})')


def cargo_wasm():
    """The page's wasm as cargo built it for trunk (a no-op build that names its file)."""
    out = run('cargo', 'build', '--offline', '--target=wasm32-unknown-unknown', f'--profile={PROFILE}',
              '--bin', BIN, '--features=split', '--message-format=json', '--quiet',
              cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get('reason') == 'compiler-artifact' and message['target']['name'] == BIN:
            return Path(next(f for f in message['filenames'] if f.endswith('.wasm')))
    sys.exit(f'split: cargo named no wasm for {BIN}')


def hashed(path):
    """`path` renamed `<stem>-<16 hex of its SHA-256>.<ext>` (sw.js: a hashed name never changes)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = path.with_name(f'{path.stem}-{digest}{path.suffix}')
    path.rename(target)
    return target


def sri(path):
    return 'sha384-' + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def main():
    staging = Path(os.environ['TRUNK_STAGING_DIR'])
    release = os.environ.get('TRUNK_PROFILE') == 'release'
    os.environ['PATH'] = os.pathsep.join([str(Path.home() / '.cargo/bin'),
                                          str(ROOT / 'tests/e2e/node_modules/.bin'), os.environ['PATH']])
    html_path = staging / 'index.html'
    html = html_path.read_text()
    found = re.search(rf"import init, \* as bindings from '\./({re.escape(BIN)}-[0-9a-f]+)\.js'", html)
    if not found:
        sys.exit(f'split: no {BIN} loader in {html_path}')
    base = found.group(1)  # trunk's name for the page: relu-lab-<hash of cargo's wasm>

    with tempfile.TemporaryDirectory(prefix='relu-lab-split-') as tmp:
        tmp = Path(tmp)
        split, bound, out = tmp / 'split', tmp / 'bound', tmp / 'out'
        out.mkdir()
        # The chunks and the loader `__wasm_split.js`, which imports initSync from ./<base>.js.
        run('wasm-split-cli', '--target=web', f'--out-name={base}', cargo_wasm(), split)
        run('wasm-bindgen', '--target=web', '--no-typescript', '--keep-lld-exports',
            f'--out-dir={bound}', f'--out-name={base}', split / f'{base}.wasm')
        modules = [(bound / f'{base}_bg.wasm', out / f'{base}_bg.wasm')]
        modules += [(chunk, out / chunk.name) for chunk in sorted(split.glob('*.wasm')) if chunk.name != f'{base}.wasm']

        def optimise(pair):
            source, target = pair
            if release:
                run('wasm-opt', *WASM_OPT, source, '-o', target, stderr=subprocess.DEVNULL)
            else:
                shutil.copyfile(source, target)
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(optimise, modules))

        # Content-hashed names: the chunks, then the loader that names them, then the page's js
        # that imports the loader (its name stays trunk's: index.html loads it).
        chunks = {chunk.name: hashed(out / chunk.name) for chunk, _ in modules[1:]}
        loader = (split / '__wasm_split.js').read_text()
        for old, new in chunks.items():
            loader = loader.replace(f'"./{old}"', f'"./{new.name}"')
        (out / '__wasm_split.js').write_text(loader)
        loader = hashed(out / '__wasm_split.js')
        page_js = (bound / f'{base}.js').read_text()
        # Its `import ... from "./__wasm_split.js"` lines (the imports object keeps the wasm's
        # own module name as its key).
        page_js, count = re.subn(r'( from )"\./__wasm_split\.js"', rf'\1"./{loader.name}"', page_js)
        if not count:
            sys.exit(f'split: {base}.js does not import ./__wasm_split.js')
        (out / f'{base}.js').write_text(page_js)
        if release:
            # The page's js and the chunks' loader are fetched before play: minified, 3.4 KB less
            # gzipped (11.2 -> 8.5 and 2.5 -> 1.8 KB, 2026-12-08). Their names stay (the loader's
            # name is its content's hash from before: any change of the loader still renames it).
            for script in (out / f'{base}.js', loader):
                run('terser', script, '--module', '--compress', '--mangle', '-o', script)

        for old in staging.glob(f'{base}*'):
            old.unlink()
        for path in out.iterdir():
            shutil.copyfile(path, staging / path.name)

    # index.html: the new files' integrity, the loader preloaded, the chunks listed (for sw.js).
    # The wasm's preload (`as="fetch"`) loses its integrity: Chromium ignores integrity on such a
    # preload and says so in the console on every load.
    for name in (f'{base}.js', f'{base}_bg.wasm'):
        wasm = name.endswith('.wasm')
        html, count = re.subn(rf'(href="\./{re.escape(name)}"[^>]*?)( integrity=")[^"]*"',
                              lambda m: m.group(1) if wasm else m.group(1) + m.group(2) + sri(staging / name) + '"',
                              html)
        if count != 1:
            sys.exit(f'split: expected one preload of {name} in index.html, found {count}')
    listed = json.dumps([f'./{path.name}' for path in sorted(chunks.values(), key=lambda p: p.name)])
    extra = (f'<link rel="modulepreload" href="./{loader.name}" crossorigin="anonymous" integrity="{sri(staging / loader.name)}">'
             f'<script type="application/json" id="relu-lab-chunks">{listed}</script>')
    html = html.replace('</head>', extra + '</head>', 1)
    html_path.write_text(html)
    sizes = ', '.join(f'{name} {(staging / name).stat().st_size // 1000} KB' for name in [f'{base}_bg.wasm', *(p.name for p in chunks.values())])
    print(f'split: {len(chunks)} chunks: {sizes}')


if __name__ == '__main__':
    main()
