//! A ZIP writer for `kansli leverans --zip`: every entry stored (no compression: the PDFs
//! are compressed already, and stored bytes never depend on a compressor's version),
//! UTF-8 names, one fixed modification time, entries in the order given. The same
//! entries give the same bytes on every machine.
//!
//! Limits of the classic format (no ZIP64): under 65,535 entries and 4 GiB; a larger
//! package is refused with a message rather than written wrongly.

use std::io::{self, Write};

/// DOS date and time of the entries (local wall-clock time, two-second resolution).
#[derive(Debug, Clone, Copy)]
pub struct DosTime {
    pub date: u16,
    pub time: u16,
}

impl DosTime {
    /// From a wall-clock time; before 1980 (the format's epoch) becomes 1980-01-01 00:00.
    pub fn from(t: &chrono::NaiveDateTime) -> DosTime {
        use chrono::{Datelike, Timelike};
        if t.year() < 1980 || t.year() > 2107 {
            return DosTime {
                date: (1 << 5) | 1,
                time: 0,
            };
        }
        DosTime {
            date: (((t.year() - 1980) as u16) << 9) | ((t.month() as u16) << 5) | t.day() as u16,
            time: ((t.hour() as u16) << 11) | ((t.minute() as u16) << 5) | (t.second() as u16 / 2),
        }
    }
}

struct Central {
    name: String,
    crc: u32,
    size: u32,
    offset: u32,
}

pub struct ZipWriter<W: Write> {
    out: W,
    written: u64,
    time: DosTime,
    entries: Vec<Central>,
}

const FLAG_UTF8: u16 = 1 << 11;
const VERSION: u16 = 20;
const MADE_BY_UNIX: u16 = (3 << 8) | VERSION;
const REGULAR_FILE_0644: u32 = 0o100644 << 16;

fn too_big() -> io::Error {
    io::Error::other(
        "paketet blir för stort för en ZIP-fil utan ZIP64 (över 4 GiB eller 65 535 filer); skriv det som mapp (utan --zip)",
    )
}

impl<W: Write> ZipWriter<W> {
    pub fn new(out: W, time: DosTime) -> Self {
        ZipWriter {
            out,
            written: 0,
            time,
            entries: Vec::new(),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Adds one file, stored.
    pub fn add(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        if self.entries.len() >= 0xFFFF || name.len() > 0xFFFF {
            return Err(too_big());
        }
        let offset = u32::try_from(self.written).map_err(|_| too_big())?;
        let size = u32::try_from(data.len()).map_err(|_| too_big())?;
        let crc = crc32fast::hash(data);
        let mut h = Vec::with_capacity(30 + name.len());
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&VERSION.to_le_bytes());
        h.extend_from_slice(&FLAG_UTF8.to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes()); // stored
        h.extend_from_slice(&self.time.time.to_le_bytes());
        h.extend_from_slice(&self.time.date.to_le_bytes());
        h.extend_from_slice(&crc.to_le_bytes());
        h.extend_from_slice(&size.to_le_bytes());
        h.extend_from_slice(&size.to_le_bytes());
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        self.put(&h)?;
        self.put(data)?;
        if self.written > u64::from(u32::MAX) {
            return Err(too_big());
        }
        self.entries.push(Central {
            name: name.to_string(),
            crc,
            size,
            offset,
        });
        Ok(())
    }

    /// Writes the central directory; returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        let start = u32::try_from(self.written).map_err(|_| too_big())?;
        let entries = std::mem::take(&mut self.entries);
        for e in &entries {
            let mut c = Vec::with_capacity(46 + e.name.len());
            c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            c.extend_from_slice(&MADE_BY_UNIX.to_le_bytes());
            c.extend_from_slice(&VERSION.to_le_bytes());
            c.extend_from_slice(&FLAG_UTF8.to_le_bytes());
            c.extend_from_slice(&0u16.to_le_bytes());
            c.extend_from_slice(&self.time.time.to_le_bytes());
            c.extend_from_slice(&self.time.date.to_le_bytes());
            c.extend_from_slice(&e.crc.to_le_bytes());
            c.extend_from_slice(&e.size.to_le_bytes());
            c.extend_from_slice(&e.size.to_le_bytes());
            c.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            c.extend_from_slice(&0u16.to_le_bytes()); // extra
            c.extend_from_slice(&0u16.to_le_bytes()); // comment
            c.extend_from_slice(&0u16.to_le_bytes()); // disk
            c.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            c.extend_from_slice(&REGULAR_FILE_0644.to_le_bytes());
            c.extend_from_slice(&e.offset.to_le_bytes());
            c.extend_from_slice(e.name.as_bytes());
            self.put(&c)?;
        }
        let size = u32::try_from(self.written - u64::from(start)).map_err(|_| too_big())?;
        let n = entries.len() as u16;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&n.to_le_bytes());
        end.extend_from_slice(&n.to_le_bytes());
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&start.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.put(&end)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads back a stored ZIP: (name, data) per entry, from the central directory.
    pub fn read_stored(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
        let u32_at = |i: usize| u32::from_le_bytes(zip[i..i + 4].try_into().unwrap()) as usize;
        let end = zip.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50);
        let n = u16_at(end + 10);
        let mut at = u32_at(end + 16);
        let mut out = Vec::new();
        for _ in 0..n {
            assert_eq!(u32_at(at), 0x0201_4b50);
            let crc = u32_at(at + 16) as u32;
            let size = u32_at(at + 20);
            let name_len = u16_at(at + 28);
            let offset = u32_at(at + 42);
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32_at(offset), 0x0403_4b50);
            let data_at = offset + 30 + u16_at(offset + 26) + u16_at(offset + 28);
            let data = zip[data_at..data_at + size].to_vec();
            assert_eq!(crc32fast::hash(&data), crc);
            out.push((name, data));
            at += 46 + name_len;
        }
        out
    }

    #[test]
    fn round_trip_and_fixed_bytes() {
        let t = chrono::NaiveDate::from_ymd_opt(2024, 12, 18)
            .unwrap()
            .and_hms_opt(9, 12, 41)
            .unwrap();
        let make = || {
            let mut z = ZipWriter::new(Vec::new(), DosTime::from(&t));
            z.add("p/METS.xml", b"<mets/>").unwrap();
            z.add("p/data/sammantr\u{e4}de.pdf", b"%PDF-1.7").unwrap();
            z.finish().unwrap()
        };
        let a = make();
        assert_eq!(a, make());
        let entries = read_stored(&a);
        assert_eq!(entries[0], ("p/METS.xml".to_string(), b"<mets/>".to_vec()));
        assert_eq!(entries[1].0, "p/data/sammantr\u{e4}de.pdf");
        let dt = DosTime::from(&t);
        assert_eq!(dt.date, (44 << 9) | (12 << 5) | 18);
        assert_eq!(dt.time, (9 << 11) | (12 << 5) | 20);
    }
}
