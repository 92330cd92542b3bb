//! Rasterising pages that cannot be kept conforming (hayro, pure Rust), and small image
//! decoding helpers (JPEG via zune-jpeg, a JPEG 2000 header peek).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings};

/// Most pixels a rasterised page may have (the resolution is lowered to fit).
const MAX_PIXELS: f64 = 24.0e6;

pub(crate) struct RgbImage {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// A hayro view of the original bilaga bytes (hayro decrypts owner-password-only files
/// itself). Annotations with appearances are rendered too, like the flattened pages.
pub(crate) struct Renderer {
    pdf: Pdf,
}

impl Renderer {
    pub fn new(bytes: &[u8]) -> Result<Renderer, String> {
        let data = bytes.to_vec();
        match std::panic::catch_unwind(move || Pdf::new(data)) {
            Ok(Ok(pdf)) => Ok(Renderer { pdf }),
            _ => Err("filen kan inte läsas av renderaren".into()),
        }
    }

    /// Render page k so that its visible area (w × h points) gets `dpi` resolution.
    pub fn render(&self, k: usize, dpi: u32, w: f64, h: f64) -> Result<RgbImage, String> {
        let pages = self.pdf.pages();
        let page = pages.get(k).ok_or("sidan finns inte i renderaren")?;
        let dpi = (dpi.clamp(72, 600)) as f64;
        let mut px_w = w * dpi / 72.0;
        let mut px_h = h * dpi / 72.0;
        if px_w * px_h > MAX_PIXELS {
            let f = (MAX_PIXELS / (px_w * px_h)).sqrt();
            px_w *= f;
            px_h *= f;
        }
        let px_w = px_w.round().clamp(1.0, 65000.0);
        let px_h = px_h.round().clamp(1.0, 65000.0);
        let (rw, rh) = page.render_dimensions();
        if rw <= 0.0 || rh <= 0.0 {
            return Err("sidan har ingen yta".into());
        }
        let settings = RenderSettings {
            x_scale: (px_w / rw as f64) as f32,
            y_scale: (px_h / rh as f64) as f32,
            width: Some(px_w as u16),
            height: Some(px_h as u16),
            bg_color: WHITE,
        };
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let cache = RenderCache::new();
            let pixmap = hayro::render(page, &cache, &InterpreterSettings::default(), &settings);
            let (pw, ph) = (pixmap.width() as u32, pixmap.height() as u32);
            let rgba = pixmap.data_as_u8_slice();
            let mut data = Vec::with_capacity((pw * ph * 3) as usize);
            for px in rgba.chunks_exact(4) {
                // White background: premultiplied equals straight alpha here.
                data.extend_from_slice(&px[..3]);
            }
            RgbImage {
                width: pw,
                height: ph,
                data,
            }
        }));
        rendered.map_err(|_| "renderaren avbröts".to_string())
    }
}

