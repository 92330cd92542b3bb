//! Errors and warnings of the bilaga post-processor. Every text a user can see is Swedish.

use std::fmt;

/// Why a bilaga (or the pack) could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file needs a (user) password to be opened.
    Encrypted,
    /// The file is damaged or not a PDF; the text names what failed.
    Damaged(String),
    /// The file exceeds one of the [`super::Limits`]; the text names which.
    TooLarge(String),
    /// The file uses a feature this module cannot keep conforming (and cannot rasterise).
    Unsupported(String),
    /// The pack made by Typst does not have the expected shape (no structure tree, page
    /// index out of range, ...). This is a programming error in the caller or the template.
    Pack(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Encrypted => write!(f, "PDF-filen kräver lösenord för att öppnas"),
            PdfError::Damaged(what) => write!(f, "PDF-filen är skadad: {what}"),
            PdfError::TooLarge(what) => write!(f, "PDF-filen är för stor: {what}"),
            PdfError::Unsupported(what) => write!(f, "PDF-filen kan inte tas med: {what}"),
            PdfError::Pack(what) => write!(f, "handlingarnas PDF kunde inte byggas: {what}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Something the user should know about a placed page (Swedish, names bilaga and page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A problem found on one page of a bilaga while normalising it; turned into a [`Warning`]
/// naming the bilaga and page when the page is placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageNote {
    /// The page was rasterised (it is an image in the pack); `text` is the reason.
    pub rasterised: bool,
    /// Swedish main clause, e.g. "typsnittet Symbol saknar Unicode-koppling".
    pub text: String,
}

/// Run `f` on a helper thread with a large stack: lopdf's parser and hayro's interpreter
/// recurse (bounded, but deeper than a 2 MB test thread comfortably allows). A panic in a
/// dependency becomes a `PdfError` instead of unwinding into the caller.
pub(crate) fn with_big_stack<T: Send>(
    what: &str,
    f: impl FnOnce() -> Result<T, PdfError> + Send,
) -> Result<T, PdfError> {
    const STACK: usize = 64 << 20; // reserved lazily by the OS; only touched pages cost memory
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("kansli-pdf".into())
            .stack_size(STACK)
            .spawn_scoped(s, f);
        match handle {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(PdfError::Damaged(format!("{what} avbröts oväntat")))),
            // No thread available: run here.
            Err(_) => Err(PdfError::Damaged(format!(
                "{what}: ingen tråd kunde startas"
            ))),
        }
    })
}
