//! DeviceCMYK → DeviceRGB. The pack has an sRGB output intent, so PDF/A-2 (6.2.4.3) does
//! not allow DeviceCMYK anywhere: as a colour space, as the base of Indexed/Pattern spaces,
//! as the alternate of Separation/DeviceN, in images and shadings. The conversion is the
//! naive one (r = (1−c)(1−k) ...), which is what viewers do without a CMYK profile.

use lopdf::{Dictionary, Document, Object, Stream};

use super::read::resolve;

pub(crate) fn cmyk_to_rgb(c: f64, m: f64, y: f64, k: f64) -> [f64; 3] {
    let cl = |v: f64| {
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let (c, m, y, k) = (cl(c), cl(m), cl(y), cl(k));
    [
        (1.0 - c) * (1.0 - k),
        (1.0 - m) * (1.0 - k),
        (1.0 - y) * (1.0 - k),
    ]
}

fn cmyk8_to_rgb8(p: &[u8]) -> [u8; 3] {
    let k = 255 - p[3] as u32;
    [
        ((255 - p[0] as u32) * k / 255) as u8,
        ((255 - p[1] as u32) * k / 255) as u8,
        ((255 - p[2] as u32) * k / 255) as u8,
    ]
}

/// What a colour space was, as far as content streams care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CsKind {
    /// Was DeviceCMYK (now DeviceRGB): colour operands need converting.
    Cmyk,
    /// Was [/Pattern /DeviceCMYK] (now [/Pattern /DeviceRGB]).
    PatternCmyk,
    Other,
}

fn name(o: &Object) -> Option<&[u8]> {
    o.as_name().ok()
}

fn real(v: f64) -> Object {
    Object::Real(v as f32)
}

