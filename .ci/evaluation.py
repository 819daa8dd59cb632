#!/usr/bin/env python3
"""Regenerates the tables of EVALUATION.md.

usage: python3 .ci/evaluation.py [--update] [--peers-python PYTHON]

Builds the feedmirror example, then
  - gold:    runs tests/gold.rs with GOLD_MARKDOWN set (per field, per outlet);
  - peers:   with --peers-python (a venv's python with trafilatura and newspaper4k installed),
             runs ../shared/tools/peers_gold.py on the same gold items;
  - defects: runs the example over the corpus as JSON lines and ../shared/tools/defects.py
             over that, keeping the counts (not the example texts, which quote the corpus);
  - report:  runs the report example over the corpus as JSON: per outlet, files with a date, a
             byline, credits by role, figures with captions and photo credits (counts only);
  - measured: the commit, the date and the tool versions.
Prints the sections as markdown; --update also writes each one into EVALUATION.md between its
`<!-- generated: NAME -->` and `<!-- end generated: NAME -->` lines (a section not produced,
such as peers without --peers-python, is left as it was).
Inputs: FEEDMIRROR_CORPUS (../shared/corpus), FEEDMIRROR_GOLD (../shared/gold),
FEEDMIRROR_TOOLS (../shared/tools).
"""
import datetime, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get('FEEDMIRROR_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus'))
GOLD = os.environ.get('FEEDMIRROR_GOLD', os.path.join(ROOT, '..', 'shared', 'gold'))
TOOLS = os.environ.get('FEEDMIRROR_TOOLS', os.path.join(ROOT, '..', 'shared', 'tools'))
CLI = os.path.join(ROOT, 'target', 'release', 'examples', 'feedmirror')
REPORT = os.path.join(ROOT, 'target', 'release', 'examples', 'report')
REPORT_CMD = 'cargo run --release --features serde --example report -- ../shared/corpus'
OUTLETS = ['asahi', 'bbc', 'bitter_winter', 'china_digital_times', 'cna', 'dw', 'economist',
           'epoch_times', 'ft', 'nyt', 'reuters', 'rfa', 'rfi', 'rti', 'solidot', 'unknown', 'voa',
           'zaobao']


def run(cmd, env=None, check=True):
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit('%s failed (%d):\n%s' % (' '.join(cmd), r.returncode, r.stderr[-3000:]))
    return r


def gold_section():
    with tempfile.NamedTemporaryFile('r', suffix='.md') as f:
        env = dict(os.environ, GOLD_MARKDOWN=f.name, FEEDMIRROR_CORPUS=CORPUS, FEEDMIRROR_GOLD=GOLD)
        run(['cargo', 'test', '-q', '--all-features', '--test', 'gold'], env=env)
        return f.read()


def peers_section(python):
    r = run([python, os.path.join(TOOLS, 'peers_gold.py'), CLI, CORPUS, GOLD])
    lines = [l.split() for l in r.stdout.splitlines() if l.strip()]
    head, rows = lines[0], lines[1:]
    out = ['| field | ' + ' | '.join(head[1:]) + ' |', '| --- |' + ' ---: |' * (len(head) - 1)]
    for row in rows:
        name = '**body right**' if row[0] == 'body_right' else '`%s`' % row[0]
        out.append('| %s | %s |' % (name, ' | '.join(c.replace('/', ' / ') for c in row[1:])))
    versions = run([python, '-c', 'import importlib.metadata as m; print(", ".join("%s %s" % (p, m.version(p)) '
                    'for p in ("trafilatura", "newspaper4k")))']).stdout.strip()
    return '\n'.join(out) + '\n\nPeers: %s.\n' % versions


def full_outlet(prefix):
    return next((o for o in OUTLETS if o[:8] == prefix), prefix)


def defects_section():
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl') as f:
        r = subprocess.run([CLI, '--format', 'jsonl', CORPUS], cwd=ROOT, stdout=f, stderr=subprocess.PIPE)
        if r.returncode > 1:
            sys.exit('the example failed over the corpus:\n' + r.stderr.decode()[-3000:])
        scan = run([sys.executable, os.path.join(TOOLS, 'defects.py'), f.name], check=False).stdout
    lines = scan.splitlines()
    outlets = [full_outlet(o) for o in lines[0].split()[2:]]
    summary = lines[-1]
    m = re.search(r'(\d+) of (\d+) parsed files', summary)
    flagged, parsed = int(m.group(1)), int(m.group(2))
    out = ['| defect class | files | share | most flagged outlets (files) |', '| --- | ---: | ---: | --- |']
    for line in lines[1:-1]:
        cells = line.split('   e.g. ')[0].split()
        kind, files, per = cells[0], int(cells[1]), [int(c) for c in cells[2:]]
        top = sorted(((n, o) for o, n in zip(outlets, per) if n), key=lambda x: (-x[0], x[1]))
        top = ', '.join('%s %d' % (o, n) for n, o in top[:3])
        out.append('| `%s` | %d | %.1f%% | %s |' % (kind, files, 100 * files / parsed, top))
    out.append('| **any class** | %d | %.1f%% | |' % (flagged, 100 * flagged / parsed))
    return '\n'.join(out) + '\n\nOver %d parsed files of the corpus.\n' % parsed


