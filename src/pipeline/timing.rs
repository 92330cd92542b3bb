//! Where the time goes: CPU time per pipeline stage, summed over all threads, for
//! `build --tidsprofil` and the benchmark. Cheap enough to be always on.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// Reading YAML, checking it, reading bilagor.
    Load = 0,
    /// Filling the minijinja templates.
    Render = 1,
    /// Typst: parsing, evaluation and layout.
    Layout = 2,
    /// Typst: PDF export.
    Pdf = 3,
    /// Writing files.
    Write = 4,
}

const NAMES: [&str; 5] = [
    "inläsning och kontroll av YAML",
    "mallar (minijinja)",
    "Typst: sättning",
    "Typst: PDF-export",
    "skrivning av filer",
];

static NANOS: [AtomicU64; 5] = [const { AtomicU64::new(0) }; 5];

thread_local! {
    /// Time spent in timed calls nested inside the current one on this thread.
    static NESTED: Cell<u64> = const { Cell::new(0) };
}

/// Runs `f`, adding its duration to `stage`.
///
/// Only the call's own time counts: when rayon's work stealing runs another
/// document's stage on this thread while `f` waits (Typst parallelises inside
/// layout), that stage is timed by its own call and subtracted here.
pub fn time<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    let outer = NESTED.with(|n| n.replace(0));
    let start = Instant::now();
    let out = f();
    let total = start.elapsed().as_nanos() as u64;
    let nested = NESTED.with(|n| n.get());
    NANOS[stage as usize].fetch_add(total.saturating_sub(nested), Ordering::Relaxed);
    NESTED.with(|n| n.set(outer + total));
    out
}

/// A table of the stages, in Swedish.
pub fn report() -> String {
    let values: Vec<f64> = NANOS
        .iter()
        .map(|n| n.load(Ordering::Relaxed) as f64 / 1e9)
        .collect();
    let total: f64 = values.iter().sum::<f64>().max(1e-9);
    let mut out = String::from("Tidsprofil (varje stegs egen tid, summerad över trådar):\n");
    for (name, v) in NAMES.iter().zip(&values) {
        out.push_str(&format!(
            "  {name:<32} {:>8} s  {:>5} %\n",
            format!("{v:.3}").replace('.', ","),
            format!("{:.1}", 100.0 * v / total).replace('.', ",")
        ));
    }
    out
}