/// The bilaga to render where a widget's normal appearance is a dictionary of states (a
/// check box or radio button: /Yes and /Off): hayro draws an appearance only where it is
/// a stream, so a ticked box came out empty, and a filled-in form lost its answers
/// (review 61's M1: a remissvar's Ja/Nej boxes, from PyMuPDF, as Acrobat writes them).
/// The `original` bytes read again (decrypted, as every bilaga is read), each such
/// appearance set to the stream of its chosen state (`/AS`), or none where no state is
/// chosen, in a widget that is an object of its own or written in its page's /Annots;
/// `None` where no widget needs it, or the file does not read (the original is then
/// rendered). (Read again, not the document being normalised, whose pages are
/// rewritten in place as they are kept.)
pub(crate) fn with_chosen_appearances(
    original: &[u8],
    limits: &super::read::Limits,
) -> Option<Vec<u8>> {
    let mut doc = super::read::load(original, limits).ok()?;
    let resolve = |doc: &Document, o: &Object| -> Option<Object> {
        match o {
            Object::Reference(id) => doc.objects.get(id).cloned(),
            other => Some(other.clone()),
        }
    };
    // The appearance a widget dictionary should have: Some(Some(stream)) its chosen
    // state's, Some(None) none, None where its appearance is already a stream (or it is
    // no widget).
    let chosen = |doc: &Document, d: &Dictionary| -> Option<Option<Object>> {
        if !matches!(d.get(b"Subtype").and_then(Object::as_name), Ok(b"Widget")) {
            return None;
        }
        let Some(Object::Dictionary(ap)) = d.get(b"AP").ok().and_then(|o| resolve(doc, o)) else {
            return None;
        };
        let Some(Object::Dictionary(states)) = ap.get(b"N").ok().and_then(|o| resolve(doc, o))
        else {
            return None;
        };
        Some(
            d.get(b"AS")
                .and_then(Object::as_name)
                .ok()
                .and_then(|s| states.get(s).ok())
                .cloned(),
        )
    };
    let set = |d: &mut Dictionary, state: Option<Object>| match state {
        Some(stream) => {
            let mut ap = Dictionary::new();
            ap.set("N", stream);
            d.set("AP", ap);
        }
        None => {
            d.remove(b"AP");
        }
    };
    let mut changed = false;
    // Widgets that are objects of their own.
    let widgets: Vec<(ObjectId, Option<Object>)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Dictionary(d) => chosen(&doc, d).map(|c| (*id, c)),
            _ => None,
        })
        .collect();
    for (id, state) in widgets {
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
            set(d, state);
            changed = true;
        }
    }
    // Widgets written in their page's /Annots (the array there or an object of its own).
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for page in pages {
        let annots = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .cloned();
        let (at, array) = match annots {
            Some(Object::Reference(id)) => match doc.objects.get(&id) {
                Some(Object::Array(a)) => (Some(id), a.clone()),
                _ => continue,
            },
            Some(Object::Array(a)) => (None, a),
            _ => continue,
        };
        let mut array = array;
        let mut touched = false;
        for item in array.iter_mut() {
            if let Object::Dictionary(d) = item
                && let Some(state) = chosen(&doc, d)
            {
                set(d, state);
                touched = true;
            }
        }
        if !touched {
            continue;
        }
        changed = true;
        match at {
            Some(id) => {
                doc.objects.insert(id, Object::Array(array));
            }
            None => {
                if let Ok(p) = doc.get_dictionary_mut(page) {
                    p.set("Annots", Object::Array(array));
                }
            }
        }
    }
    if !changed {
        return None;
    }
    // (Read decrypted: written out, the copy is not encrypted.)
    doc.trailer.remove(b"Encrypt");
    doc.encryption_state = None;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).ok()?;
    Some(bytes)
}

/// Put an RGB image into `doc` as an image XObject wrapped in a Form XObject whose BBox is
/// [0 0 w h]; returns the form.
pub(crate) fn image_form(doc: &mut Document, img: &RgbImage, w: f64, h: f64) -> ObjectId {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", img.width as i64);
    d.set("Height", img.height as i64);
    d.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
    d.set("BitsPerComponent", 8);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = std::io::Write::write_all(&mut z, &img.data);
    let data = z.finish().unwrap_or_default();
    d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let image = doc.add_object(Stream::new(d, data).with_compression(false));
    let mut res_x = Dictionary::new();
    res_x.set("Im0", Object::Reference(image));
    let mut res = Dictionary::new();
    res.set("XObject", Object::Dictionary(res_x));
    let fd = super::content::form_dict(w, h, res);
    let content = format!(
        "q {} 0 0 {} 0 0 cm /Im0 Do Q\n",
        super::content::real(w),
        super::content::real(h)
    );
    doc.add_object(Stream::new(fd, content.into_bytes()))
}

/// Decode a JPEG to raw samples, keeping CMYK as CMYK (no Adobe inversion: the PDF's
/// /Decode array says how to read the samples). YCCK is not supported (the page is
/// rasterised instead).
pub(crate) fn decode_jpeg_raw(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use hayro_free_zune::*;
    let data = data.to_vec();
    let result = std::panic::catch_unwind(move || -> Result<Vec<u8>, String> {
        let options = DecoderOptions::default()
            .set_max_width(65535)
            .set_max_height(65535);
        let mut dec = JpegDecoder::new_with_options(ZCursor::new(&data), options);
        dec.decode_headers()
            .map_err(|_| "en JPEG-bild går inte att läsa".to_string())?;
        let input = dec
            .input_colorspace()
            .ok_or("en JPEG-bild går inte att läsa")?;
        let out = match input {
            ColorSpace::CMYK => ColorSpace::CMYK,
            ColorSpace::Luma => ColorSpace::Luma,
            ColorSpace::YCbCr | ColorSpace::RGB => ColorSpace::RGB,
            _ => return Err("JPEG-bildens färgmodell (YCCK) stöds inte".into()),
        };
        let info = dec.info().ok_or("en JPEG-bild går inte att läsa")?;
        let size = info.width as usize * info.height as usize * out.num_components();
        if size > limit {
            return Err("en JPEG-bild är för stor".into());
        }
        let mut dec = JpegDecoder::new_with_options(
            ZCursor::new(&data),
            DecoderOptions::default()
                .set_max_width(65535)
                .set_max_height(65535)
                .jpeg_set_out_colorspace(out),
        );
        dec.decode()
            .map_err(|_| "en JPEG-bild går inte att läsa".to_string())
    });
    result.unwrap_or_else(|_| Err("en JPEG-bild går inte att läsa".into()))
}

