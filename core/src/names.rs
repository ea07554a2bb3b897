//! `named_enum!`: enums whose values cross every language as lower-case strings.
//!
//! One macro gives each such enum the same surface: `as_str`, `ALL`, `Display`, `FromStr`
//! (with optional aliases) and serde names, so "shin", "h2h" or "half_won" parse and print the
//! same way in Rust, Python and JavaScript.

/// What every enum declared with `named_enum!` offers, so generic code (the bindings'
/// converters) can parse and print any of them.
pub trait NamedEnum: Copy + std::str::FromStr<Err = crate::Error> + 'static {
    /// Every value, in declaration order.
    fn all() -> &'static [Self];
    /// The canonical lower-case name.
    fn name(self) -> &'static str;
}

/// Declares a fieldless enum whose values have one canonical lower-case name (and optional
/// aliases accepted when parsing). Unknown names give [`crate::Error::UnknownName`].
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $(#[$fmeta:meta])* $first:ident = $ftext:literal $(| $falias:literal)*
            $(, $(#[$vmeta:meta])* $variant:ident = $text:literal $(| $alias:literal)*)* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(serde::Serialize)]
        $vis enum $name {
            $(#[$fmeta])* #[serde(rename = $ftext)] $first,
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
        }

        impl<'de> serde::Deserialize<'de> for $name {
            /// Reads the name as [`std::str::FromStr`] does (aliases included): an unknown
            /// name fails with the words of [`crate::Error::UnknownName`], so a record's bad
            /// name reads alike in every language (`unknown market "h3h"; expected one
            /// of: ...`).
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                deserializer.deserialize_str($crate::names::NameVisitor::<$name>::new())
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$name::$first $(, $name::$variant)*];
            /// The accepted canonical names, comma separated (for error messages).
            pub const NAMES: &'static str = concat!($ftext $(, ", ", $text)*);

            /// The canonical lower-case name, the same in every language.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $name::$first => $ftext,
                    $($name::$variant => $text,)*
                }
            }
        }

        impl $crate::names::NamedEnum for $name {
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::Error;

            /// Parses a canonical name or an alias; anything else is `UnknownName`.
            fn from_str(s: &str) -> $crate::Result<Self> {
                match s {
                    $ftext $(| $falias)* => Ok($name::$first),
                    $($text $(| $alias)* => Ok($name::$variant),)*
                    _ => Err($crate::Error::UnknownName {
                        what: $what,
                        value: s.to_string(),
                        expected: $name::NAMES,
                    }),
                }
            }
        }
    };
}

pub(crate) use named_enum;

/// The serde visitor of every `named_enum!`: a string parsed by the enum's `FromStr`, whose
/// `UnknownName` becomes the deserializer's error with the same words. Any other type is
/// serde's `invalid type: ..., expected a name`.
pub struct NameVisitor<T>(std::marker::PhantomData<T>);

impl<T> NameVisitor<T> {
    /// The visitor of names of `T`.
    pub const fn new() -> Self {
        NameVisitor(std::marker::PhantomData)
    }
}

impl<T> Default for NameVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: NamedEnum> serde::de::Visitor<'_> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Market, Outcome};

    #[test]
    fn a_name_reads_through_from_str_with_its_aliases_and_words() {
        let m: Market = serde_json::from_value(serde_json::json!("h2h")).unwrap();
        assert_eq!(m, Market::H2h);
        let err = serde_json::from_value::<Outcome>(serde_json::json!("draw2")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "draw2".parse::<Outcome>().unwrap_err().to_string()
        );
        assert_eq!(
            err.to_string(),
            "unknown outcome \"draw2\"; expected one of: won, lost, push, half_won, half_lost, void"
        );
        let err = serde_json::from_value::<Market>(serde_json::json!(5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: integer `5`, expected a name"
        );
    }
}
