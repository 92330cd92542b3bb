//! A serde `Deserializer` over the spanned [`Node`] tree.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::error::{DeError, Seg, primary_names};
use super::spanned::{RAW_SCALAR, SPANNED};
use super::{Kind, Node};

// ---------------------------------------------------------------------------------
// The deserializer

/// Deserialises a typed value from a node.
// The error carries position, field path, message and hint; it is built once per
// failing file, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node)).map_err(|e: DeError| e.at(node.pos))
}

#[derive(Clone, Copy)]
pub struct NodeDe<'a>(pub &'a Node);

impl<'a> NodeDe<'a> {
    fn scalar(&self) -> Option<(&'a str, bool)> {
        match &self.0.kind {
            Kind::Scalar { value, plain } => Some((value.as_str(), *plain)),
            _ => None,
        }
    }

    fn unexpected(&self) -> de::Unexpected<'a> {
        match &self.0.kind {
            _ if self.0.is_null() => de::Unexpected::Unit,
            Kind::Scalar { value, .. } => de::Unexpected::Str(value),
            Kind::Seq(_) => de::Unexpected::Seq,
            Kind::Map(_) => de::Unexpected::Map,
        }
    }

    fn fail(&self, exp: &dyn de::Expected) -> DeError {
        <DeError as de::Error>::invalid_type(self.unexpected(), exp).at(self.0.pos)
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" | "ja" | "Ja" => Some(true),
        "false" | "False" | "FALSE" | "nej" | "Nej" => Some(false),
        _ => None,
    }
}

macro_rules! deserialize_number {
    ($method:ident, $ty:ty, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.scalar() {
                Some((s, _)) => match s.trim().replace('_', "").parse::<$ty>() {
                    Ok(n) => visitor.$visit(n).map_err(|e: DeError| e.at(self.0.pos)),
                    Err(_) => Err(self.fail(&visitor)),
                },
                None => Err(self.fail(&visitor)),
            }
        }
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let pos = self.0.pos;
        let result = match &self.0.kind {
            _ if self.0.is_null() => visitor.visit_unit(),
            Kind::Scalar { value, plain } => {
                if *plain {
                    if let Some(b) = parse_bool(value) {
                        return visitor.visit_bool(b).map_err(|e: DeError| e.at(pos));
                    }
                    if let Ok(n) = value.parse::<i64>() {
                        return visitor.visit_i64(n).map_err(|e: DeError| e.at(pos));
                    }
                    if let Ok(n) = value.parse::<f64>()
                        && value.chars().any(|c| c.is_ascii_digit())
                    {
                        return visitor.visit_f64(n).map_err(|e: DeError| e.at(pos));
                    }
                }
                visitor.visit_borrowed_str(value)
            }
            Kind::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
            }),
            Kind::Map(entries) => visitor.visit_map(MapDe::new(entries)),
        };
        result.map_err(|e: DeError| e.at(pos))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar().and_then(|(s, _)| parse_bool(s)) {
            Some(b) => visitor.visit_bool(b).map_err(|e: DeError| e.at(self.0.pos)),
            None => Err(self.fail(&visitor)),
        }
    }

    deserialize_number!(deserialize_i8, i8, visit_i8);
    deserialize_number!(deserialize_i16, i16, visit_i16);
    deserialize_number!(deserialize_i32, i32, visit_i32);
    deserialize_number!(deserialize_i64, i64, visit_i64);
    deserialize_number!(deserialize_u8, u8, visit_u8);
    deserialize_number!(deserialize_u16, u16, visit_u16);
    deserialize_number!(deserialize_u32, u32, visit_u32);
    deserialize_number!(deserialize_u64, u64, visit_u64);
    deserialize_number!(deserialize_f32, f32, visit_f32);
    deserialize_number!(deserialize_f64, f64, visit_f64);

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Any scalar is text when text is wanted: `rubrik: 2024` is the string "2024".
        match &self.0.kind {
            Kind::Scalar { value, .. } if !self.0.is_null() => visitor
                .visit_borrowed_str(value)
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.fail(&visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.fail(&visitor))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.fail(&visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == RAW_SCALAR {
            return match self.scalar() {
                Some((text, plain)) if !self.0.is_null() => visitor
                    .visit_seq(de::value::SeqDeserializer::new(
                        vec![RawPart::Text(text.to_string()), RawPart::Plain(plain)].into_iter(),
                    ))
                    .map_err(|e: DeError| e.at(self.0.pos)),
                _ => Err(self.fail(&visitor)),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Seq(items) => visitor
                .visit_seq(SeqDe {
                    items: items.iter(),
                    index: 0,
                })
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Map(entries) => visitor
                .visit_map(MapDe::new(entries))
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED {
            return visitor.visit_map(SpannedDe {
                node: self.0,
                state: 0,
            });
        }
        if !matches!(self.0.kind, Kind::Map(_)) && !self.0.is_null() {
            let mut err = self.fail(&visitor);
            let names = primary_names(fields);
            if !names.is_empty() {
                err.hint = Some(format!(
                    "skriv fälten på egna, indragna rader: {}",
                    names.join(", ")
                ));
            }
            return Err(err);
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Scalar { value, .. } if !self.0.is_null() => visitor
                .visit_enum(de::value::StrDeserializer::<DeError>::new(value))
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// Parts of a [`RawScalar`], handed to its visitor as a two-element sequence.
enum RawPart {
    Text(String),
    Plain(bool),
}

impl<'de> IntoDeserializer<'de, DeError> for RawPart {
    type Deserializer = RawPartDe;
    fn into_deserializer(self) -> RawPartDe {
        RawPartDe(self)
    }
}

struct RawPartDe(RawPart);

impl<'de> de::Deserializer<'de> for RawPartDe {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            RawPart::Text(s) => visitor.visit_string(s),
            RawPart::Plain(b) => visitor.visit_bool(b),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => {
                let index = self.index;
                self.index += 1;
                seed.deserialize(NodeDe(node))
                    .map(Some)
                    .map_err(|e: DeError| e.at(node.pos).within(Seg::Index(index)))
            }
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
    key: Option<&'a Node>,
}

impl<'a> MapDe<'a> {
    fn new(entries: &'a [(Node, Node)]) -> Self {
        MapDe {
            entries: entries.iter(),
            value: None,
            key: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.key = Some(k);
                self.value = Some(v);
                seed.deserialize(NodeDe(k))
                    .map(Some)
                    .map_err(|e: DeError| e.at(k.pos))
            }
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.value.take().expect("value after key");
        let key = self.key.and_then(Node::as_str).unwrap_or("?").to_string();
        seed.deserialize(NodeDe(value))
            .map_err(|e: DeError| e.at(value.pos).within(Seg::Key(key)))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct SpannedDe<'a> {
    node: &'a Node,
    state: u8,
}

impl<'de> de::MapAccess<'de> for SpannedDe<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let key = match self.state {
            0 => "$line",
            1 => "$col",
            2 => "$value",
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.state += 1;
        match self.state {
            1 => seed.deserialize(self.node.pos.line.into_deserializer()),
            2 => seed.deserialize(self.node.pos.col.into_deserializer()),
            _ => seed.deserialize(NodeDe(self.node)),
        }
    }
}
