//! The kinds of document: what an input file is (`typ:`, [`DocType`]) and what an
//! output is ([`DocKind`]), used for templates, file names, metadata and the archive.

use crate::yaml::ascii_fold;

/// A document type, as named by `typ:` in an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocType {
    Tjansteskrivelse,
    Rapport,
    Sammantrade,
}

impl DocType {
    pub const NAMES: &'static [&'static str] = &["tjänsteskrivelse", "rapport", "sammanträde"];

    pub fn parse(s: &str) -> Option<DocType> {
        match ascii_fold(&s.trim().to_lowercase()).as_str() {
            "tjansteskrivelse" => Some(DocType::Tjansteskrivelse),
            "rapport" => Some(DocType::Rapport),
            "sammantrade" => Some(DocType::Sammantrade),
            _ => None,
        }
    }

    /// The Swedish name, as written in `typ:` and shown to users.
    pub fn name(self) -> &'static str {
        match self {
            DocType::Tjansteskrivelse => "tjänsteskrivelse",
            DocType::Rapport => "rapport",
            DocType::Sammantrade => "sammanträde",
        }
    }
}

/// The kind of one output PDF. A tjänsteskrivelse or rapport file gives one output of
/// its own kind; a sammanträde gives the meeting's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Tjansteskrivelse,
    Rapport,
    Kallelse,
    /// The public meeting pack: secret ärenden and bilagor replaced by a notice.
    Handlingar,
    /// The members' pack: secret ärenden and bilagor in full, marked.
    HandlingarLedamot,
    Protokoll,
    /// A protokollsutdrag: one paragraph of the protokoll.
    Utdrag,
    /// The tillkännagivande that the protokoll is justerat (PDF, with an HTML twin for
    /// the digital anslagstavla).
    Anslag,
}

impl DocKind {
    /// The name in the archive manifest (`dokumenttyp`) and in messages.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Tjansteskrivelse => "tjänsteskrivelse",
            DocKind::Rapport => "rapport",
            DocKind::Kallelse => "kallelse",
            DocKind::Handlingar => "handlingar",
            DocKind::HandlingarLedamot => "handlingar-ledamot",
            DocKind::Protokoll => "protokoll",
            DocKind::Utdrag => "protokollsutdrag",
            DocKind::Anslag => "anslag",
        }
    }

    /// Made after the meeting: stopped by errors in attendance, votes, justering or
    /// anslag (the kallelse and handlingar are still made).
    pub fn is_after_meeting(self) -> bool {
        matches!(self, DocKind::Protokoll | DocKind::Utdrag | DocKind::Anslag)
    }

    /// The minijinja template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            DocKind::Tjansteskrivelse => "tjansteskrivelse.typ.j2",
            DocKind::Rapport => "rapport.typ.j2",
            _ => "sammantrade.typ.j2",
        }
    }

    /// Made from a meeting file (kept together in the archive when there is no Dnr).
    pub fn is_meeting_document(self) -> bool {
        !matches!(self, DocKind::Tjansteskrivelse | DocKind::Rapport)
    }

    /// The part of the meeting template (and the profile label) for a meeting document.
    pub fn part(self) -> &'static str {
        match self {
            DocKind::Utdrag => "protokollsutdrag",
            DocKind::HandlingarLedamot => "handlingar",
            other => other.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_types_accept_ascii() {
        assert_eq!(DocType::parse("sammantrade"), Some(DocType::Sammantrade));
        assert_eq!(
            DocType::parse("Tjänsteskrivelse"),
            Some(DocType::Tjansteskrivelse)
        );
        assert_eq!(DocType::parse("protokoll"), None);
    }

    #[test]
    fn meeting_documents_share_one_template() {
        for k in [
            DocKind::Kallelse,
            DocKind::Handlingar,
            DocKind::HandlingarLedamot,
            DocKind::Protokoll,
            DocKind::Utdrag,
            DocKind::Anslag,
        ] {
            assert!(k.is_meeting_document());
            assert_eq!(k.template(), "sammantrade.typ.j2");
        }
        assert!(!DocKind::Rapport.is_meeting_document());
    }
}