/// Convert a colour space. Returns the (possibly new) colour space object and what it was.
/// Err is a Swedish reason to rasterise the page.
pub(crate) fn convert_colorspace(
    doc: &mut Document,
    cs: &Object,
    depth: usize,
) -> Result<(Object, CsKind), String> {
    if depth > 8 {
        return Err("färgrymden är för djupt nästlad".into());
    }
    let resolved = resolve(doc, cs).clone();
    match &resolved {
        Object::Name(n) => match n.as_slice() {
            b"DeviceCMYK" | b"CMYK" => Ok((Object::Name(b"DeviceRGB".to_vec()), CsKind::Cmyk)),
            _ => Ok((cs.clone(), CsKind::Other)),
        },
        Object::Array(a) => {
            let fam = a.first().and_then(name).unwrap_or(b"");
            match fam {
                b"DeviceCMYK" | b"CMYK" if a.len() == 1 => {
                    Ok((Object::Name(b"DeviceRGB".to_vec()), CsKind::Cmyk))
                }
                b"ICCBased" => {
                    let n = a
                        .get(1)
                        .map(|s| resolve(doc, s))
                        .and_then(|s| s.as_stream().ok())
                        .map(icc_ok)
                        .unwrap_or(None);
                    match n {
                        Some(_) => Ok((cs.clone(), CsKind::Other)),
                        None => {
                            // A broken profile: fall back to the device space of /N (or its
                            // /Alternate), converting CMYK.
                            let alt_n = a
                                .get(1)
                                .map(|s| resolve(doc, s))
                                .and_then(|s| s.as_stream().ok())
                                .and_then(|s| s.dict.get(b"N").ok().and_then(|o| o.as_i64().ok()))
                                .unwrap_or(3);
                            match alt_n {
                                1 => Ok((Object::Name(b"DeviceGray".to_vec()), CsKind::Other)),
                                4 => Ok((Object::Name(b"DeviceRGB".to_vec()), CsKind::Cmyk)),
                                _ => Ok((Object::Name(b"DeviceRGB".to_vec()), CsKind::Other)),
                            }
                        }
                    }
                }
                b"Indexed" | b"I" if a.len() >= 4 => {
                    let (base, kind) = convert_colorspace(doc, &a[1], depth + 1)?;
                    if kind != CsKind::Cmyk {
                        let mut out = a.clone();
                        out[1] = base;
                        return Ok((Object::Array(out), CsKind::Other));
                    }
                    let hival = resolve(doc, &a[2]).as_i64().unwrap_or(0).clamp(0, 255) as usize;
                    let lookup = match resolve(doc, &a[3]) {
                        Object::String(s, _) => s.clone(),
                        Object::Stream(s) => s
                            .decompressed_content_with_limit(4096)
                            .or_else(|_| {
                                if s.dict.get(b"Filter").is_err() {
                                    Ok(s.content.clone())
                                } else {
                                    Err(())
                                }
                            })
                            .map_err(|_| "färgtabellen går inte att läsa".to_string())?,
                        _ => return Err("färgtabellen saknas".into()),
                    };
                    let mut rgb = Vec::with_capacity((hival + 1) * 3);
                    for i in 0..=hival {
                        let p = lookup.get(i * 4..i * 4 + 4).unwrap_or(&[0, 0, 0, 255]);
                        rgb.extend_from_slice(&cmyk8_to_rgb8(p));
                    }
                    Ok((
                        Object::Array(vec![
                            Object::Name(b"Indexed".to_vec()),
                            base,
                            Object::Integer(hival as i64),
                            Object::String(rgb, lopdf::StringFormat::Hexadecimal),
                        ]),
                        CsKind::Other,
                    ))
                }
                b"Pattern" if a.len() >= 2 => {
                    let (base, kind) = convert_colorspace(doc, &a[1], depth + 1)?;
                    let mut out = a.clone();
                    out[1] = base;
                    Ok((
                        Object::Array(out),
                        if kind == CsKind::Cmyk {
                            CsKind::PatternCmyk
                        } else {
                            CsKind::Other
                        },
                    ))
                }
                b"Separation" | b"DeviceN" if a.len() >= 4 => {
                    let (alt, kind) = convert_colorspace(doc, &a[2], depth + 1)?;
                    let mut out = a.clone();
                    if kind == CsKind::Cmyk {
                        out[2] = alt;
                        out[3] = convert_function(doc, &a[3], 0)?;
                    } else {
                        out[2] = alt;
                    }
                    // DeviceN attributes: /Colorants (Separation spaces) and /Process.
                    if fam == b"DeviceN"
                        && let Some(attrs) = a.get(4).map(|o| resolve(doc, o).clone())
                        && let Ok(mut attrs) = attrs.as_dict().cloned()
                    {
                        if let Ok(cols) = attrs
                            .get(b"Colorants")
                            .map(|o| resolve(doc, o).clone())
                            .and_then(|o| o.as_dict().cloned())
                        {
                            let mut newcols = Dictionary::new();
                            for (k, v) in cols.iter() {
                                let (v2, _) = convert_colorspace(doc, v, depth + 1)?;
                                newcols.set(k.clone(), v2);
                            }
                            attrs.set("Colorants", Object::Dictionary(newcols));
                        }
                        if attrs.has(b"Process") {
                            attrs.remove(b"Process");
                            if attrs.get(b"Subtype").ok().and_then(name) == Some(b"NChannel") {
                                attrs.set("Subtype", Object::Name(b"DeviceN".to_vec()));
                            }
                        }
                        attrs.remove(b"MixingHints");
                        out[4] = Object::Dictionary(attrs);
                    }
                    Ok((Object::Array(out), CsKind::Other))
                }
                _ => Ok((cs.clone(), CsKind::Other)),
            }
        }
        _ => Ok((cs.clone(), CsKind::Other)),
    }
}

/// Some(N) when an ICC profile stream looks usable for PDF/A-2 (header readable, version
/// below 5, colour space matching /N).
fn icc_ok(s: &Stream) -> Option<i64> {
    let n = s.dict.get(b"N").ok()?.as_i64().ok()?;
    let data = if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content_with_limit(64 << 20).ok()?
    } else {
        s.content.clone()
    };
    if data.len() < 128 || data[8] >= 5 {
        return None;
    }
    let space = &data[16..20];
    let ok = match n {
        1 => space == b"GRAY",
        3 => space == b"RGB " || space == b"Lab ",
        4 => space == b"CMYK",
        _ => false,
    };
    ok.then_some(n)
}

