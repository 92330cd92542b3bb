//! The command line: arguments (`args`), one file per command, and the terminal report
//! (`report`). This layer is the only one that prints; the stages below it return
//! diagnostics and outcomes. Exit status: 0 all fine, 1 a document had errors, 2 wrong
//! usage or no project.

pub mod archive;
pub mod args;
pub mod build;
pub mod leverans;
pub mod new;
pub mod report;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::pipeline::RunOptions;
use crate::project::Project;
use args::Command;
pub use args::{Cli, translate_error};
use build::{batch, configure_jobs};
use new::{new, schema};
use report::print_diags;

/// How a command that ran ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Ok,
    /// A document (or archive entry) had errors; they were reported.
    Failed,
}

/// A command that could not run as asked (wrong usage, no project, fonts or templates
/// unusable); the reason was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Usage,
}

pub type CmdResult = Result<Outcome, Failure>;

/// The process exit code of a command's result: 0, 1 or 2.
pub fn exit_code(result: CmdResult) -> u8 {
    match result {
        Ok(Outcome::Ok) => 0,
        Ok(Outcome::Failed) => 1,
        Err(Failure::Usage) => 2,
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> CmdResult {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // (With `-C`, paths are read from the project folder, and messages name them from
    // there: `GlobalArgs::project_is_cwd`.)
    let cwd = match &cli.global.project {
        Some(dir) if cli.global.project_is_cwd => {
            // (Canonical, as the project's root is: "-C ../x" named every file by its
            // absolute path, the review of session 54's diff.)
            let dir = absolute(&cwd, dir);
            std::fs::canonicalize(&dir).unwrap_or(dir)
        }
        _ => cwd,
    };
    if let Command::Schema(args) = &cli.command {
        return schema(&cwd, args.out.as_deref());
    }
    let start = cli.global.project.clone().unwrap_or_else(|| cwd.clone());
    let project = match Project::discover(&start) {
        Ok(p) => p,
        Err(diags) => {
            print_diags(diags, &cwd);
            return Err(Failure::Usage);
        }
    };
    match cli.command {
        Command::Build(args) => {
            let opts = RunOptions {
                out_dir: args.targets.out.map(|o| absolute(&cwd, &o)),
                write: true,
                keep_bytes: false,
                incremental: !args.always,
                reuse: false,
                remove_stale: true,
            };
            let keep = args.keep_typst.map(|k| absolute(&cwd, &k));
            let code = batch(project, &cwd, &args.targets.paths, &args.batch, opts, keep);
            if args.profile_time {
                eprint!("{}", crate::pipeline::timing::report());
            }
            code
        }
        Command::Check(args) => {
            let opts = RunOptions {
                out_dir: None,
                write: false,
                keep_bytes: false,
                incremental: false,
                reuse: false,
                remove_stale: false,
            };
            batch(project, &cwd, &args.paths, &args.batch, opts, None)
        }
        Command::Watch(args) => {
            configure_jobs(&args.batch);
            watch::watch(
                project,
                &cwd,
                &args
                    .targets
                    .paths
                    .iter()
                    .map(|p| absolute(&cwd, p))
                    .collect::<Vec<_>>(),
                args.targets.out.map(|o| absolute(&cwd, &o)),
                args.batch.quiet,
            )
        }
        Command::Archive(args) => {
            let dir = args
                .archive
                .map(|d| absolute(&cwd, &d))
                .unwrap_or_else(|| project.archive_dir());
            match args.signed {
                Some(file) => archive::signed(&project, &cwd, &absolute(&cwd, &file), dir),
                None => {
                    configure_jobs(&args.batch);
                    let paths: Vec<PathBuf> =
                        args.paths.iter().map(|p| absolute(&cwd, p)).collect();
                    archive::archive(project, &cwd, &paths, dir)
                }
            }
        }
        Command::Verify(args) => {
            let dir = args
                .archive
                .map(|d| absolute(&cwd, &d))
                .unwrap_or_else(|| project.archive_dir());
            archive::verify(&project, &cwd, dir)
        }
        Command::Leverans(args) => {
            let dir = args
                .archive
                .as_ref()
                .map(|d| absolute(&cwd, d))
                .unwrap_or_else(|| project.archive_dir());
            leverans::leverans(&cwd, &dir, &args)
        }
        Command::New(args) => new(project, &cwd, &args.kind, &absolute(&cwd, &args.file)),
        Command::Schema(_) => unreachable!("handled before the project is looked up"),
    }
}

pub(crate) fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}
