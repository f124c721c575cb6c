//! Bytes → UTF-8: byte-order marks, UTF-16 without a BOM, declared charsets, and a statistical
//! guess (chardetng) for legacy encodings such as Windows-1252, KOI8-R or Shift_JIS.
//!
//! Binary content is refused here, once, so every text-based reader gives the same message.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How much of the start of a file the binary and UTF-16 checks look at.
const SNIFF_BYTES: usize = 8 * 1024;
/// More NUL bytes than this share of the sniffed start (outside UTF-16) means binary: real
/// text in an 8-bit or UTF-8 encoding has none.
const MAX_NUL_SHARE: f64 = 0.01;
/// Other C0 control characters (not tab, newlines, form feed, escape) above this share mean
/// binary.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Magic numbers of common binary formats someone may rename to `.txt` or `.html`.
const BINARY_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"\x7FELF", "a program"),
    (b"PK\x03\x04", "a zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"\x00\x00\x00", "a binary file"),
];

/// Text decoded from bytes, and the encoding that was used.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes `bytes`. Order: BOM, then a charset the container declared (HTTP header, `<meta
/// charset>`), then UTF-16 by its NUL pattern, then valid UTF-8, then chardetng's guess.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], encoding);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_strict(bytes, encoding);
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(format!(
            "looks like a binary file ({what}), not text; nothing was imported"
        ));
    }
    if let Some(encoding) = declared {
        // A declared charset may lie (pages saved as UTF-8 keep their old `<meta charset>`):
        // valid UTF-8 under a legacy label is far more likely UTF-8 than mojibake.
        if encoding != UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
            return Ok(Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: UTF_8,
            });
        }
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

fn decode_strict(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "the file claims to be {} but is damaged (invalid byte sequences)",
            encoding.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
    })
}

/// UTF-16 text without a BOM has a NUL in every other byte (for Latin-script text).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let share = |n: usize| n as f64 / pairs as f64;
    if share(odd_nul) > 0.3 && share(even_nul) < 0.02 {
        Some(UTF_16LE)
    } else if share(even_nul) > 0.3 && share(odd_nul) < 0.02 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `Some(what)` when the start of `bytes` is not text.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, what)) = BINARY_MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(what);
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.is_empty() {
        return None;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    let share = |n: usize| n as f64 / head.len() as f64;
    (share(nul) > MAX_NUL_SHARE || share(control) > MAX_CONTROL_SHARE).then_some("a binary file")
}

/// The encoding for a charset label (`utf-8`, `windows-1251`, `latin1` …).
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encodings_are_guessed() {
        let (latin1, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le café de la place était fermé pour l’été, déclara le maire.");
        let d = decode(&latin1, None).unwrap();
        assert_eq!(
            d.text,
            "Le café de la place était fermé pour l’été, déclara le maire."
        );
        let russian = "Президент заявил журналистам, что переговоры продолжатся на следующей неделе в Москве.";
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(russian);
        assert_eq!(decode(&koi8, None).unwrap().text, russian);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        assert_eq!(decode(&cp1251, None).unwrap().text, russian);
        let japanese =
            "東京都は二十一日、新しい防災計画を発表した。専門家は対策の遅れを指摘している。";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(decode(&sjis, None).unwrap().text, japanese);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Kyiv said on Thursday that talks would resume.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None).unwrap().text, text);
        assert_eq!(decode(&be, None).unwrap().text, text);
    }

    #[test]
    fn binary_is_refused() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend([0u8; 64]);
        assert!(decode(&png, None).unwrap_err().contains("PNG image"));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(
            decode(&noise, None)
                .unwrap_err()
                .contains("looks like a binary file")
        );
    }

    #[test]
    fn declared_charset_is_used_unless_the_bytes_are_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Київ");
        let d = decode(&bytes, for_label("windows-1251")).unwrap();
        assert_eq!(d.text, "Київ");
        let d = decode("Київ".as_bytes(), for_label("windows-1251")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Київ", UTF_8));
    }

    #[test]
    fn damaged_utf16_is_an_error() {
        let bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert!(decode(&bytes, None).unwrap_err().contains("damaged"));
    }
}
