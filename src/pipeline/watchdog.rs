//! A time limit for typesetting one document.
//!
//! Typst cannot be interrupted: a template that loops for ever (a project's own
//! override, say) would hang the whole batch. So each document is typeset on a
//! thread of its own while the batch worker waits for it at most [`limit`]. Past
//! the limit the document fails with a message naming it and its template, the
//! worker goes on with the batch's other documents, and the runaway thread is left
//! behind: when the batch is done, `main` returns and the process ends, which ends
//! the thread too. (The alternatives: a process per document costs 20–30 ms of
//! start-up and font loading each, more than the typesetting itself; cooperative
//! cancellation does not exist in Typst 0.15.) Until then the runaway thread keeps
//! one core busy; `watch` says so and should be restarted.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use crate::typeset::{Job, Typeset, Typesetter, TypstProblem};

/// The environment variable that sets the limit, in seconds.
pub const LIMIT_ENV: &str = "KANSLI_TIDSGRANS";

/// The default limit per document: a 100-page meeting pack typesets in a few
/// seconds on a slow machine.
const DEFAULT_LIMIT: Duration = Duration::from_secs(120);

/// The time limit per document: `KANSLI_TIDSGRANS` seconds, else two minutes.
pub fn limit() -> Duration {
    std::env::var(LIMIT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_LIMIT)
}

/// Typesets `job` on its own thread; `Err(limit)` if it did not finish in time.
#[allow(clippy::type_complexity)]
pub fn typeset(
    typesetter: &Arc<Typesetter>,
    job: Job,
    label: &str,
) -> Result<Result<Typeset, Vec<TypstProblem>>, Duration> {
    let limit = limit();
    let (tx, rx) = mpsc::sync_channel(1);
    let ts = Arc::clone(typesetter);
    let spawned = std::thread::Builder::new()
        .name(format!("typst {label}"))
        .spawn(move || {
            // (A panic inside Typst is the document's error, with its message.)
            let result = super::panics::guarded(|| ts.typeset(job)).unwrap_or_else(|what| {
                Err(vec![problem(format!(
                    "Typst avbröts av ett internt fel: {what}"
                ))])
            });
            let _ = tx.send(result);
        });
    let handle = match spawned {
        Ok(h) => h,
        Err(e) => {
            return Ok(Err(vec![problem(format!(
                "kunde inte starta sättningen: {e}"
            ))]));
        }
    };
    match rx.recv_timeout(limit) {
        Ok(result) => {
            let _ = handle.join();
            Ok(result)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(limit),
        // The thread ended without an answer: it panicked inside Typst.
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            Ok(Err(vec![problem(
                "Typst avbröts av ett internt fel".into(),
            )]))
        }
    }
}

fn problem(message: String) -> TypstProblem {
    TypstProblem {
        message,
        hints: Vec::new(),
        main_pos: None,
        file: None,
        missing_char: None,
    }
}
