//! Bookmarks (the PDF outline) with plain spaces.
//!
//! Typst takes a bookmark's text from its heading's body, and a title's words that must
//! not part at a line end are bound there by no-break spaces ("Yttrande över förslag
//! till miljöprogram": see `escape_title`). A reader's bookmarks then held no-break
//! spaces, which a search of the outline for "plan för strokevården" does not match
//! (reviews 31 and 33). Setting the words in boxes instead would move lines: Typst's
//! line breaker weighs a no-break space as a space that stretches and a box as a
//! word, and chose other breaks in eleven titles of the fixture sets.
//!
//! So the outline items' titles are rewritten in the PDF Typst wrote: a no-break
//! space (U+00A0) becomes a space (U+0020). Typst writes a non-ASCII title as a hex
//! UTF-16 string (`/Title<FEFF…>`); the two code units are four hex digits each, so
//! the file keeps its length and its cross-reference table stays right.

/// Rewrites, in place, every outline item's `/Title` written as a hex UTF-16 string so
/// that it holds spaces where it held no-break spaces. Returns how many were replaced.
/// An outline item is a dictionary with a `/Parent` and a `/Title` (the document
/// information's `/Title` has no `/Parent`, a page no `/Title`).
pub fn plain_spaces(pdf: &mut [u8]) -> usize {
    const KEY: &[u8] = b"/Title<";
    let mut replaced = 0;
    let mut from = 0;
    while let Some(at) = find(&pdf[from..], KEY).map(|i| i + from) {
        let start = at + KEY.len();
        let Some(len) = pdf[start..].iter().position(|&b| b == b'>') else {
            break;
        };
        let end = start + len;
        from = end;
        if !in_outline_item(pdf, at) {
            continue;
        }
        let hex = &mut pdf[start..end];
        // A UTF-16 string: its byte order mark, then four digits per code unit.
        if hex.len() < 4 || !hex[..4].eq_ignore_ascii_case(b"FEFF") || !hex.len().is_multiple_of(4)
        {
            continue;
        }
        for unit in hex[4..].chunks_exact_mut(4) {
            if unit.eq_ignore_ascii_case(b"00A0") {
                unit[2] = b'2';
                unit[3] = b'0';
                replaced += 1;
            }
        }
    }
    replaced
}

/// Whether the `/Title` at `at` is in the dictionary of an outline item: the object
/// it stands in (from its `obj` to its `endobj`) has a `/Parent`.
fn in_outline_item(pdf: &[u8], at: usize) -> bool {
    let Some(begin) = rfind(&pdf[..at], b" obj") else {
        return false;
    };
    let end = find(&pdf[at..], b"endobj").map_or(pdf.len(), |i| at + i);
    find(&pdf[begin..end], b"/Parent").is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outline_items_no_break_spaces_become_spaces_and_nothing_else_changes() {
        // "av\u{a0}x" in an item, the same in the document information.
        let item = "3 0 obj\n<</Parent 2 0 R/Title<FEFF0061007600A00078>/Dest 9 0 R>>\nendobj\n";
        let info = "4 0 obj\n<</Title<FEFF0061007600A00078>/Author(a)>>\nendobj\n";
        let mut pdf = format!("%PDF-1.7\n{item}{info}").into_bytes();
        let before = pdf.len();
        assert_eq!(plain_spaces(&mut pdf), 1);
        let text = String::from_utf8(pdf).unwrap();
        assert_eq!(text.len(), before);
        assert!(
            text.contains("/Parent 2 0 R/Title<FEFF0061007600200078>"),
            "{text}"
        );
        assert!(
            text.contains("<</Title<FEFF0061007600A00078>/Author"),
            "{text}"
        );
    }

    #[test]
    fn a_code_unit_is_read_whole_not_across_two() {
        // "\u{0a00}\u{a0}…": the digits "0A00" + "A0.." never read as "00A0" across units.
        let mut pdf = b"1 0 obj\n<</Parent 2 0 R/Title<FEFF0A00A0A1>>>\nendobj\n".to_vec();
        assert_eq!(plain_spaces(&mut pdf), 0);
        let mut odd = b"1 0 obj\n<</Parent 2 0 R/Title<FEFF00A>>>\nendobj\n".to_vec();
        assert_eq!(plain_spaces(&mut odd), 0);
    }
}
