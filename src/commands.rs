//! The subcommands: each wires the pipeline stages together and reports to the user.
//! Exit status: 0 all fine, 1 a document had errors, 2 wrong usage or no project.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use crate::build::{Pipeline, RunOptions, Summary};
use crate::cli::{BatchArgs, Cli, Command};
use crate::diag::Diagnostics;
use crate::project::Project;

pub const EXIT_OK: u8 = 0;
pub const EXIT_DOC_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let start = cli.global.project.clone().unwrap_or_else(|| cwd.clone());
    let project = match Project::discover(&start) {
        Ok(p) => p,
        Err(diags) => {
            print_diags(diags, &cwd);
            return EXIT_USAGE;
        }
    };
    match cli.command {
        Command::Build(args) => {
            let opts = RunOptions {
                out_dir: args.out.map(|o| absolute(&cwd, &o)),
                write: true,
                keep_typst: args.keep_typst.map(|k| absolute(&cwd, &k)),
            };
            batch(project, &cwd, &args.paths, &args.batch, opts)
        }
        Command::Check(args) => {
            let opts = RunOptions {
                out_dir: None,
                write: false,
                keep_typst: None,
            };
            batch(project, &cwd, &args.paths, &args.batch, opts)
        }
    }
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

/// Sets up the thread pool for `--jobs`.
fn configure_jobs(batch: &BatchArgs) {
    if let Some(n) = batch.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
}

fn batch(
    project: Project,
    cwd: &Path,
    paths: &[PathBuf],
    batch: &BatchArgs,
    opts: RunOptions,
) -> u8 {
    configure_jobs(batch);
    let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(cwd, p)).collect();
    let inputs = match project.collect_inputs(&paths) {
        Ok(i) => i,
        Err(d) => {
            print_diags(d, cwd);
            return EXIT_USAGE;
        }
    };
    if inputs.is_empty() {
        eprintln!(
            "fel: inga YAML-filer hittades (letade i {})",
            if paths.is_empty() {
                crate::diag::display_path(&project.content_dir(), cwd)
            } else {
                "de angivna sökvägarna".into()
            }
        );
        return EXIT_USAGE;
    }
    let pipeline = match Pipeline::new(project) {
        Ok(p) => p,
        Err(d) => {
            print_diags(d, cwd);
            return EXIT_USAGE;
        }
    };
    let (outcomes, summary) = pipeline.run(&inputs, &opts);
    let mut all = Diagnostics::default();
    for o in &outcomes {
        if !batch.quiet && !o.failed() {
            for p in &o.outputs {
                if opts.write {
                    eprintln!(
                        "  klar  {} → {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        crate::diag::display_path(&p.path, cwd),
                        pages(p.pages)
                    );
                } else {
                    eprintln!(
                        "  ok    {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        pages(p.pages)
                    );
                }
            }
        }
        all.extend(o.diags.clone());
    }
    print_diags(all, cwd);
    print_summary(&summary, opts.write);
    if summary.failed > 0 {
        EXIT_DOC_ERRORS
    } else {
        EXIT_OK
    }
}

fn pages(n: usize) -> String {
    if n == 1 {
        "1 sida".into()
    } else {
        format!("{n} sidor")
    }
}

pub fn print_diags(diags: Diagnostics, cwd: &Path) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags.sorted() {
        let text = d.render(cwd);
        if color {
            let (start, end) = match d.severity {
                crate::diag::Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
                crate::diag::Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            };
            let mut lines = text.lines();
            if let Some(first) = lines.next() {
                eprintln!("{start}{first}{end}");
            }
            for l in lines {
                eprintln!("{l}");
            }
        } else {
            eprint!("{text}");
        }
    }
}

fn print_summary(s: &Summary, wrote: bool) {
    let secs = format!("{:.2}", s.elapsed.as_secs_f64()).replace('.', ",");
    let ok = s.files - s.failed;
    let files = if s.pdfs == 1 {
        "1 PDF-fil".to_string()
    } else {
        format!("{} PDF-filer", s.pdfs)
    };
    let mut line = if wrote {
        format!(
            "{ok} av {} dokument byggda ({files}, {}) på {secs} s",
            s.files,
            pages(s.pages)
        )
    } else {
        format!(
            "{ok} av {} dokument utan fel ({}, inget skrivet) på {secs} s",
            s.files,
            pages(s.pages)
        )
    };
    if s.failed > 0 {
        line.push_str(&format!("; {} misslyckades", s.failed));
    }
    if s.warnings > 0 {
        let w = if s.warnings == 1 {
            "varning"
        } else {
            "varningar"
        };
        line.push_str(&format!("; {} {w}", s.warnings));
    }
    eprintln!("{line}");
}
