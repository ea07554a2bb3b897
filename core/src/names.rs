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
        #[derive(serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $(#[$fmeta])* #[serde(rename = $ftext $(, alias = $falias)*)] $first,
            $($(#[$vmeta])* #[serde(rename = $text $(, alias = $alias)*)] $variant,)*
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
