//! Unknown fields, kept. Files from newer versions may carry fields this build does not know;
//! they are read into each object's `extra` map and written back unchanged.
//!
//! `#[serde(flatten)]` would do this, but it buffers every object before decoding it, which
//! made loading a large project several times slower. Instead [`super::file`] reads a file in
//! two passes over the text: the derived, fast decoder for the known fields, and
//! [`ProjectExtras`], which skips known fields without decoding them and keeps the rest.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The field names a type reads; anything else in its JSON object is "extra".
pub trait KnownFields {
    const FIELDS: &'static [&'static str];
}

/// The unknown fields of one JSON object that decodes as `T`.
pub struct Extras<T>(pub Map<String, Value>, PhantomData<T>);

impl<'de, T: KnownFields> Deserialize<'de> for Extras<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: KnownFields> Visitor<'de> for V<T> {
            type Value = Extras<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut extra = Map::new();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if T::FIELDS.contains(&key.as_ref()) {
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        extra.insert(key.into_owned(), map.next_value::<Value>()?);
                    }
                }
                Ok(Extras(extra, PhantomData))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// A list of objects' extras; tolerates `null` like the derived decoder's `default`.
struct ExtrasList<T>(Vec<Map<String, Value>>, PhantomData<T>);

impl<'de, T: KnownFields> Deserialize<'de> for ExtrasList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: KnownFields> Visitor<'de> for V<T> {
            type Value = ExtrasList<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(Extras(m, _)) = seq.next_element::<Extras<T>>()? {
                    out.push(m);
                }
                Ok(ExtrasList(out, PhantomData))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

/// The header and every unknown field of a project file, read without decoding the rest.
#[derive(Default)]
pub struct ProjectExtras {
    pub format: Option<Value>,
    pub version: Option<Value>,
    pub top: Map<String, Value>,
    pub sources: Vec<Map<String, Value>>,
    pub entries: Vec<Map<String, Value>>,
    pub claims: Vec<Map<String, Value>>,
}

impl<'de> Deserialize<'de> for ProjectExtras {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ProjectExtras;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                use super::{Claim, Entry, Project, Source};
                let mut out = ProjectExtras::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "format" => out.format = Some(map.next_value()?),
                        "version" => out.version = Some(map.next_value()?),
                        "sources" => {
                            let list: Option<ExtrasList<Source>> = map.next_value()?;
                            out.sources = list.map(|l| l.0).unwrap_or_default();
                        }
                        "entries" => {
                            let list: Option<ExtrasList<Entry>> = map.next_value()?;
                            out.entries = list.map(|l| l.0).unwrap_or_default();
                        }
                        "claims" => {
                            let list: Option<ExtrasList<Claim>> = map.next_value()?;
                            out.claims = list.map(|l| l.0).unwrap_or_default();
                        }
                        k if Project::FIELDS.contains(&k) => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        _ => {
                            out.top.insert(key.into_owned(), map.next_value::<Value>()?);
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field a fully filled object writes is known, and every known field is written:
    /// the lists cannot drift from the structs.
    fn assert_fields_match<T: KnownFields + serde::Serialize>(value: &T, header: &[&str]) {
        let json = serde_json::to_value(value).unwrap();
        let written: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in &written {
            assert!(
                T::FIELDS.contains(key),
                "{key} is written but not in FIELDS"
            );
        }
        for key in T::FIELDS {
            assert!(
                written.contains(key) || header.contains(key),
                "{key} is in FIELDS but never written"
            );
        }
    }

    #[test]
    fn known_field_lists_match_the_structs() {
        use crate::model::*;
        let now = chrono::Utc::now();
        let span = TimeSpan::parse("2025-08-21", None).unwrap();
        let mut s = Source::from_text(SourceId(1), "t", "text");
        s.outlet = Some("o".into());
        s.authors = vec!["a".into()];
        s.url = Some("u".into());
        s.published = Some(span.clone());
        s.published_from = Some("x".into());
        s.retrieved = Some(now);
        s.language = Some("en".into());
        s.version_of = Some(SourceId(2));
        s.file_modified = Some(now);
        s.anchors.push(TextAnchor {
            kind: AnchorKind::Update,
            range: CharRange::new(0, 4),
            time: span.clone(),
            label: "09:00".into(),
            author: None,
            handle: None,
            platform: None,
            url: None,
        });
        assert_fields_match(&s, &[]);

        let mut e = Entry::new(EntryId(2), EntryKind::Statement, "l", now);
        e.summary = "s".into();
        e.event_time = Some(span.clone());
        e.said_time = Some(span.clone());
        e.reported_time = Some(span);
        e.attribution = Some(Attribution::default());
        e.evidence.push(Evidence {
            source: SourceId(1),
            range: CharRange::new(0, 1),
            role: String::new(),
        });
        e.reason = "r".into();
        e.lane = Some("l".into());
        e.tags = vec!["t".into()];
        e.color = Some(Color([1, 2, 3]));
        e.note = "n".into();
        e.links.push(Link {
            kind: LinkKind::Supports,
            target: EntryId(3),
        });
        e.history.push(AuditRecord {
            at: now,
            by: "u".into(),
            action: "a".into(),
        });
        assert_fields_match(&e, &[]);

        let mut p = Project::new("p", now);
        p.tags.push(TagDef {
            name: "t".into(),
            color: None,
        });
        let mut c = Claim::new(ClaimId(4), "c", now);
        c.entries.push(EntryId(2));
        assert_fields_match(&c, &[]);
        p.claims.push(c);
        p.key_dates
            .push(KeyDateMark::pinned(chrono::NaiveDate::MIN));
        assert_fields_match(&p, &["format", "version"]);
    }
}