/// Turn a function with CMYK outputs into one with RGB outputs.
pub(crate) fn convert_function(
    doc: &mut Document,
    f: &Object,
    depth: usize,
) -> Result<Object, String> {
    if depth > 8 {
        return Err("funktionen är för djupt nästlad".into());
    }
    let resolved = resolve(doc, f).clone();
    let (dict, stream) = match &resolved {
        Object::Dictionary(d) => (d.clone(), None),
        Object::Stream(s) => (s.dict.clone(), Some(s)),
        Object::Array(_) => {
            return Err("färgfunktionen (flera delfunktioner) kan inte konverteras".into());
        }
        _ => return Err("färgfunktionen saknas".into()),
    };
    let ftype = dict
        .get(b"FunctionType")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(-1);
    let rgb_range = Object::Array(
        (0..3)
            .flat_map(|_| [Object::Integer(0), Object::Integer(1)])
            .collect(),
    );
    match ftype {
        2 => {
            let mut d = dict.clone();
            let conv = |o: Option<&Object>, default: f64| -> Object {
                let v: Vec<f64> = o
                    .and_then(|o| o.as_array().ok())
                    .map(|a| a.iter().filter_map(super::content::num).collect())
                    .unwrap_or_else(|| vec![default; 4]);
                let v = if v.len() == 4 { v } else { vec![default; 4] };
                Object::Array(
                    cmyk_to_rgb(v[0], v[1], v[2], v[3])
                        .iter()
                        .map(|x| real(*x))
                        .collect(),
                )
            };
            d.set("C0", conv(dict.get(b"C0").ok(), 0.0));
            d.set("C1", conv(dict.get(b"C1").ok(), 1.0));
            if d.has(b"Range") {
                d.set("Range", rgb_range);
            }
            Ok(Object::Dictionary(d))
        }
        3 => {
            let mut d = dict.clone();
            let funcs = dict
                .get(b"Functions")
                .map(|o| resolve(doc, o).clone())
                .and_then(|o| o.as_array().cloned());
            let Ok(funcs) = funcs else {
                return Err("delfunktioner saknas".into());
            };
            let mut out = Vec::new();
            for sub in funcs.iter() {
                out.push(convert_function(doc, sub, depth + 1)?);
            }
            d.set("Functions", Object::Array(out));
            if d.has(b"Range") {
                d.set("Range", rgb_range);
            }
            Ok(Object::Dictionary(d))
        }
        4 => {
            let s = stream.ok_or("PostScript-funktionen saknar data")?;
            let code = s.decompressed_content_with_limit(1 << 20).or_else(|_| {
                if s.dict.get(b"Filter").is_err() {
                    Ok(s.content.clone())
                } else {
                    Err("PostScript-funktionen går inte att läsa".to_string())
                }
            })?;
            let open = code
                .iter()
                .position(|&b| b == b'{')
                .ok_or("PostScript-funktionen är trasig")?;
            let close = code
                .iter()
                .rposition(|&b| b == b'}')
                .ok_or("PostScript-funktionen är trasig")?;
            if close <= open {
                return Err("PostScript-funktionen är trasig".into());
            }
            let mut new = b"{ ".to_vec();
            new.extend_from_slice(&code[open + 1..close]);
            new.extend_from_slice(
                b" 1 exch sub 4 1 roll 1 exch sub 3 index mul 4 1 roll 1 exch sub 2 index mul 4 1 roll \
                  1 exch sub 1 index mul exch pop 3 1 roll }",
            );
            let mut d = s.dict.clone();
            d.remove(b"Filter");
            d.remove(b"DecodeParms");
            d.set("Range", rgb_range);
            let mut st = Stream::new(d, new);
            let _ = st.compress();
            Ok(Object::Reference(doc.add_object(st)))
        }
        0 => {
            let s = stream.ok_or("samplade funktionen saknar data")?;
            convert_sampled(doc, s).map(|st| Object::Reference(doc.add_object(st)))
        }
        _ => Err("färgfunktionen har en okänd typ".into()),
    }
}

fn nums(o: Option<&Object>) -> Vec<f64> {
    o.and_then(|o| o.as_array().ok())
        .map(|a| a.iter().filter_map(super::content::num).collect())
        .unwrap_or_default()
}

/// Read `count` samples of `bits` bits each, big-endian, from `data`.
struct BitReader<'a> {
    data: &'a [u8],
    pos: usize, // in bits
}

impl BitReader<'_> {
    fn read(&mut self, bits: u32) -> u32 {
        let mut v: u32 = 0;
        for _ in 0..bits {
            let byte = self.data.get(self.pos / 8).copied().unwrap_or(0);
            let bit = (byte >> (7 - (self.pos % 8))) & 1;
            v = (v << 1) | bit as u32;
            self.pos += 1;
        }
        v
    }
}

