//! `kansli watch`: build once, then rebuild on every save.
//!
//! Folders are watched, not files, so editors that save by writing a new file and
//! renaming it over the old one are seen like any other save. Events are batched by
//! `notify-debouncer-mini` ([`QUIET`]); which documents a batch rebuilds is decided by
//! the pure [`crate::pipeline::rebuild::plan`].
//!
//! Outputs are written by the same pipeline as `build`, so a failed build leaves the
//! previous PDF in place; the error is printed and watching goes on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::{RecursiveMode, Watcher};
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use super::report::{open_pipeline, print_diags};
use super::{CmdResult, Failure, Outcome};
use crate::pipeline::rebuild::{Layout, plan};
use crate::pipeline::{FileOutcome, Pipeline, RunOptions};
use crate::project::Project;

/// How long a path must be quiet before its change is reported.
const QUIET: Duration = Duration::from_millis(80);

/// What one document read, besides its own YAML: the rebuild triggers.
#[derive(Default)]
struct Reads {
    files: BTreeSet<PathBuf>,
}

struct State {
    pipeline: Pipeline,
    /// The paths given on the command line (absolute), or none for `content/`.
    roots: Vec<PathBuf>,
    opts: RunOptions,
    /// Every input document and what it read at its last build.
    docs: BTreeMap<PathBuf, Reads>,
    quiet: bool,
    cwd: PathBuf,
}

pub fn watch(
    project: Project,
    cwd: &Path,
    roots: &[PathBuf],
    out_dir: Option<PathBuf>,
    quiet: bool,
) -> CmdResult {
    let Some(pipeline) = open_pipeline(project, cwd) else {
        return Err(Failure::Usage);
    };
    let opts = RunOptions {
        out_dir,
        write: true,
        keep_bytes: false,
        incremental: true,
        reuse: false,
        remove_stale: false,
    };
    let mut state = State {
        pipeline,
        roots: roots.to_vec(),
        opts,
        docs: BTreeMap::new(),
        quiet,
        cwd: cwd.to_path_buf(),
    };
    let inputs = match state.pipeline.project.collect_inputs(&state.roots) {
        Ok(i) => i,
        Err(d) => {
            print_diags(d, cwd);
            return Err(Failure::Usage);
        }
    };

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(QUIET, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("fel: kan inte bevaka filer: {e}");
            return Err(Failure::Usage);
        }
    };
    let mut watched: BTreeMap<PathBuf, RecursiveMode> = BTreeMap::new();

    state.rebuild(&inputs, "första bygget");
    state.watch_all(debouncer.watcher(), &mut watched);
    eprintln!(
        "{} bevakar {} dokument; tryck Ctrl+C för att sluta",
        stamp(),
        state.docs.len()
    );

    // Each message is one debounced batch; a batch that arrives while a rebuild runs
    // is picked up right after it, together with any others waiting.
    while let Ok(first) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        collect(first, &mut changed);
        while let Ok(more) = rx.try_recv() {
            collect(more, &mut changed);
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        state.on_change(&changed);
        state.watch_all(debouncer.watcher(), &mut watched);
    }
    Ok(Outcome::Ok)
}

fn collect(batch: DebounceEventResult, into: &mut BTreeSet<PathBuf>) {
    if let Ok(events) = batch {
        into.extend(events.into_iter().map(|e| e.path));
    }
}

fn stamp() -> String {
    chrono::Local::now().format("[%H:%M:%S]").to_string()
}

impl State {
    fn project(&self) -> &Project {
        &self.pipeline.project
    }

    fn out_dir(&self) -> PathBuf {
        self.pipeline.out_dir(&self.opts)
    }

    fn layout(&self) -> Layout {
        Layout {
            root: self.project().root.clone(),
            out_dir: self.out_dir(),
            archive_dir: self.project().archive_dir(),
        }
    }

