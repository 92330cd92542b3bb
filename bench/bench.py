#!/usr/bin/env python3
"""Benchmark: kansli against the official typst CLI on the same generated sources.

Generates N tjänsteskrivelser (variations of the bundled seed
content/region-jh/hsn-plan-och-budget-2024.yaml, 3 pages each), then measures in one run:

  1. `kansli build` of the N files, against a loop of `typst compile` over the
     `--keep-typst` sources of the same files (same fonts, same PDF/A-2a + UA-1);
     also `kansli build -j 1`, for a like-for-like single-threaded comparison;
  2. one document end to end: `kansli build one.yaml` against `typst compile one.typ`;
  3. peak resident memory of `kansli build` at N = --n-mem (default 1000);
  4. where kansli's time goes (`--tidsprofil -j 1`);
  5. `kansli watch`: from writing a three-page tjänsteskrivelse to its PDF being
     replaced (the file's mtime changes), median of 9 saves.

Every figure is a median of --repeat runs (wall clock). Ratios are what matter: both
sides run on the same machine, in the same script, one after the other.

Usage:  python3 bench/bench.py [--n 100] [--n-mem 1000] [--repeat 3]
Needs:  typst-cli 0.15.1 on PATH (cargo install typst-cli --version 0.15.1 --locked)
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content/region-jh/hsn-plan-och-budget-2024.yaml"


def run(cmd, cwd=None, quiet=True):
    """Runs a command; returns (seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.PIPE,
    )
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{stderr.decode()}")
    return elapsed, usage.ru_maxrss / 1024.0, stderr.decode()


def median(f, repeat):
    return statistics.median(f() for _ in range(repeat))