fn convert_sampled(_doc: &Document, s: &Stream) -> Result<Stream, String> {
    let d = &s.dict;
    let size = nums(d.get(b"Size").ok());
    let bps = d
        .get(b"BitsPerSample")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(8);
    let range = nums(d.get(b"Range").ok());
    if range.len() != 8 || !matches!(bps, 1 | 2 | 4 | 8 | 12 | 16 | 24 | 32) || size.is_empty() {
        return Err("samplade färgfunktionen går inte att konvertera".into());
    }
    let count: f64 = size.iter().product();
    if !(1.0..=1.0e6).contains(&count) {
        return Err("samplade färgfunktionen är för stor".into());
    }
    let count = count as usize;
    let decode = {
        let v = nums(d.get(b"Decode").ok());
        if v.len() == 8 { v } else { range.clone() }
    };
    let data = s
        .decompressed_content_with_limit(64 << 20)
        .or_else(|_| {
            if s.dict.get(b"Filter").is_err() {
                Ok(s.content.clone())
            } else {
                Err(())
            }
        })
        .map_err(|_| "samplade färgfunktionen går inte att läsa".to_string())?;
    let max = ((1u64 << bps) - 1) as f64;
    let mut r = BitReader {
        data: &data,
        pos: 0,
    };
    let mut out = Vec::with_capacity(count * 3);
    for _ in 0..count {
        let mut v = [0.0; 4];
        for (j, vj) in v.iter_mut().enumerate() {
            let raw = r.read(bps as u32) as f64;
            let x = decode[2 * j] + raw * (decode[2 * j + 1] - decode[2 * j]) / max;
            *vj = x.clamp(
                range[2 * j].min(range[2 * j + 1]),
                range[2 * j].max(range[2 * j + 1]),
            );
        }
        for c in cmyk_to_rgb(v[0], v[1], v[2], v[3]) {
            out.push((c * 255.0).round() as u8);
        }
    }
    let mut nd = d.clone();
    nd.remove(b"Filter");
    nd.remove(b"DecodeParms");
    nd.remove(b"Decode");
    nd.set("BitsPerSample", 8);
    nd.set(
        "Range",
        Object::Array(
            (0..3)
                .flat_map(|_| [Object::Integer(0), Object::Integer(1)])
                .collect(),
        ),
    );
    let mut st = Stream::new(nd, out);
    let _ = st.compress();
    Ok(st)
}

/// Convert a DeviceCMYK image XObject in place to DeviceRGB (8 bits, Flate).
/// `data` are the decoded samples (after all filters, including DCT).
pub(crate) fn cmyk_image_to_rgb(
    dict: &mut Dictionary,
    data: &[u8],
    width: usize,
    height: usize,
    bpc: u32,
) -> Result<Vec<u8>, String> {
    let decode = {
        let v = nums(dict.get(b"Decode").ok());
        if v.len() == 8 {
            v
        } else {
            vec![0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
        }
    };
    let max = ((1u64 << bpc) - 1) as f64;
    let row_bits = width * 4 * bpc as usize;
    let row_bytes = row_bits.div_ceil(8);
    if data.len() < row_bytes * height {
        return Err("bildens data är för kort".into());
    }
    let mut out = Vec::with_capacity(width * height * 3);
    let identity = decode == [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0];
    for y in 0..height {
        let row = &data[y * row_bytes..(y + 1) * row_bytes];
        if bpc == 8 && identity {
            for p in row.chunks_exact(4).take(width) {
                out.extend_from_slice(&cmyk8_to_rgb8(p));
            }
            continue;
        }
        let mut r = BitReader { data: row, pos: 0 };
        for _ in 0..width {
            let mut v = [0.0; 4];
            for (j, vj) in v.iter_mut().enumerate() {
                let raw = r.read(bpc) as f64;
                *vj = decode[2 * j] + raw * (decode[2 * j + 1] - decode[2 * j]) / max;
            }
            for c in cmyk_to_rgb(v[0], v[1], v[2], v[3]) {
                out.push((c * 255.0).round() as u8);
            }
        }
    }
    dict.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
    dict.set("BitsPerComponent", 8);
    dict.remove(b"Decode");
    dict.remove(b"DecodeParms");
    dict.remove(b"Filter");
    // A colour-key mask in CMYK values cannot be carried over.
    if dict.get(b"Mask").is_ok_and(|m| m.as_array().is_ok()) {
        dict.remove(b"Mask");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_conversion() {
        assert_eq!(cmyk_to_rgb(0.0, 0.0, 0.0, 1.0), [0.0, 0.0, 0.0]);
        assert_eq!(cmyk_to_rgb(1.0, 0.0, 0.0, 0.0), [0.0, 1.0, 1.0]);
        assert_eq!(cmyk8_to_rgb8(&[0, 255, 0, 0]), [255, 0, 255]);
    }
}
