//! Gives the binary a build identity (`KANSLI_BUILD_ID`): a hash of its sources and
//! built-in files. The incremental build's run key holds it, so that a kansli built
//! from other sources rebuilds what an earlier one wrote, even at the same version.

use std::path::Path;

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, files);
        } else {
            files.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(Path::new(dir), &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits: stable, and enough to tell builds apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        feed(f.to_string_lossy().as_bytes());
        feed(&std::fs::read(f).unwrap_or_default());
    }
    println!("cargo:rustc-env=KANSLI_BUILD_ID={h:016x}");
}
