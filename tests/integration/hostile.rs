//! Hostile and broken input (issue 18): each test builds its attack, runs the real
//! binary on a batch with one good document beside it, and checks the exact outcome:
//! exit status, a Swedish message at `file:line:col`, the good document built, no
//! PDF or temporary file for the bad one, and nothing written outside the project's
//! content and output folders.

use std::path::Path;

use crate::common::*;

/// Every file under the project that is neither input (content/, templates/,
/// kansli.yaml) nor output (out/): there must be none.
fn stray_files(p: &Project) -> Vec<String> {
    walkdir::WalkDir::new(p.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(p.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|rel| {
            !(rel.starts_with("content/")
                || rel.starts_with("templates/")
                || rel.starts_with("fonts/")
                || rel == "kansli.yaml"
                || (rel.starts_with("out/") && !rel.contains(".kansli-")))
        })
        .collect()
}

/// Runs `build` on the project (one bad file among good ones) and checks the common
/// promises; returns the run for the test's own assertions.
#[track_caller]
fn build_batch(p: &Project, bad: &str, head: &str, fragments: &[&str]) -> Run {
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "exit 1 väntades\n{}", run.stderr);
    let want = format!("content/{bad}:{head}");
    assert!(run.stderr.contains(&want), "väntade {want:?} i\n{}", run.stderr);
    for f in fragments {
        assert!(run.stderr.contains(f), "väntade {f:?} i\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let bad_pdf = format!("out/{}.pdf", bad.trim_end_matches(".yaml"));
    assert!(!p.pdfs().contains(&bad_pdf), "{bad_pdf} skrevs: {:?}", p.pdfs());
    assert!(p.pdfs().contains(&"out/ok.pdf".to_string()), "det goda dokumentet byggdes inte: {:?}\n{}", p.pdfs(), run.stderr);
    assert_eq!(stray_files(p), Vec::<String>::new(), "filer utanför out/");
    run
}

/// A project with one good document, `content/ok.yaml`.
fn with_good() -> Project {
    let p = Project::new();
    p.write("content/ok.yaml", &tjanst(""));
    p
}

// ---------------------------------------------------------------------------------
// Item 6: YAML that would expand past memory or overflow the parser's stack.

#[test]
fn issue18_6_a_large_value_aliased_300_times_is_refused_at_the_alias() {
    let p = with_good();
    let mut yaml = tjanst("");
    yaml.push_str(&format!("x: &stor \"{}\"\n", "x".repeat(2 << 20)));
    yaml.push_str(&format!("y: [{}]\n", vec!["*stor"; 300].join(", ")));
    p.write("content/bomb.yaml", &yaml);
    let line = yaml.lines().count();
    let run = build_batch(&p, "bomb.yaml", &format!("{line}:"), &["hänvisningarna (*alias)", "för stor"]);
    // The source line is not echoed whole (it is 2 000 characters long).
    assert!(run.stderr.len() < 4_000, "{} tecken fel", run.stderr.len());
}

#[test]
fn issue18_6_nesting_5000_deep_is_refused_before_the_parser_recurses() {
    let p = with_good();
    let yaml = tjanst(&format!("z:\n{}x\n", "- ".repeat(5_000)));
    let line = yaml.lines().count();
    p.write("content/djup.yaml", &yaml);
    p.write("content/hak.yaml", &tjanst(&format!("z: {}\n", "[".repeat(5_000))));
    let run = build_batch(&p, "djup.yaml", &format!("{line}:127:"), &["för djup nästling"]);
    assert!(run.stderr.contains("content/hak.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("2 misslyckades"), "{}", run.stderr);
}
