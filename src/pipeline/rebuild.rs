//! Which documents a set of changed files rebuilds: the pure decision behind `watch`
//! (no file system, no clock), so it can be tested case by case.
//!
//! - `kansli.yaml` or a font: the project is reopened and every document rebuilt;
//! - a template or profile file: the project is reopened (its caches are stale) and the
//!   documents that read that file are rebuilt (all of them when no document is known
//!   to read it: an include, a new file);
//! - anything else (a document's YAML, an ärende on a meeting's agenda, a bilaga): the
//!   documents that read it are rebuilt;
//! - inputs that appeared since the last build are built for the first time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where things are in the project, for sorting changes out.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    pub out_dir: PathBuf,
    pub archive_dir: PathBuf,
}

impl Layout {
    /// Own output, the archive, version control and editor droppings are not changes.
    pub fn is_relevant(&self, p: &Path) -> bool {
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
            && !p.starts_with(&self.out_dir)
            && !p.starts_with(&self.archive_dir)
            && !p.components().any(|c| c.as_os_str() == ".git")
    }

    /// Files whose change means reopening the project (config, templates, fonts).
    pub fn is_project_file(&self, p: &Path) -> bool {
        p == self.root.join("kansli.yaml")
            || p.starts_with(self.root.join("templates"))
            || p.starts_with(self.root.join("fonts"))
    }
}

/// What to do about a set of changes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Reopen the project (templates, profiles, fonts or kansli.yaml changed).
    pub reopen: bool,
    /// The documents to build, in path order.
    pub targets: BTreeSet<PathBuf>,
}

/// Decides what `changed` rebuilds. `reads` maps every document built before to the
/// files it read (its own YAML included); `inputs` is the set of inputs now.
pub fn plan(
    layout: &Layout,
    changed: &[PathBuf],
    reads: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    inputs: &BTreeSet<PathBuf>,
) -> Plan {
    let changed: Vec<&PathBuf> = changed.iter().filter(|p| layout.is_relevant(p)).collect();
    let mut plan = Plan::default();
    if changed.is_empty() {
        return plan;
    }
    let mut everything = false;
    for p in &changed {
        let used_by = reads
            .iter()
            .filter(|(_, r)| r.contains(*p))
            .map(|(d, _)| d.clone());
        if layout.is_project_file(p) {
            plan.reopen = true;
            let used: Vec<PathBuf> = used_by.collect();
            if used.is_empty() || !p.starts_with(layout.root.join("templates")) {
                everything = true;
            }
            plan.targets.extend(used);
        } else {
            plan.targets.extend(used_by);
        }
        if inputs.contains(*p) {
            plan.targets.insert((*p).clone());
        }
    }
    plan.targets
        .extend(inputs.iter().filter(|i| !reads.contains_key(*i)).cloned());
    if everything {
        plan.targets = inputs.clone();
    }
    // A document that is no longer an input is not built.
    plan.targets.retain(|t| inputs.contains(t));
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            root: "/p".into(),
            out_dir: "/p/out".into(),
            archive_dir: "/p/arkiv".into(),
        }
    }

    fn set(items: &[&str]) -> BTreeSet<PathBuf> {
        items.iter().map(PathBuf::from).collect()
    }

    /// Two documents: a tjänsteskrivelse with a bilaga, and a meeting listing it.
    fn world() -> (BTreeMap<PathBuf, BTreeSet<PathBuf>>, BTreeSet<PathBuf>) {
        let mut reads = BTreeMap::new();
        reads.insert(
            PathBuf::from("/p/content/a.yaml"),
            set(&[
                "/p/content/a.yaml",
                "/p/content/bilaga.pdf",
                "/p/templates/tjansteskrivelse.typ.j2",
            ]),
        );
        reads.insert(
            PathBuf::from("/p/content/m.yaml"),
            set(&[
                "/p/content/m.yaml",
                "/p/content/a.yaml",
                "/p/templates/sammantrade.typ.j2",
            ]),
        );
        let inputs = set(&["/p/content/a.yaml", "/p/content/m.yaml"]);
        (reads, inputs)
    }

    fn run(changed: &[&str]) -> Plan {
        let (reads, inputs) = world();
        let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
        plan(&layout(), &changed, &reads, &inputs)
    }

    #[test]
    fn an_arende_rebuilds_itself_and_its_meeting() {
        let p = run(&["/p/content/a.yaml"]);
        assert!(!p.reopen);
        assert_eq!(p.targets, set(&["/p/content/a.yaml", "/p/content/m.yaml"]));
    }

    #[test]
    fn a_bilaga_rebuilds_only_the_document_that_reads_it() {
        let p = run(&["/p/content/bilaga.pdf"]);
        assert_eq!(p.targets, set(&["/p/content/a.yaml"]));
    }

    #[test]
    fn a_template_reopens_and_rebuilds_its_users() {
        let p = run(&["/p/templates/sammantrade.typ.j2"]);
        assert!(p.reopen);
        assert_eq!(p.targets, set(&["/p/content/m.yaml"]));
    }

    #[test]
    fn an_unknown_template_file_rebuilds_everything() {
        let p = run(&["/p/templates/lib/ny.typ"]);
        assert!(p.reopen);
        assert_eq!(p.targets.len(), 2);
    }

    #[test]
    fn config_and_fonts_rebuild_everything() {
        for f in ["/p/kansli.yaml", "/p/fonts/x/X-Regular.ttf"] {
            let p = run(&[f]);
            assert!(p.reopen, "{f}");
            assert_eq!(p.targets.len(), 2, "{f}");
        }
    }

    #[test]
    fn own_output_and_editor_junk_are_ignored() {
        for f in [
            "/p/out/a.pdf",
            "/p/arkiv/manifest.json",
            "/p/content/.a.yaml.swp",
            "/p/content/a.yaml~",
            "/p/content/4913",
            "/p/.git/index",
            "/p/content/.kansli-123.tmp",
        ] {
            assert_eq!(run(&[f]), Plan::default(), "{f}");
        }
    }

    #[test]
    fn a_new_input_is_built_and_a_removed_one_is_not() {
        let (reads, mut inputs) = world();
        inputs.insert("/p/content/ny.yaml".into());
        inputs.remove(&PathBuf::from("/p/content/m.yaml"));
        let p = plan(
            &layout(),
            &["/p/content/ny.yaml".into(), "/p/content/a.yaml".into()],
            &reads,
            &inputs,
        );
        assert_eq!(p.targets, set(&["/p/content/a.yaml", "/p/content/ny.yaml"]));
    }

    #[test]
    fn an_unrelated_file_builds_nothing() {
        assert!(run(&["/p/content/anteckningar.txt"]).targets.is_empty());
    }
}
