//! [`Spanned`] (a value with its line and column) and [`RawScalar`] (a scalar with its
//! quoting), carried through serde by a private struct-name protocol with the
//! deserializer in `de.rs`.

use std::fmt;

use serde::de::{self, Visitor};

use super::Pos;

// ---------------------------------------------------------------------------------
// Spanned values

/// A value together with the position of its YAML node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

pub(super) const SPANNED: &str = "$kansli::Spanned";
pub(super) const SPANNED_FIELDS: &[&str] = &["$line", "$col", "$value"];

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett värde")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut line = 0u32;
                let mut col = 0u32;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "$line" => line = map.next_value()?,
                        "$col" => col = map.next_value()?,
                        _ => {
                            let value = map.next_value()?;
                            return Ok(Spanned {
                                value,
                                pos: Pos { line, col },
                            });
                        }
                    }
                }
                Err(de::Error::custom("internt fel: Spanned utan värde"))
            }
        }
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, V(std::marker::PhantomData))
    }
}

impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// A scalar's text together with whether it was written plain (unquoted). Table cells
/// use this: `2024` is a number, `"2024"` is text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScalar {
    pub text: String,
    pub plain: bool,
}

pub(super) const RAW_SCALAR: &str = "$kansli::RawScalar";

impl schemars::JsonSchema for RawScalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// A spanned value has the schema of its value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de> de::Deserialize<'de> for RawScalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawScalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text eller ett tal")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawScalar, A::Error> {
                let text: String = seq.next_element()?.unwrap_or_default();
                let plain: bool = seq.next_element()?.unwrap_or(false);
                Ok(RawScalar { text, plain })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar {
                    text: v.to_string(),
                    plain: false,
                })
            }
        }
        d.deserialize_newtype_struct(RAW_SCALAR, V)
    }
}