mod hayro_free_zune {
    pub use zune_jpeg::JpegDecoder;
    pub use zune_jpeg::zune_core::bytestream::ZCursor;
    pub use zune_jpeg::zune_core::colorspace::ColorSpace;
    pub use zune_jpeg::zune_core::options::DecoderOptions;
}

/// Does a JPXDecode stream (JP2 file or raw codestream) hold CMYK (4 colour channels, or
/// the enumerated CMYK colour space)?
pub(crate) fn jpx_is_cmyk(data: &[u8]) -> bool {
    let be32 = |b: &[u8], i: usize| -> Option<u32> {
        b.get(i..i + 4)
            .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
    };
    let be16 = |b: &[u8], i: usize| -> Option<u16> {
        b.get(i..i + 2).map(|s| u16::from_be_bytes([s[0], s[1]]))
    };
    // Raw codestream: SOC FF4F, SIZ FF51; Csiz at offset 38 from SIZ marker start.
    if data.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]) {
        return be16(data, 2 + 38).is_some_and(|n| n == 4);
    }
    // JP2 boxes: walk the top level and jp2h.
    let mut nc: Option<u16> = None;
    let mut enum_cs: Option<u32> = None;
    let mut stack = vec![(0usize, data.len())];
    let mut steps = 0;
    while let Some((mut pos, end)) = stack.pop() {
        while pos + 8 <= end && steps < 1000 {
            steps += 1;
            let Some(len) = be32(data, pos) else { break };
            let typ = &data[pos + 4..pos + 8];
            let (hdr, blen) = match len {
                0 => (8usize, end - pos),
                1 => match data.get(pos + 8..pos + 16) {
                    Some(s) => (
                        16usize,
                        u64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
                            .min(usize::MAX as u64) as usize,
                    ),
                    None => break,
                },
                n => (8usize, n as usize),
            };
            if blen < hdr || pos + blen > end {
                break;
            }
            match typ {
                b"jp2h" => stack.push((pos + hdr, pos + blen)),
                b"ihdr" => nc = be16(data, pos + hdr + 8),
                b"colr" if data.get(pos + hdr) == Some(&1) => enum_cs = be32(data, pos + hdr + 3),
                _ => {}
            }
            pos += blen;
        }
    }
    matches!(enum_cs, Some(12)) || (enum_cs.is_none() && nc == Some(4))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark pixels inside the check box of `checkbox-form-mupdf.pdf` (at 100–120,
    /// 700–720 in PDF space; 72 dpi, so one pixel a point, y from the top).
    fn ticked_pixels(bytes: &[u8]) -> usize {
        let r = Renderer::new(bytes).expect("renders");
        let img = r.render(0, 72, 595.0, 842.0).expect("page 1");
        let mut dark = 0;
        for y in 124..140 {
            for x in 102..118 {
                let i = ((y * img.width + x) * 3) as usize;
                if img.data[i..i + 3].iter().all(|&c| c < 128) {
                    dark += 1;
                }
            }
        }
        dark
    }

    #[test]
    fn a_ticked_box_is_drawn_ticked() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bilagor/checkbox-form-mupdf.pdf"
        );
        let original = std::fs::read(path).unwrap();
        // As it is, hayro draws no tick (its appearance is a dictionary of states).
        assert_eq!(ticked_pixels(&original), 0);
        let limits = crate::pdf::read::Limits::default();
        let patched = with_chosen_appearances(&original, &limits).expect("a widget with states");
        assert!(ticked_pixels(&patched) > 10, "no tick drawn");
        // A widget written in its page's /Annots, not an object of its own (the review
        // of the diff found its tick lost).
        let mut doc = Document::load_mem(&original).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let annots = match doc.get_dictionary(page).unwrap().get(b"Annots").unwrap() {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap().clone(),
            Object::Array(a) => a.clone(),
            _ => unreachable!(),
        };
        let direct: Vec<Object> = annots
            .iter()
            .map(|o| match o {
                Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
                other => other.clone(),
            })
            .collect();
        doc.get_dictionary_mut(page)
            .unwrap()
            .set("Annots", Object::Array(direct));
        let mut inline = Vec::new();
        doc.save_to(&mut inline).unwrap();
        assert_eq!(ticked_pixels(&inline), 0);
        let patched = with_chosen_appearances(&inline, &limits).expect("a widget with states");
        assert!(
            ticked_pixels(&patched) > 10,
            "no tick drawn (a direct widget)"
        );
        // A file without such widgets is rendered as it is.
        let plain = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bilagor/text-helvetica.pdf"
        ))
        .unwrap();
        assert!(with_chosen_appearances(&plain, &limits).is_none());
    }
}
