#!/usr/bin/env python3
"""Times Python HTML tools on the body HTML of the same blobs the Rust benchmarks use.

Usage: python3 benches/peers/peers.py [DIR ...]   (default: examples/samples)

For each tool that can be imported it parses every blob's body HTML (the text after the
envelope, as `Blob::parse(..).body` gives it) several times and prints the median time per
pass, per file and the throughput. Tools that are not installed are listed as skipped; nothing
here is needed by the tests. Compare the figures with `cargo bench --bench parse` run on the
same machine (BENCHMARKS.md).

Tools: Python's own html.parser (always present), lxml.html, BeautifulSoup (html.parser and lxml
builders), readability-lxml and trafilatura.
"""

import os
import re
import statistics
import sys
import time

PASSES = 5


def body_of(text):
    """The body HTML of a blob: what follows the front matter, the `<!--ms-->` comment, the
    `[title](url)` line and its setext underline; the whole text when there is no header."""
    lines = text.splitlines(keepends=True)
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            i += 1
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].startswith("<!--"):
        i += 1
    if i < len(lines) and lines[i].startswith("["):
        # The title may run over several lines; the underline ends it.
        j = i
        while j < len(lines) and not re.fullmatch(r"[-=]{3,}\s*", lines[j]):
            j += 1
        if j < len(lines):
            i = j + 1
    return "".join(lines[i:]).strip()


def load(paths):
    files = []
    for root in paths:
        if os.path.isfile(root):
            candidates = [root]
        else:
            candidates = []
            for d, _, names in os.walk(root):
                candidates += [os.path.join(d, n) for n in names]
        for p in sorted(candidates):
            if os.path.basename(p) in ("SOURCES.md", "MANIFEST.tsv", "README.md"):
                continue
            try:
                with open(p, encoding="utf-8") as f:
                    files.append(body_of(f.read()))
            except (UnicodeDecodeError, OSError):
                pass
    return files


def tools():
    """(name, function) for every tool that imports; (name, None) for the others."""
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text = []

        def handle_data(self, data):
            self.text.append(data)

    def stdlib(html):
        p = Collect()
        p.feed(html)
        p.close()
        return p.text

    out = [("python html.parser", stdlib)]
    try:
        import lxml.html

        out.append(("lxml.html", lambda h: lxml.html.fromstring(h) if h else None))
    except ImportError:
        out.append(("lxml.html", None))
    try:
        from bs4 import BeautifulSoup

        out.append(("BeautifulSoup (html.parser)", lambda h: BeautifulSoup(h, "html.parser")))
        try:
            import lxml  # noqa: F401

            out.append(("BeautifulSoup (lxml)", lambda h: BeautifulSoup(h, "lxml")))
        except ImportError:
            out.append(("BeautifulSoup (lxml)", None))
    except ImportError:
        out.append(("BeautifulSoup", None))
    try:
        from readability import Document

        out.append(("readability-lxml", lambda h: Document(h).summary() if h else None))
    except ImportError:
        out.append(("readability-lxml", None))
    try:
        import trafilatura

        out.append(("trafilatura", lambda h: trafilatura.extract(h) if h else None))
    except ImportError:
        out.append(("trafilatura", None))
    return out


def main():
    paths = sys.argv[1:] or [os.path.join(os.path.dirname(__file__), "..", "..", "examples", "samples")]
    files = load(paths)
    if not files:
        sys.exit(f"no readable blobs under {', '.join(paths)}")
    size = sum(len(b.encode("utf-8")) for b in files)
    print(f"{len(files)} files, {size / 1e6:.2f} MB of body HTML, median of {PASSES} passes")
    print(f"{'tool':<30} {'ms/pass':>10} {'µs/file':>10} {'MB/s':>8}")
    for name, parse in tools():
        if parse is None:
            print(f"{name:<30} {'skipped: not installed':>30}")
            continue
        times = []
        for _ in range(PASSES):
            start = time.perf_counter()
            for html in files:
                parse(html)
            times.append(time.perf_counter() - start)
        t = statistics.median(times)
        print(f"{name:<30} {t * 1e3:>10.1f} {t * 1e6 / len(files):>10.1f} {size / t / 1e6:>8.2f}")


if __name__ == "__main__":
    main()
