//! The fuzz targets' saved corpora (`fuzz/corpus/<mål>/`) and their seeds (the bundled
//! content, the bad-input fixtures, the bilaga fixtures) replayed through the same
//! target functions `fuzz/run.sh` fuzzes, so that every input a fuzzer once found
//! stays fixed. Each input runs on a thread with a small stack, as the batch's
//! workers have, so that a stack overflow would show here too.

use std::path::PathBuf;

use crate::common::repo_root;

fn files(dirs: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        for e in walkdir::WalkDir::new(repo_root().join(dir)).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                out.push(e.into_path());
            }
        }
    }
    out
}

fn replay(target: fn(&[u8]), dirs: &[&str]) {
    let inputs = files(dirs);
    assert!(!inputs.is_empty(), "inga indata i {dirs:?}");
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap();
        let shown = path
            .strip_prefix(repo_root())
            .unwrap_or(&path)
            .display()
            .to_string();
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || target(&bytes))
            .unwrap()
            .join();
        assert!(
            result.is_ok(),
            "{shown}: målet föll (se panikmeddelandet ovan)"
        );
    }
}

#[test]
fn fuzz_corpus_yaml() {
    replay(
        kansli::fuzz::yaml,
        &[
            "fuzz/corpus/yaml",
            "content",
            "tests/fixtures/fel",
            "templates/profiles",
        ],
    );
}

#[test]
fn fuzz_corpus_markdown() {
    replay(
        kansli::fuzz::markdown,
        &["fuzz/corpus/markdown", "tests/fixtures/fel"],
    );
}

#[test]
fn fuzz_corpus_pdf() {
    replay(
        kansli::fuzz::pdf,
        &["fuzz/corpus/pdf", "tests/fixtures/bilagor"],
    );
}
