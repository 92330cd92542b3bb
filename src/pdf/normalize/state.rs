//! The state of one normalising walk over a bilaga (`Norm`), how a page can fail (`Fail`),
//! and the types the passes hand each other: which resources a content stream uses
//! (`Usage`, from `ops`) and what the rewritten content must know about the sanitised
//! resources (`Summary`, from `resources`).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Document, ObjectId, Stream};

use super::super::colour::CsKind;
use super::super::error::{PageNote, PdfError};
use super::super::fonts::Verdict;
use super::super::read::Limits;

/// How a page failed to normalise.
pub(crate) enum Fail {
    /// The file is damaged: the whole bilaga is rejected.
    Hard(PdfError),
    /// The page must be rasterised (Swedish reason).
    Raster(String),
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Raster(s)
    }
}

pub(super) type R<T> = Result<T, Fail>;

/// Per-font facts computed once from the original font dictionary.
#[derive(Clone)]
pub(super) struct FontFacts {
    pub(super) verdict: Verdict,
    /// Codes whose glyph name has no Unicode value (a page using one must be rasterised).
    pub(super) unmappable: Vec<u8>,
    pub(super) name: String,
}

/// Resource names a content stream uses.
#[derive(Default)]
pub(super) struct Usage {
    pub(super) fonts: BTreeMap<Vec<u8>, Box<[bool; 256]>>,
    pub(super) xobjects: BTreeSet<Vec<u8>>,
    pub(super) gstates: BTreeSet<Vec<u8>>,
    pub(super) colorspaces: BTreeSet<Vec<u8>>,
    pub(super) patterns: BTreeSet<Vec<u8>>,
    pub(super) shadings: BTreeSet<Vec<u8>>,
    pub(super) properties: BTreeSet<Vec<u8>>,
}

/// What the rewritten content must know about the (sanitised) resources.
#[derive(Default)]
pub(super) struct Summary {
    pub(super) cs_kind: BTreeMap<Vec<u8>, CsKind>,
    pub(super) hidden_props: BTreeSet<Vec<u8>>,
    pub(super) dropped_xobjects: BTreeSet<Vec<u8>>,
    /// Names used by the content but missing from the resources (broken files): the
    /// operators using them are dropped (colour spaces become DeviceGray).
    pub(super) missing_gs: BTreeSet<Vec<u8>>,
    pub(super) missing_sh: BTreeSet<Vec<u8>>,
    pub(super) missing_cs: BTreeSet<Vec<u8>>,
    pub(super) missing_patterns: BTreeSet<Vec<u8>>,
}

/// One walk over a bilaga's document: the document being rewritten, and what has been done
/// to which object (each font, form and image is sanitised once, however often it is used).
pub(super) struct Norm<'a> {
    pub(super) doc: Document,
    pub(super) limits: &'a Limits,
    pub(super) original: &'a [u8],
    pub(super) ocg_off: BTreeSet<ObjectId>,
    pub(super) fonts: BTreeMap<ObjectId, FontFacts>,
    pub(super) fonts_done: BTreeSet<ObjectId>,
    pub(super) forms_done: BTreeSet<ObjectId>,
    pub(super) forms_active: BTreeSet<ObjectId>,
    pub(super) images_done: BTreeSet<ObjectId>,
    /// Replacement for PostScript XObjects: an empty form.
    pub(super) empty_form: Option<ObjectId>,
    pub(super) notes: Vec<PageNote>,
    pub(super) renderer: Option<Result<super::super::raster::Renderer, String>>,
}

impl Norm<'_> {
    pub(super) fn hard(&self, what: String) -> Fail {
        Fail::Hard(PdfError::Damaged(what))
    }

    /// A stream's decoded data, bounded by `Limits::max_stream_bytes` (Swedish reason).
    pub(super) fn decode(&self, s: &Stream) -> Result<Vec<u8>, String> {
        if s.dict.get(b"Filter").is_err() {
            if s.content.len() > self.limits.max_stream_bytes {
                return Err("strömmen är för stor".into());
            }
            return Ok(s.content.clone());
        }
        s.decompressed_content_with_limit(self.limits.max_stream_bytes)
            .map_err(|e| match e {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => "en ström packas upp till mer än tillåtet".to_string(),
                _ => "en ström går inte att packa upp".to_string(),
            })
    }
}
