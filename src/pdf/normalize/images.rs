//! Images: image XObjects (with their soft and stencil masks) and inline images. Entries
//! PDF/A forbids are removed, CMYK samples become RGB, LZW is decoded away; a stream is
//! decoded up to its image codec (`decode_to_samples`), or through it for DCT.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::super::colour::{self, CsKind};
use super::super::content::InlineImage;
use super::super::error::PdfError;
use super::state::{Fail, Norm, R, Summary};

impl Norm<'_> {
    pub(super) fn fix_inline_image(&mut self, img: &mut InlineImage, summary: &Summary) -> R<()> {
        let d = &mut img.dict;
        d.remove(b"I");
        d.remove(b"Interpolate");
        let cs_key: &[u8] = if d.has(b"CS") { b"CS" } else { b"ColorSpace" };
        let kind = match d.get(cs_key) {
            Ok(Object::Name(n)) if n == b"CMYK" || n == b"DeviceCMYK" => CsKind::Cmyk,
            Ok(Object::Name(n)) => summary.cs_kind.get(n).copied().unwrap_or(CsKind::Other),
            Ok(Object::Array(a))
                if a.len() >= 4 && matches!(a[0].as_name(), Ok(b"I" | b"Indexed")) =>
            {
                // Indexed with an inline CMYK base: convert the lookup table.
                let arr = Object::Array(
                    a.iter()
                        .map(|o| match o.as_name() {
                            Ok(b"I") => Object::Name(b"Indexed".to_vec()),
                            Ok(b"CMYK") => Object::Name(b"DeviceCMYK".to_vec()),
                            Ok(b"RGB") => Object::Name(b"DeviceRGB".to_vec()),
                            Ok(b"G") => Object::Name(b"DeviceGray".to_vec()),
                            _ => o.clone(),
                        })
                        .collect(),
                );
                let (new, _) = colour::convert_colorspace(&mut self.doc, &arr, 0)?;
                d.set(cs_key.to_vec(), new);
                CsKind::Other
            }
            _ => CsKind::Other,
        };
        let filters: Vec<Vec<u8>> = match d.get(b"F").or_else(|_| d.get(b"Filter")) {
            Ok(Object::Name(n)) => vec![expand_filter(n)],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok())
                .map(expand_filter)
                .collect(),
            _ => vec![],
        };
        let lzw = filters.iter().any(|f| f == b"LZWDecode");
        if kind != CsKind::Cmyk && !lzw {
            return Ok(());
        }
        let parms = d
            .get(b"DP")
            .or_else(|_| d.get(b"DecodeParms"))
            .ok()
            .cloned();
        let mut sd = Dictionary::new();
        sd.set(
            "Filter",
            Object::Array(filters.iter().map(|f| Object::Name(f.clone())).collect()),
        );
        if let Some(p) = parms {
            sd.set("DecodeParms", p);
        }
        let tmp = Stream::new(sd, img.data.clone());
        let (mut data, codec) = self.decode_to_samples(&tmp, kind == CsKind::Cmyk)?;
        if codec.is_some() && kind != CsKind::Cmyk {
            // LZW before an image codec: keep the codec, drop only the LZW layer.
            let codec = codec.unwrap_or_default();
            d.set("F", Object::Name(codec));
            d.remove(b"Filter");
            d.remove(b"DP");
            d.remove(b"DecodeParms");
            img.data = data;
            return Ok(());
        }
        if kind == CsKind::Cmyk {
            let w = d
                .get(b"W")
                .or_else(|_| d.get(b"Width"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let h = d
                .get(b"H")
                .or_else(|_| d.get(b"Height"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let bpc = d
                .get(b"BPC")
                .or_else(|_| d.get(b"BitsPerComponent"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(8);
            if !(1..=20000).contains(&w)
                || !(1..=20000).contains(&h)
                || !matches!(bpc, 1 | 2 | 4 | 8 | 16)
            {
                return Err("en infogad CMYK-bild går inte att konvertera"
                    .to_string()
                    .into());
            }
            let mut full = Dictionary::new();
            if let Ok(dd) = d.get(b"D").or_else(|_| d.get(b"Decode")) {
                full.set("Decode", dd.clone());
            }
            let bpc = if codec.is_some() { 8 } else { bpc as u32 };
            data = colour::cmyk_image_to_rgb(&mut full, &data, w as usize, h as usize, bpc)?;
            for k in [&b"D"[..], b"Decode", b"BPC", b"BitsPerComponent"] {
                d.remove(k);
            }
            d.remove(b"ColorSpace");
            d.set("CS", Object::Name(b"RGB".to_vec()));
            d.set("BPC", 8);
        }
        for k in [&b"F"[..], b"Filter", b"DP", b"DecodeParms"] {
            d.remove(k);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        let _ = std::io::Write::write_all(&mut z, &data);
        img.data = z.finish().unwrap_or_default();
        d.set("F", Object::Name(b"Fl".to_vec()));
        Ok(())
    }

    /// Decode a stream's data up to its image codec. With `through_dct`, a DCT codec is
    /// decoded too (to raw samples, CMYK kept as CMYK); the returned codec is then None.
    fn decode_to_samples(
        &self,
        s: &Stream,
        through_dct: bool,
    ) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
        let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![expand_filter(n)],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok())
                .map(expand_filter)
                .collect(),
            _ => vec![],
        };
        let codec_at = filters.iter().position(|f| {
            matches!(
                f.as_slice(),
                b"DCTDecode" | b"JPXDecode" | b"CCITTFaxDecode" | b"JBIG2Decode"
            )
        });
        let prefix_len = codec_at.unwrap_or(filters.len());
        let data = if prefix_len == 0 {
            s.content.clone()
        } else {
            let mut d = Dictionary::new();
            d.set(
                "Filter",
                Object::Array(
                    filters[..prefix_len]
                        .iter()
                        .map(|f| Object::Name(f.clone()))
                        .collect(),
                ),
            );
            match s.dict.get(b"DecodeParms") {
                Ok(Object::Array(a)) => {
                    d.set(
                        "DecodeParms",
                        Object::Array(a.iter().take(prefix_len).cloned().collect()),
                    );
                }
                Ok(p @ Object::Dictionary(_)) if prefix_len == filters.len() => {
                    d.set("DecodeParms", p.clone())
                }
                _ => {}
            }
            let tmp = Stream::new(d, s.content.clone());
            self.decode(&tmp)?
        };
        match codec_at {
            None => Ok((data, None)),
            Some(i) if through_dct && filters[i] == b"DCTDecode" && i + 1 == filters.len() => Ok((
                super::super::raster::decode_jpeg_raw(&data, self.limits.max_stream_bytes)?,
                None,
            )),
            Some(i) if i + 1 == filters.len() => Ok((data, Some(filters[i].clone()))),
            Some(_) => Err("bildens filterkedja stöds inte".into()),
        }
    }

    pub(super) fn image(&mut self, id: ObjectId) -> R<()> {
        if !self.images_done.insert(id) {
            return Ok(());
        }
        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
            return Ok(());
        };
        let mut dict = s.dict.clone();
        for k in [
            &b"Alternates"[..],
            b"OPI",
            b"Interpolate",
            b"Metadata",
            b"PieceInfo",
            b"OC",
            b"StructParent",
            b"ID",
            b"F",
            b"FFilter",
            b"FDecodeParms",
            b"DL",
        ] {
            dict.remove(k);
        }
        if let Ok(i) = dict.get(b"Intent").and_then(|o| o.as_name())
            && !matches!(
                i,
                b"RelativeColorimetric" | b"AbsoluteColorimetric" | b"Perceptual" | b"Saturation"
            )
        {
            dict.remove(b"Intent");
        }
        let mask = dict.get(b"ImageMask").ok().and_then(|o| o.as_bool().ok()) == Some(true);
        let mut new_content: Option<Vec<u8>> = None;
        if !mask {
            let cs = dict.get(b"ColorSpace").ok().cloned();
            match cs {
                Some(cs) => {
                    let (new_cs, kind) = colour::convert_colorspace(&mut self.doc, &cs, 0)?;
                    if kind == CsKind::Cmyk {
                        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
                            return Ok(());
                        };
                        let w = dict
                            .get(b"Width")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(0);
                        let h = dict
                            .get(b"Height")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(0);
                        let bpc = dict
                            .get(b"BitsPerComponent")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(8);
                        if !(1..=65535).contains(&w)
                            || !(1..=65535).contains(&h)
                            || !matches!(bpc, 1 | 2 | 4 | 8 | 16)
                        {
                            return Err("en CMYK-bild har ogiltiga mått".to_string().into());
                        }
                        if (w * h * 3) as usize > self.limits.max_stream_bytes {
                            return Err(Fail::Hard(PdfError::TooLarge(
                                "en bild är för stor".into(),
                            )));
                        }
                        let (data, codec) = self.decode_to_samples(s, true)?;
                        if codec.is_some() {
                            return Err(
                                "en CMYK-bild i JPEG 2000/CCITT/JBIG2 kan inte konverteras"
                                    .to_string()
                                    .into(),
                            );
                        }
                        let bpc = if s.dict.get(b"Filter").is_ok_and(|f| {
                            f.as_name().ok() == Some(b"DCTDecode")
                                || f.as_array().is_ok_and(|a| {
                                    a.last().and_then(|o| o.as_name().ok()) == Some(b"DCTDecode")
                                })
                        }) {
                            8
                        } else {
                            bpc as u32
                        };
                        new_content = Some(colour::cmyk_image_to_rgb(
                            &mut dict, &data, w as usize, h as usize, bpc,
                        )?);
                    } else {
                        dict.set("ColorSpace", new_cs);
                    }
                }
                None => {
                    // JPX images may carry their colour space in the codestream.
                    let jpx = dict.get(b"Filter").is_ok_and(|f| {
                        f.as_name().ok() == Some(b"JPXDecode")
                            || f.as_array().is_ok_and(|a| {
                                a.iter().any(|o| o.as_name().ok() == Some(b"JPXDecode"))
                            })
                    });
                    if jpx {
                        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
                            return Ok(());
                        };
                        if super::super::raster::jpx_is_cmyk(&s.content) {
                            return Err("en JPEG 2000-bild i CMYK kan inte konverteras"
                                .to_string()
                                .into());
                        }
                    }
                }
            }
        }
        // Soft mask and stencil mask images.
        let mut sub_images = Vec::new();
        if let Ok(sm) = dict.get(b"SMask").and_then(|o| o.as_reference()) {
            sub_images.push(sm);
        }
        if let Ok(m) = dict.get(b"Mask").and_then(|o| o.as_reference()) {
            sub_images.push(m);
        }
        if let Some(Object::Stream(s)) = self.doc.objects.get_mut(&id) {
            s.dict = dict;
            if let Some(c) = new_content {
                s.set_plain_content(c);
                let _ = s.compress();
                s.allows_compression = true;
            }
        }
        for m in sub_images {
            self.image(m)?;
        }
        Ok(())
    }
}

pub(crate) fn expand_filter(n: &[u8]) -> Vec<u8> {
    match n {
        b"AHx" => b"ASCIIHexDecode".to_vec(),
        b"A85" => b"ASCII85Decode".to_vec(),
        b"LZW" => b"LZWDecode".to_vec(),
        b"Fl" => b"FlateDecode".to_vec(),
        b"RL" => b"RunLengthDecode".to_vec(),
        b"CCF" => b"CCITTFaxDecode".to_vec(),
        b"DCT" => b"DCTDecode".to_vec(),
        other => other.to_vec(),
    }
}
