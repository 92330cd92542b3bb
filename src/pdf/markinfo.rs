//! The catalog's `/MarkInfo` without `/Suspects false`.
//!
//! The PDF writer Typst uses (krilla) writes `/MarkInfo<</Marked true/Suspects false>>`.
//! `/Suspects` is optional and false by default (ISO 32000-1, 14.7.1; PDF/UA-1 asks only
//! that it not be true), and poppler 22.12, which Debian 12 ships, prints "Syntax Error:
//! Suspects object is wrong type (boolean)" for every such file: `pdfinfo` and
//! `pdftotext` on any PDF kansli made alarmed the archivists who check files with them
//! (review 60's 18). The entry is blanked in place with spaces, so that the file keeps
//! its length and its cross-reference table stays right.

/// Blanks the `/Suspects false` of the catalog's `/MarkInfo` dictionary as krilla writes
/// it, in place. Returns whether it did.
pub fn drop_suspects(pdf: &mut [u8]) -> bool {
    const WRITTEN: &[u8] = b"/MarkInfo<</Marked true/Suspects false>>";
    const ENTRY: &[u8] = b"/Suspects false";
    let Some(at) = pdf.windows(WRITTEN.len()).position(|w| w == WRITTEN) else {
        return false;
    };
    let start = at + b"/MarkInfo<</Marked true".len();
    pdf[start..start + ENTRY.len()].fill(b' ');
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suspects_false_is_blanked_and_the_length_kept() {
        let mut pdf = b"1 0 obj\n<</Type/Catalog/MarkInfo<</Marked true/Suspects false>>/Lang(sv-SE)>>\nendobj\n".to_vec();
        let len = pdf.len();
        assert!(drop_suspects(&mut pdf));
        assert_eq!(pdf.len(), len);
        let text = String::from_utf8(pdf.clone()).unwrap();
        assert!(
            text.contains("/MarkInfo<</Marked true               >>/Lang"),
            "{text}"
        );
        assert!(!text.contains("Suspects"));
        // Nothing else is touched, and a second pass finds nothing.
        assert!(!drop_suspects(&mut pdf));
    }
}
