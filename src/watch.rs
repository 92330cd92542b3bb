//! `kansli watch`: build once, then rebuild on every save.
//!
//! Folders are watched, not files, so editors that save by writing a new file and
//! renaming it over the old one are seen like any other save. Events are collected
//! until the folder has been quiet for [`QUIET`], then sorted out:
//!
//! - `kansli.yaml` or a font: the project is reopened and every document rebuilt;
//! - a template or profile file: the project is reopened (its caches are stale) and the
//!   documents that use that file are rebuilt;
//! - anything else (a document's YAML, an ärende on a meeting's agenda, a bilaga): the
//!   documents that read it are rebuilt, and new YAML files under the watched paths
//!   are built for the first time.
//!
//! Outputs are written by the same pipeline as `build`, so a failed build leaves the
//! previous PDF in place; the error is printed and watching goes on.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::{FileOutcome, Pipeline, RunOptions};
use crate::commands::{EXIT_USAGE, open_pipeline, print_diags};
use crate::project::Project;

/// How long the watched folders must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(80);
/// The longest a burst of events can delay a rebuild.
const MAX_WAIT: Duration = Duration::from_millis(500);

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
) -> u8 {
    let Some(pipeline) = open_pipeline(project, cwd) else {
        return EXIT_USAGE;
    };
    let opts = RunOptions {
        out_dir,
        write: true,
        keep_bytes: false,
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
            return EXIT_USAGE;
        }
    };

    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("fel: kan inte bevaka filer: {e}");
            return EXIT_USAGE;
        }
    };
    let mut watched: HashMap<PathBuf, RecursiveMode> = HashMap::new();

    state.rebuild(&inputs, "första bygget");
    state.watch_all(&mut watcher, &mut watched);
    eprintln!(
        "{} bevakar {} dokument; tryck Ctrl+C för att sluta",
        stamp(),
        state.docs.len()
    );

    loop {
        // Block for the first event, then gather the burst.
        let Ok(first) = rx.recv() else { return 0 };
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        collect(first, &mut changed);
        let burst = Instant::now();
        while burst.elapsed() < MAX_WAIT {
            match rx.recv_timeout(QUIET) {
                Ok(ev) => collect(ev, &mut changed),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return 0,
            }
        }
        let changed: Vec<PathBuf> = changed.into_iter().filter(|p| state.relevant(p)).collect();
        if changed.is_empty() {
            continue;
        }
        state.on_change(&changed);
        state.watch_all(&mut watcher, &mut watched);
    }
}

fn collect(ev: notify::Result<notify::Event>, into: &mut BTreeSet<PathBuf>) {
    use notify::EventKind;
    let Ok(ev) = ev else { return };
    if matches!(ev.kind, EventKind::Access(_)) {
        return;
    }
    into.extend(ev.paths);
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

    /// Own output, editor droppings and folders nobody reads are not changes.
    fn relevant(&self, p: &Path) -> bool {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let junk = name.starts_with(".kansli-")
            || name.starts_with(".#")
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
            || name == "4913";
        !junk
            && !p.starts_with(self.out_dir())
            && !p.starts_with(self.project().archive_dir())
            && !p.components().any(|c| c.as_os_str() == ".git")
    }

    /// Project files whose change means reopening the project.
    fn is_project_file(&self, p: &Path) -> bool {
        let root = &self.project().root;
        p == root.join("kansli.yaml")
            || p.starts_with(root.join("templates"))
            || p.starts_with(root.join("fonts"))
    }

    fn on_change(&mut self, changed: &[PathBuf]) {
        let root = self.project().root.clone();
        let mut targets: BTreeSet<PathBuf> = BTreeSet::new();
        let mut everything = false;

        if changed.iter().any(|p| self.is_project_file(p)) {
            match Project::open(&root).and_then(Pipeline::new) {
                Ok(p) => self.pipeline = p,
                Err(d) => {
                    print_diags(d, &self.cwd);
                    eprintln!("{} projektet har fel; väntar på ändringar", stamp());
                    return;
                }
            }
            for p in changed.iter().filter(|p| self.is_project_file(p)) {
                let used_by: Vec<PathBuf> = self
                    .docs
                    .iter()
                    .filter(|(_, r)| r.files.contains(p))
                    .map(|(d, _)| d.clone())
                    .collect();
                // kansli.yaml, fonts, and template files no document is known to read
                // (an include, a new file) may affect anything.
                if used_by.is_empty() || !p.starts_with(root.join("templates")) {
                    everything = true;
                }
                targets.extend(used_by);
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
        self.docs.retain(|d, _| inputs.contains(d));
        for p in changed {
            if inputs.contains(p) {
                targets.insert(p.clone());
            }
            for (doc, reads) in &self.docs {
                if reads.files.contains(p) {
                    targets.insert(doc.clone());
                }
            }
        }
        for i in &inputs {
            if !self.docs.contains_key(i) {
                targets.insert(i.clone());
            }
        }
        if everything {
            targets = inputs.clone();
        }
        if targets.is_empty() {
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
        let list: Vec<PathBuf> = targets.into_iter().collect();
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
    fn watch_all(&self, watcher: &mut impl Watcher, watched: &mut HashMap<PathBuf, RecursiveMode>) {
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
        for (dir, mode) in want {
            if !dir.is_dir() || watched.contains_key(&dir) {
                continue;
            }
            // A folder under a recursively watched one is already covered.
            let covered = watched
                .iter()
                .any(|(w, m)| *m == RecursiveMode::Recursive && dir.starts_with(w));
            if covered {
                continue;
            }
            if watcher.watch(&dir, mode).is_ok() {
                watched.insert(dir, mode);
            }
        }
    }
}