def share(n, of):
    return '%d (%d%%)' % (n, round(100 * n / of)) if of else '%d' % n


def report_section():
    r = run([REPORT, '--format', 'json', CORPUS])
    data = json.loads(r.stdout)
    rows = [(o['outlet'], o) for o in data['outlets']] + [('**TOTAL**', data['total'])]
    # Roles by how many files name them over the corpus; `other` (a role the line does not name) last.
    roles = sorted(data['total']['credit_roles'].items(), key=lambda kv: (kv[0] == 'other', -kv[1], kv[0]))
    roles = [name for name, _ in roles]
    out = ['| outlet | files | with date | with byline | figures | captioned | with photo credit '
           '| caption and credit |', '| --- |' + ' ---: |' * 7]
    for name, o in rows:
        f, p = o['figures'], o['parsed']
        out.append('| %s | %d | %s | %s | %d | %s | %s | %s |' % (
            name, o['files'], share(o['published']['total'], p), share(o['byline'], p), f['total'],
            share(f['with_caption'], f['total']), share(f['with_credit'], f['total']),
            share(f['with_caption_and_credit'], f['total'])))
    out += ['', '| outlet | with credits | typed | ' + ' | '.join('`%s`' % r for r in roles) + ' |',
            '| --- |' + ' ---: |' * (2 + len(roles))]
    for name, o in rows:
        cells = [share(o['credits'], o['parsed']), share(o['typed_credits'], o['parsed'])]
        cells += ['%d' % o['credit_roles'].get(r, 0) for r in roles]
        out.append('| %s | %s |' % (name, ' | '.join(cells)))
    failures = ', '.join('%s %d' % kv for kv in sorted(data['failures']['by_kind'].items()))
    head = run(['git', 'rev-parse', '--short=10', 'HEAD']).stdout.strip()
    return ('Measured at commit `%s` with `%s` (`--format json`); %d files, %d parsed%s.\n\n%s\n'
            % (head, REPORT_CMD, data['files'], data['parsed'],
               ' (failed: %s)' % failures if failures else '', '\n'.join(out)))


def measured_section():
    head = run(['git', 'rev-parse', '--short=10', 'HEAD']).stdout.strip()
    dirty = run(['git', 'status', '--porcelain', '--', 'src', 'Cargo.toml', 'Cargo.lock']).stdout.strip()
    rustc = run(['rustc', '-V']).stdout.strip()
    date = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d')
    lib = 'commit `%s`%s' % (head, ' with uncommitted library changes' if dirty else '')
    return ('Measured on %s at %s (%s; Python %s for the scripts).\n'
            % (date, lib, rustc, sys.version.split()[0]))


def update(sections):
    path = os.path.join(ROOT, 'EVALUATION.md')
    text = open(path, encoding='utf-8').read()
    for name, body in sections.items():
        pat = re.compile(r'(<!-- generated: %s -->\n).*?(<!-- end generated: %s -->)' % (name, name), re.S)
        if not pat.search(text):
            sys.exit('EVALUATION.md lacks the markers of section %s' % name)
        text = pat.sub(lambda m: m.group(1) + body + m.group(2), text)
    open(path, 'w', encoding='utf-8').write(text)


def main():
    args = sys.argv[1:]
    write = '--update' in args
    peers_python = args[args.index('--peers-python') + 1] if '--peers-python' in args else None
    run(['cargo', 'build', '--release', '--features', 'serde', '--example', 'feedmirror', '--example', 'report'])
    sections = {'measured': measured_section(), 'gold': gold_section()}
    if peers_python:
        sections['peers'] = peers_section(peers_python)
    sections['defects'] = defects_section()
    sections['report'] = report_section()
    for name, body in sections.items():
        print('<!-- %s -->\n%s' % (name, body))
    if write:
        update(sections)
        print('EVALUATION.md updated: ' + ', '.join(sections))


if __name__ == '__main__':
    main()
