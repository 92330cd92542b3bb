//! A panic while a file is built (a bug in kansli or in Typst) is that file's error:
//! the batch goes on, and the user reads one Swedish line naming the file, not Rust's
//! message and backtrace hint on stderr (review 42: a panic in one meeting's
//! attendance printed "thread '…' panicked at …" before the error and stopped the
//! batch). The panic hook stays silent on a thread inside [`guarded`] and keeps the
//! panic's message and place for the error instead; elsewhere it is Rust's own.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook (once, from `main`). Without it, [`guarded`] still catches the
/// panic; Rust's own message is then printed as well.
pub fn install_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if GUARDED.with(Cell::get) {
            let what = payload_text(info.payload());
            let at = info
                .location()
                .map(|l| format!(" vid {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST.with(|l| *l.borrow_mut() = Some(format!("{what}{at}")));
        } else {
            default(info);
        }
    }));
}

/// Runs `f`; a panic inside it is returned as its message and place.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    LAST.with(|l| l.borrow_mut().take());
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        LAST.with(|l| l.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "okänd orsak".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_returned_with_its_message() {
        let r: Result<(), String> = guarded(|| panic!("paragrafen saknas"));
        assert!(r.unwrap_err().contains("paragrafen saknas"));
        assert_eq!(guarded(|| 7), Ok(7));
        // The flag is cleared after the call, also after a panic.
        assert!(!GUARDED.with(Cell::get));
    }

    #[test]
    fn the_hook_keeps_the_place_and_stays_silent_inside() {
        install_hook();
        let r: Result<(), String> = guarded(|| {
            let v: Vec<u8> = Vec::new();
            let _ = v[3];
        });
        let msg = r.unwrap_err();
        assert!(msg.contains("index out of bounds"), "{msg}");
        assert!(msg.contains("src/pipeline/panics.rs:"), "{msg}");
        let _ = panic::take_hook();
    }
}
