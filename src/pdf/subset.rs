//! A glyph-stripping TrueType subsetter: glyphs not in use become empty, glyph ids stay the
//! same, and the cmap is kept, so a simple (non-symbolic) TrueType font dictionary with an
//! encoding keeps working exactly as with the full program. Layout tables (GSUB, GPOS, kern,
//! ...) are dropped; PDF viewers do not use them.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

const KEEP_TABLES: &[&[u8; 4]] = &[
    b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
    b"name", b"OS/2", b"post", b"prep",
];

fn be16(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|s| u16::from_be_bytes([s[0], s[1]]))
}

fn be32(d: &[u8], i: usize) -> Option<u32> {
    d.get(i..i + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn checksum(data: &[u8]) -> u32 {
    let mut sum: u32 = 0;
    for chunk in data.chunks(4) {
        let mut b = [0u8; 4];
        b[..chunk.len()].copy_from_slice(chunk);
        sum = sum.wrapping_add(u32::from_be_bytes(b));
    }
    sum
}

/// A deterministic six-letter subset tag.
pub(crate) fn subset_tag(name: &str, glyphs: &BTreeSet<u16>) -> String {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    for g in glyphs {
        h.update(g.to_be_bytes());
    }
    let d = h.finalize();
    d.iter().take(6).map(|b| (b'A' + b % 26) as char).collect()
}

/// Return a copy of the font with every glyph outside `keep` (plus .notdef and composite
/// components) emptied. None if the font cannot be parsed (then embed it whole).
pub(crate) fn strip_glyphs(font: &[u8], keep: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let num_tables = be16(font, 4)? as usize;
    let mut tables: Vec<([u8; 4], usize, usize)> = Vec::new();
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        font.get(off..off.checked_add(len)?)?;
        tables.push((tag, off, len));
    }
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|t| &t.0 == tag)
            .map(|t| &font[t.1..t.1 + t.2])
    };
    let head = table(b"head")?;
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long = be16(head, 50)? == 1;
    let num_glyphs = be16(maxp, 4)? as usize;
    let offset = |g: usize| -> Option<usize> {
        if long {
            be32(loca, g * 4).map(|v| v as usize)
        } else {
            be16(loca, g * 2).map(|v| v as usize * 2)
        }
    };
    // Closure over composite glyph components.
    let mut kept: BTreeSet<u16> = keep
        .iter()
        .copied()
        .filter(|g| (*g as usize) < num_glyphs)
        .collect();
    kept.insert(0);
    let mut work: Vec<u16> = kept.iter().copied().collect();
    while let Some(g) = work.pop() {
        let (s, e) = (offset(g as usize)?, offset(g as usize + 1)?);
        if e <= s || e > glyf.len() {
            continue;
        }
        let data = &glyf[s..e];
        if data.len() < 10 || (be16(data, 0)? as i16) >= 0 {
            continue;
        }
        let mut p = 10;
        for _ in 0..64 {
            let flags = be16(data, p)?;
            let comp = be16(data, p + 2)?;
            if kept.insert(comp) {
                work.push(comp);
            }
            p += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            if flags & 0x0008 != 0 {
                p += 2;
            } else if flags & 0x0040 != 0 {
                p += 4;
            } else if flags & 0x0080 != 0 {
                p += 8;
            }
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }
    // New glyf and loca (same format; glyphs 4-byte aligned).
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::new();
    for g in 0..=num_glyphs {
        let off = new_glyf.len();
        if long {
            new_loca.extend_from_slice(&(off as u32).to_be_bytes());
        } else {
            if off / 2 > u16::MAX as usize {
                return None;
            }
            new_loca.extend_from_slice(&((off / 2) as u16).to_be_bytes());
        }
        if g == num_glyphs {
            break;
        }
        if kept.contains(&(g as u16)) {
            let (s, e) = (offset(g)?, offset(g + 1)?);
            if e > s && e <= glyf.len() {
                new_glyf.extend_from_slice(&glyf[s..e]);
                while new_glyf.len() % 4 != 0 {
                    new_glyf.push(0);
                }
            }
        }
    }
    // Assemble.
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, off, len) in &tables {
        if !KEEP_TABLES.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            // Glyph names are not needed (the font is used through its Unicode cmap):
            // a version 3 'post' table keeps the metrics header only.
            b"post" if *len >= 32 => {
                let mut p = font[*off..off + 32].to_vec();
                p[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
                p
            }
            b"head" => {
                let mut h = font[*off..off + len].to_vec();
                if h.len() >= 12 {
                    h[8..12].copy_from_slice(&[0, 0, 0, 0]);
                }
                h
            }
            _ => font[*off..off + len].to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|a| a.0);
    let n = out_tables.len();
    let mut entry_selector = 0u16;
    while (1usize << (entry_selector + 1)) <= n {
        entry_selector += 1;
    }
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&font[0..4]);
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&((n as u16) * 16 - search_range).to_be_bytes());
    let mut offset_now = 12 + 16 * n;
    let mut body = Vec::new();
    let mut head_at = None;
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset_now as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset_now);
        }
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset_now = 12 + 16 * n + body.len();
    }
    out.extend_from_slice(&body);
    if let Some(h) = head_at {
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_keeps_glyph_ids_and_parses() {
        let v = super::super::fonts::ALL_VARIANTS[0];
        let face = ttf_parser::Face::parse(v.data(), 0).unwrap();
        let a = face.glyph_index('a').unwrap();
        let aring = face.glyph_index('å').unwrap();
        let keep: BTreeSet<u16> = [a.0, aring.0].into_iter().collect();
        let sub = strip_glyphs(v.data(), &keep).unwrap();
        assert!(
            sub.len() < v.data().len() / 3,
            "{} vs {}",
            sub.len(),
            v.data().len()
        );
        let f2 = ttf_parser::Face::parse(&sub, 0).unwrap();
        assert_eq!(f2.glyph_index('å'), Some(aring));
        assert!(f2.outline_glyph(aring, &mut Sink).is_some());
        assert_eq!(f2.glyph_hor_advance(a), face.glyph_hor_advance(a));
        let b = face.glyph_index('b').unwrap();
        assert!(f2.outline_glyph(b, &mut Sink).is_none());
        assert_eq!(subset_tag("X", &keep), subset_tag("X", &keep));
    }

    struct Sink;
    impl ttf_parser::OutlineBuilder for Sink {
        fn move_to(&mut self, _: f32, _: f32) {}
        fn line_to(&mut self, _: f32, _: f32) {}
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
        fn close(&mut self) {}
    }
}