def make_project(root: Path, n: int) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "kansli.yaml").write_text("profil: region-jh\n", encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    for i in range(1, n + 1):
        text = seed.replace("HSN/1798/2023", f"HSN/{1000 + i}/2023")
        text = text.replace(
            "rubrik: Plan och budget 2024",
            f"rubrik: Plan och budget 2024, ärende {i}",
            1,
        )
        (root / "content" / f"arende-{i:04}.yaml").write_text(text, encoding="utf-8")
    return root


def three_pages(text: str) -> str:
    """The seed plus a further section, so that the document runs to three pages."""
    extra = "\n".join(
        "      Stycke %d. Nämnden följer upp planen varje månad och redovisar avvikelser, "
        "åtgärder och prognos för helåret i en egen rapport till regionstyrelsen. "
        "Uppföljningen omfattar ekonomi, produktion, tillgänglighet och personal." % i
        for i in range(1, 16)
    ).replace("\n", "\n\n")
    return text + "\navsnitt:\n  - rubrik: Uppföljning\n    text: |\n" + extra + "\n"


def watch_latency(kansli: str, root: Path, saves: int):
    """Seconds from writing the YAML to the rebuilt PDF being in place, per save."""
    proj = make_project(root, 1)
    yaml = proj / "content" / "arende-0001.yaml"
    seed = yaml.read_text(encoding="utf-8")
    if "\navsnitt:" in seed:
        sys.exit("the seed already has avsnitt; adjust three_pages()")
    base = three_pages(seed)
    yaml.write_text(base, encoding="utf-8")
    pdf = proj / "out" / "arende-0001.pdf"
    proc = subprocess.Popen([kansli, "watch", "-q"], cwd=proj,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.perf_counter() + 60
        while not pdf.exists():
            if time.perf_counter() > deadline:
                sys.exit("kansli watch built nothing")
            time.sleep(0.01)
        time.sleep(0.5)  # let the watcher settle
        out = []
        for i in range(saves):
            before = pdf.stat().st_mtime_ns
            start = time.perf_counter()
            yaml.write_text(base.replace("ärende 1", f"ärende 1, version {i}"), encoding="utf-8")
            while True:
                try:
                    if pdf.stat().st_mtime_ns != before:
                        break
                except FileNotFoundError:
                    pass
                if time.perf_counter() - start > 30:
                    sys.exit("kansli watch did not rebuild")
                time.sleep(0.002)
            out.append(time.perf_counter() - start)
            time.sleep(0.3)
        pages = "?"
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            m = re.search(r"Pages:\s+(\d+)", info)
            pages = m.group(1) if m else "?"
        return statistics.median(out), max(out), pages
    finally:
        proc.terminate()
        proc.wait()


def fmt(x, unit="s"):
    return f"{x:.3f} {unit}".replace(".", ",")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--n-mem", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kansli", default=str(REPO / "target/release/kansli"))
    ap.add_argument("--typst", default=shutil.which("typst") or "typst")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    kansli = args.kansli
    typst_version = subprocess.run(
        [args.typst, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    kansli_version = subprocess.run(
        [kansli, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if "0.15.1" not in typst_version:
        sys.exit(f"expected typst 0.15.1 (as embedded in kansli), found {typst_version}")

    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}")
    print(f"versions: {kansli_version}; {typst_version}")
    print(f"command: python3 bench/bench.py --n {args.n} --n-mem {args.n_mem} --repeat {args.repeat}")
    print()

    with tempfile.TemporaryDirectory(prefix="kansli-bench-") as tmp:
        tmp = Path(tmp)
        proj = make_project(tmp / "p", args.n)
        keep = tmp / "keep"
        # Untimed: the sources for the CLI, and a check that all N build.
        run([kansli, "build", "-q", "--keep-typst", str(keep)], cwd=proj)
        sources = sorted(p for p in keep.rglob("*.typ") if "mall" not in p.parts)
        assert len(sources) == args.n, len(sources)
        pages = int(
            re.search(r"Pages:\s+(\d+)", subprocess.run(
                ["pdfinfo", str(proj / "out" / "arende-0001.pdf")],
                capture_output=True, text=True).stdout).group(1)
        ) if shutil.which("pdfinfo") else "?"

        typst_cmd = lambda src, out: [
            args.typst, "compile", "--root", str(keep), "--font-path", str(keep / "fonts"),
            "--ignore-system-fonts", "--pdf-standard", "a-2a,ua-1", str(src), str(out),
        ]
        cli_out = tmp / "cli"
        cli_out.mkdir()

        def kansli_batch(jobs=None):
            # --alltid: a full build every time (no incremental skipping).
            cmd = [kansli, "build", "-q", "--alltid", "-o", str(tmp / "kout")]
            if jobs:
                cmd += ["-j", str(jobs)]
            return run(cmd, cwd=proj)[0]

        def typst_loop():
            start = time.perf_counter()
            for src in sources:
                run(typst_cmd(src, cli_out / (src.stem + ".pdf")))
            return time.perf_counter() - start

        def typst_parallel():
            # What a technical user would script: `xargs -P $(nproc) typst compile`.
            from concurrent.futures import ThreadPoolExecutor
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                list(pool.map(lambda src: run(typst_cmd(src, cli_out / (src.stem + ".pdf"))), sources))
            return time.perf_counter() - start

        t_kansli = median(kansli_batch, args.repeat)
        t_kansli_1 = median(lambda: kansli_batch(1), args.repeat)
        t_typst = median(typst_loop, args.repeat)
        t_typst_par = median(typst_parallel, args.repeat)
        # Incremental: the same tree again (nothing changed), at N.
        run([kansli, "build", "-q"], cwd=proj)
        t_unchanged_n = median(lambda: run([kansli, "build", "-q"], cwd=proj)[0], args.repeat)

        one_yaml = proj / "content" / "arende-0001.yaml"
        one_src = sources[0]
        single_repeat = max(5, args.repeat * 3)
        t_one_kansli = median(
            lambda: run([kansli, "build", "-q", "--alltid", "-o", str(tmp / "one"), str(one_yaml)], cwd=proj)[0],
            single_repeat,
        )
        t_one_typst = median(lambda: run(typst_cmd(one_src, tmp / "one.pdf"))[0], single_repeat)

        _, _, profile = run(
            [kansli, "build", "-q", "-j", "1", "--tidsprofil", "-o", str(tmp / "prof")], cwd=proj
        )

        watch_median, watch_max, watch_pages = watch_latency(kansli, tmp / "w", 9)

        mem_proj = make_project(tmp / "m", args.n_mem)
        t_mem, rss_mem, _ = run([kansli, "build", "-q"], cwd=mem_proj)
        t_unchanged_mem = median(lambda: run([kansli, "build", "-q"], cwd=mem_proj)[0], args.repeat)
        changed = mem_proj / "content" / "arende-0500.yaml"
        edits = iter(range(1000))

        def one_changed():
            with open(changed, "a", encoding="utf-8") as f:
                f.write(f"# ändring {next(edits)}\n")
            t, _, err = run([kansli, "build", "-q"], cwd=mem_proj)
            return t

        t_one_changed = median(one_changed, args.repeat)
        _, rss_one, _ = run([kansli, "build", "-q", "--alltid", "-o", str(tmp / "one"), str(one_yaml)], cwd=proj)

    print(f"documents: {args.n} tjänsteskrivelser of {pages} pages each; median of {args.repeat} runs\n")
    print("| measurement | kansli | typst CLI | ratio (CLI / kansli) |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| N = {args.n}, kansli build (all cores) vs loop of typst compile | {fmt(t_kansli)} | {fmt(t_typst)} | {t_typst / t_kansli:.1f}× |")
    print(f"| N = {args.n}, kansli build -j 1 vs loop of typst compile | {fmt(t_kansli_1)} | {fmt(t_typst)} | {t_typst / t_kansli_1:.1f}× |")
    print(f"| N = {args.n}, kansli build (all cores) vs typst compile in parallel (-P {os.cpu_count()}) | {fmt(t_kansli)} | {fmt(t_typst_par)} | {t_typst_par / t_kansli:.1f}× |")
    print(f"| one document, end to end (median of {single_repeat}) | {fmt(t_one_kansli)} | {fmt(t_one_typst)} | {t_one_typst / t_one_kansli:.2f}× |")
    print()
    print(f"peak RSS, kansli build of N = {args.n_mem}: {rss_mem:.0f} MiB ({fmt(t_mem)}); of one document: {rss_one:.0f} MiB")
    print()
    print(f"incremental: unchanged tree, N = {args.n}: {fmt(t_unchanged_n)}; N = {args.n_mem}: {fmt(t_unchanged_mem)} "
          f"(target ≤ 0,3 s); one of {args.n_mem} changed: {fmt(t_one_changed)} (target ≤ 0,5 s)")
    print()
    print(f"kansli watch, save → PDF replaced ({watch_pages}-page tjänsteskrivelse, 9 saves): median {fmt(watch_median)}, slowest {fmt(watch_max)}")
    print()
    print(f"where kansli's time goes (N = {args.n}, -j 1):")
    print("```")
    print(profile.strip())
    print("```")


if __name__ == "__main__":
    main()
