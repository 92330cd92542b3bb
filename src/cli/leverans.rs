//! `kansli leverans`: a submission package of the archive for an e-arkiv, on top of
//! [`crate::archive::leverans`].

use std::path::Path;

use super::args::LeveransArgs;
use super::{CmdResult, Outcome, absolute};
use crate::archive::leverans::{self, Options, count};
use crate::diag::display_path;

pub fn leverans(cwd: &Path, dir: &Path, args: &LeveransArgs) -> CmdResult {
    let opts = Options {
        from: args.from,
        to: args.to,
        dnr: args.dnr.clone(),
        created: args.created,
    };
    let out = absolute(cwd, &args.out);
    let fail = |errors: Vec<String>| {
        for e in errors {
            eprintln!("fel: {e}");
        }
        eprintln!("inget paket skrevs");
        Ok(Outcome::Failed)
    };
    let _lock = match leverans::lock_shared(dir, || {
        eprintln!("  väntar: en annan kansli arbetar med arkivet …")
    }) {
        Ok(l) => l,
        Err(e) => return fail(e.0),
    };
    let pkg = match leverans::plan(dir, &opts) {
        Ok(p) => p,
        Err(e) => return fail(e.0),
    };
    let written = if args.zip {
        leverans::write_zip(&pkg, &out)
    } else {
        leverans::write_dir(&pkg, &out)
    };
    match written {
        Ok(w) => {
            eprintln!(
                "  paket {} ({} filer, {} byte)\n{} i {} och {} ur {}, skapat {}",
                display_path(&w.path, cwd),
                w.files,
                w.bytes,
                count(pkg.documents, "handling", "handlingar"),
                count(pkg.arenden, "ärende", "ärenden"),
                count(pkg.sammantraden, "sammanträde", "sammanträden"),
                display_path(dir, cwd),
                pkg.created
            );
            Ok(Outcome::Ok)
        }
        Err(e) => fail(e.0),
    }
}