    fn on_change(&mut self, changed: &[PathBuf]) {
        let layout = self.layout();
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|p| layout.is_relevant(p))
            .cloned()
            .collect();
        if changed.is_empty() {
            return;
        }
        if changed.iter().any(|p| layout.is_project_file(p)) {
            match Project::open(&layout.root).and_then(Pipeline::new) {
                Ok(p) => self.pipeline = p,
                Err(d) => {
                    print_diags(d, &self.cwd);
                    eprintln!("{} projektet har fel; väntar på ändringar", stamp());
                    return;
                }
            }
        }
        // Inputs may have come or gone.
        let inputs: BTreeSet<PathBuf> = match self.project().collect_inputs(&self.roots) {
            Ok(i) => i.into_iter().collect(),
            Err(d) => {
                print_diags(d, &self.cwd);
                return;
            }
        };
        let reads: BTreeMap<PathBuf, BTreeSet<PathBuf>> = self
            .docs
            .iter()
            .map(|(d, r)| (d.clone(), r.files.clone()))
            .collect();
        let todo = plan(&layout, &changed, &reads, &inputs);
        self.docs.retain(|d, _| inputs.contains(d));
        if todo.targets.is_empty() {
            return;
        }
        let shown: Vec<&PathBuf> = changed
            .iter()
            .filter(|p| p.exists() || self.docs.contains_key(*p))
            .collect();
        let names: Vec<String> = shown
            .iter()
            .take(3)
            .map(|p| crate::diag::display_path(p, &self.cwd))
            .collect();
        let more = if shown.len() > 3 {
            format!(" och {} till", shown.len() - 3)
        } else {
            String::new()
        };
        let reason = format!("ändrat: {}{more}", names.join(", "));
        let list: Vec<PathBuf> = todo.targets.into_iter().collect();
        self.rebuild(&list, &reason);
    }

    /// Builds `inputs`, records what each read, prints one status line per document.
    fn rebuild(&mut self, inputs: &[PathBuf], reason: &str) {
        let started = Instant::now();
        let (outcomes, summary) = self.pipeline.run(inputs, &self.opts);
        let secs = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
        if !self.quiet && !reason.is_empty() {
            eprintln!("{} {reason}", stamp());
        }
        for o in &outcomes {
            self.docs.insert(o.source.clone(), self.reads(o));
            print_diags(o.diags.clone(), &self.cwd);
            let source = crate::diag::display_path(&o.source, &self.cwd);
            if o.failed() {
                eprintln!(
                    "{} fel i {source}; den förra PDF-filen ligger kvar. Väntar på ändringar …",
                    stamp()
                );
            } else if !self.quiet {
                for p in &o.outputs {
                    eprintln!(
                        "{} klar  {source} → {} ({} s.)",
                        stamp(),
                        crate::diag::display_path(&p.path, &self.cwd),
                        p.pages
                    );
                }
            }
        }
        let ok = summary.files - summary.failed;
        let mut line = format!(
            "{} {ok} av {} dokument byggda på {secs} s",
            stamp(),
            summary.files
        );
        if summary.failed > 0 {
            line.push_str(&format!("; {} med fel", summary.failed));
        }
        eprintln!("{line}");
    }

    /// Files a document's build depends on (see [`FileOutcome::deps`]).
    fn reads(&self, o: &FileOutcome) -> Reads {
        let mut files: BTreeSet<PathBuf> = o.deps.iter().cloned().collect();
        files.insert(o.source.clone());
        Reads { files }
    }

    /// Watches every folder that holds something a document read, plus the inputs'
    /// roots (for new files) and the project's own files.
    /// Folders no longer needed are unwatched, so the set follows the project.
    fn watch_all(&self, watcher: &mut dyn Watcher, watched: &mut BTreeMap<PathBuf, RecursiveMode>) {
        let root = self.project().root.clone();
        let mut want: Vec<(PathBuf, RecursiveMode)> =
            vec![(root.clone(), RecursiveMode::NonRecursive)];
        let roots = if self.roots.is_empty() {
            vec![self.project().content_dir()]
        } else {
            self.roots.clone()
        };
        for r in roots {
            if r.is_dir() {
                want.push((r, RecursiveMode::Recursive));
            } else if let Some(parent) = r.parent() {
                want.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        for dir in ["templates", "fonts"] {
            want.push((root.join(dir), RecursiveMode::Recursive));
        }
        for reads in self.docs.values() {
            for f in &reads.files {
                if let Some(parent) = f.parent() {
                    want.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
                }
            }
        }
        let want: BTreeMap<PathBuf, RecursiveMode> =
            want.into_iter().filter(|(d, _)| d.is_dir()).rev().collect();
        let stale: Vec<PathBuf> = watched
            .keys()
            .filter(|d| !want.contains_key(*d))
            .cloned()
            .collect();
        for dir in stale {
            let _ = watcher.unwatch(&dir);
            watched.remove(&dir);
        }
        for (dir, mode) in want {
            if watched.contains_key(&dir) {
                continue;
            }
            // A folder under a recursively watched one is already covered.
            let covered = watched
                .iter()
                .any(|(w, m)| *m == RecursiveMode::Recursive && dir.starts_with(w) && *w != dir);
            if covered {
                continue;
            }
            if watcher.watch(&dir, mode).is_ok() {
                watched.insert(dir, mode);
            }
        }
    }
}
