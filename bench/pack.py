#!/usr/bin/env python3
"""Benchmark: a meeting pack of about 370 pages with bilagor (issue: handlingar).

Generates a project with a meeting of 22 agenda items (the bundled seed ärende with
different Dnr and rubrik), one of them carrying a 300-page born-digital text PDF (made
by kansli itself: a tjänsteskrivelse with a long ärendebeskrivning) and a 20-page
300 dpi greyscale scan (image-only pages, written by this script), then measures in
one run:

  1. `kansli build` of the meeting's public pack (`dokument: [handlingar]`): wall time
     and peak resident memory, median of --repeat runs;
  2. the same meeting without the bilagor: what placing 320 bilaga pages adds;
  3. the official CLI on the kept Typst source of the pack with its placeholder pages
     (`--keep-typst`): Typst's own share, as a reference in the same run.

Targets (issue 13): under 5 s and under 400 MB on 2 cores.

Usage:  python3 bench/pack.py [--repeat 3]
Needs:  a release build (cargo build --release); typst-cli 0.15.1 on PATH for (3).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content/region-jh/hsn-plan-och-budget-2024.yaml"


def run(cmd, cwd=None):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{stderr.decode()}")
    return elapsed, usage.ru_maxrss / 1024.0


def scan_pdf(path: Path, pages: int):
    """An image-only PDF: `pages` A4 pages, each a 300 dpi 8-bit greyscale image of
    ruled 'text lines' with noise, Flate-compressed (as scanners' PDFs are)."""
    w, h = 2480, 3508
    import random
    rnd = random.Random(7)
    rows = []
    for y in range(h):
        if 300 < y < 3200 and (y // 40) % 2 == 0 and (y % 40) < 22:
            noise = rnd.randbytes(w)
            row = bytes(((x * 7 + y * 13) % 97 + 40 + (noise[x] & 63)) if 300 < x < 2180 and (x // 23) % 5 else 250 for x in range(w))
        else:
            row = bytes([248 - (x * y) % 5 for x in range(w)]) if y % 3 == 0 else bytes([250]) * w
        rows.append(row)
    data = zlib.compress(b"".join(rows), 6)
    objs = []
    kids = []
    for i in range(pages):
        img = 3 + i * 3
        content = img + 1
        page = img + 2
        kids.append(page)
        objs.append((img, f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>".encode(), data))
        c = b"q 595.28 0 0 841.89 0 0 cm /Im Do Q"
        objs.append((content, f"<< /Length {len(c)} >>".encode(), c))
        objs.append((page, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im {img} 0 R >> >> /Contents {content} 0 R >>".encode(), None))
    objs.append((1, b"<< /Type /Catalog /Pages 2 0 R >>", None))
    objs.append((2, f"<< /Type /Pages /Count {pages} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>".encode(), None))
    objs.sort()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num, d, stream in objs:
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + d
        if stream is not None:
            out += b"\nstream\n" + stream + b"\nendstream"
        out += b"\nendobj\n"
    xref = len(out)
    n = max(offsets) + 1
    out += f"xref\n0 {n}\n0000000000 65535 f \n".encode()
    for i in range(1, n):
        out += f"{offsets[i]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def text_pdf(kansli: str, root: Path, pages_wanted: int) -> Path:
    """A born-digital text PDF of about `pages_wanted` pages, made by kansli."""
    para = ("Hälso- och sjukvårdsnämnden följer upp verksamheten varje månad. Avvikelserna "
            "analyseras per division och område, och åtgärderna redovisas i årsredovisningen. ")
    body = "\n".join(f"  {i}. {para * 3}\n" for i in range(round(pages_wanted * 7.65)))
    src = SEED.read_text(encoding="utf-8")
    head, _, _ = src.partition("ärendebeskrivning:")
    proj = root / "textpdf"
    (proj / "content").mkdir(parents=True)
    (proj / "content/lang.yaml").write_text(
        head + "ärendebeskrivning: |\n" + body + "förslag: Rapporten läggs till handlingarna.\n",
        encoding="utf-8")
    run([kansli, "build", "-q"], cwd=proj)
    return proj / "out/lang.pdf"


def make_meeting(root: Path, with_bilagor: bool, big_text: Path, scan: Path) -> Path:
    proj = root / ("mote" if with_bilagor else "mote-utan")
    (proj / "content/arenden").mkdir(parents=True)
    (proj / "content/bilagor").mkdir(parents=True)
    seed = SEED.read_text(encoding="utf-8")
    items = []
    for i in range(22):
        text = seed.replace("HSN/1798/2023", f"HSN/{500 + i}/2024")
        text = text.replace("Plan och budget 2024 för hälso- och sjukvårdsnämnden", f"Ärende {i + 1} om planen")
        if i == 3 and with_bilagor:
            text += "bilagor:\n  - { titel: Verksamhetsberättelse, fil: ../bilagor/text.pdf }\n  - { titel: Inskannade protokoll, fil: ../bilagor/scan.pdf }\n"
        (proj / f"content/arenden/a{i}.yaml").write_text(text, encoding="utf-8")
        items.append(f"  - ärende: arenden/a{i}.yaml")
    shutil.copy(big_text, proj / "content/bilagor/text.pdf")
    shutil.copy(scan, proj / "content/bilagor/scan.pdf")
    (proj / "content/mote.yaml").write_text(
        "typ: sammanträde\nnämnd: Hälso- och sjukvårdsnämnden\ndatum: 2024-12-18\n"
        "tid: \"09.00–16.00\"\nplats: Regionens hus\nordförande: { namn: Anna Lindgren }\n"
        "sekreterare: { namn: Sandra Hedman }\nledamöter: [{ namn: Anna Lindgren, parti: S }]\n"
        "dokument: [handlingar]\npunkter:\n" + "\n".join(items) + "\n", encoding="utf-8")
    return proj


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(l.split()[1] for l in out.splitlines() if l.startswith("Pages:")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    kansli = str(REPO / "target/release/kansli")
    if not Path(kansli).exists():
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory(prefix="kansli-pack-bench-") as d:
        root = Path(d)
        big = text_pdf(kansli, root, 300)
        scan = root / "scan.pdf"
        scan_pdf(scan, 20)
        full = make_meeting(root, True, big, scan)
        bare = make_meeting(root, False, big, scan)
        print(f"bilagor: text {pages(big)} pages ({big.stat().st_size >> 10} KiB), "
              f"scan {pages(scan)} pages ({scan.stat().st_size >> 20} MiB)")

        def build(proj):
            shutil.rmtree(proj / "out", ignore_errors=True)
            return run([kansli, "build", "-q", "content/mote.yaml"], cwd=proj)

        runs = [build(full) for _ in range(args.repeat)]
        t_full = statistics.median(r[0] for r in runs)
        rss_full = max(r[1] for r in runs)
        n_full = pages(full / "out/mote-handlingar.pdf")
        runs = [build(bare) for _ in range(args.repeat)]
        t_bare = statistics.median(r[0] for r in runs)
        n_bare = pages(bare / "out/mote-handlingar.pdf")
        print(f"pack with bilagor:    {n_full} pages in {t_full:.2f} s, peak RSS {rss_full:.0f} MiB "
              f"(targets: < 5 s, < 400 MB)")
        print(f"pack without bilagor: {n_bare} pages in {t_bare:.2f} s "
              f"-> placing {n_full - n_bare} bilaga pages adds {t_full - t_bare:.2f} s")
        if shutil.which("typst"):
            keep = root / "keep"
            run([kansli, "build", "-q", "--keep-typst", str(keep), "-o", str(root / "k"), "content/mote.yaml"], cwd=full)
            src = keep / "mote-handlingar.typ"
            cmd = ["typst", "compile", "--root", str(keep), "--font-path", str(keep / "fonts"),
                   "--ignore-system-fonts", "--pdf-standard", "a-2a,ua-1", str(src), str(root / "t.pdf")]
            t_cli = statistics.median(run(cmd)[0] for _ in range(args.repeat))
            print(f"typst compile of the same pack source (placeholders only): {t_cli:.2f} s "
                  f"-> kansli / typst = {t_full / t_cli:.2f}")
        else:
            print("typst-cli not on PATH: reference run skipped")


if __name__ == "__main__":
    main()
