//! The share link: a query string that holds a whole `Config`. Reading it is `Config::apply` of its
//! pairs (preset first); writing it lists only what differs from the preset.

use super::notice::{Notice, Problem};
use super::settings::{Domain, Key, Role, SETTINGS};
use super::Config;
use crate::i18n::Language;

/// The link format's version key and value (`v=1`).
pub const VERSION_KEY: &str = "v";
/// A query with only the version: no differences (a pin of the run itself).
pub const VERSION_QUERY: &str = "v=1";

impl Config {
    /// Reads a share link: a query string (`?v=1&hidden=64`, with or without `?`) or a whole URL.
    /// `preset` is applied first, the other keys override it in order, then the cross-key checks
    /// run once. Unknown keys, bad and out-of-range values become notices; the result is always a
    /// usable `Config`.
    pub fn from_query(text: &str) -> (Config, Vec<Notice>) {
        let pairs = query_pairs(text);
        let mut notices = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in &pairs {
            let multiple =
                super::settings::setting(key).is_some_and(|s| s.domain == Domain::Compare);
            let known =
                !multiple && (key == VERSION_KEY || super::settings::setting(key).is_some());
            if known && seen.contains(&key.as_str()) {
                notices.push(Notice::new(key, value, Problem::Repeated));
            }
            seen.push(key);
        }
        let mut config = Config::default();
        notices.extend(config.apply(&pairs));
        (config, notices)
    }

    /// Like `from_query`, but any notice is an error (the headless runner: a figure for a slide must
    /// come from exactly the settings written).
    pub fn from_query_strict(text: &str) -> Result<Config, Vec<Notice>> {
        let (config, notices) = Config::from_query(text);
        if notices.is_empty() {
            Ok(config)
        } else {
            Err(notices)
        }
    }

    /// The share link's query string (without `?`): `v=1`, the preset unless it is `question`, then
    /// only the keys that differ from that preset. `from_query(to_query(c)) == c`.
    pub fn to_query(&self) -> String {
        let base = self.preset.config();
        let mut parts = vec![format!("{VERSION_KEY}=1")];
        for setting in SETTINGS {
            let mine = (setting.get)(self);
            let differs = match setting.role {
                Role::Preset => mine != (setting.get)(&Config::default()),
                Role::Run | Role::View | Role::Sweep | Role::Compare => {
                    mine != (setting.get)(&base)
                }
            };
            if differs {
                parts.push(format!("{}={}", setting.key, percent_encode(&mine)));
            }
        }
        parts.join("&")
    }
}

/// Whether a page served from `host` can only be opened on this computer (`localhost`, a loopback
/// address): its link and QR code reach no other device.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host == "::1"
        || host.starts_with("127.")
        || host == "0.0.0.0"
}

/// Splits a query string or URL into decoded `(key, value)` pairs, in order.
pub fn query_pairs(text: &str) -> Vec<(String, String)> {
    let text = text.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let query = match text.split_once('?') {
        Some((_, query)) => query,
        None => text,
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` as a space; malformed escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes everything but unreserved characters and the few separators relu-lab's values use
/// (`,` `:` `|` `;`), which a query may hold as they are: `hidden=8,8,4` stays readable, and any
/// value survives a round trip through a URL.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~,:|;".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Config {
    /// The share link's query for a link of `prefix` characters before it (`https://…/?`): with the
    /// own points when the whole link stays within `crate::engine::bounds::LINK_LIMIT` characters (then `true`), else
    /// with their tag in their place (`pts=~500.…`, `table::Tag`): a page that kept those points
    /// restores them (`engine::stored`); any other opens the built-in data and says the points are
    /// not here, and the page offers them as a file next to the link.
    pub fn share_query(&self, prefix: usize) -> (String, bool) {
        let query = self.to_query();
        if self.own.is_empty()
            || prefix.saturating_add(query.len()) <= crate::engine::bounds::LINK_LIMIT
        {
            return (query, true);
        }
        let without = Config {
            own: crate::engine::table::Points::default(),
            ..self.clone()
        };
        let tag = crate::engine::table::Tag::of(&self.own).link_text();
        let key = Key::OwnPoints.name();
        (format!("{}&{key}={tag}", without.to_query()), false)
    }

    /// The query of the run settings in which `other` differs from this run, after `v=1`
    /// (`v=1&lr=0.001`; `v=1` alone when they are the same run).
    pub fn diff_query(&self, other: &Config) -> String {
        let mut parts = vec![format!("{VERSION_KEY}=1")];
        for setting in SETTINGS.iter().filter(|s| s.role == Role::Run) {
            if !setting.same_in(self, other) {
                let theirs = (setting.get)(other);
                parts.push(format!("{}={}", setting.key, percent_encode(&theirs)));
            }
        }
        parts.join("&")
    }

    /// `diff_query` of this configuration with `pairs` written (a pin's canonical form).
    pub(super) fn diff_pairs_query(&self, pairs: &[(String, String)]) -> String {
        let mut other = self.clone();
        other.apply(pairs);
        self.diff_query(&other)
    }

    /// The pinned runs' configurations: this run with each pin's differences written.
    pub fn pinned(&self) -> Vec<Config> {
        self.compare
            .0
            .iter()
            .map(|pin| {
                let mut config = Config {
                    compare: Default::default(),
                    ..self.clone()
                };
                config.apply(&query_pairs(pin));
                config
            })
            .collect()
    }

    /// How a pinned run differs from this one, in a few words as the page shows them: each widget's
    /// label (`Key::label`) and the value as the widget shows it (`learning rate 0.001, output
    /// activation linear`); a different line y = slope·x + intercept as the fit chart's legend
    /// names it; or "the same settings", in `language`.
    pub fn difference_label(&self, other: &Config, language: Language) -> String {
        let target_differs = other.slope != self.slope || other.intercept != self.intercept;
        let parts: Vec<String> = SETTINGS
            .iter()
            .filter(|s| s.role == Role::Run && !s.same_in(self, other))
            .filter_map(|s| {
                // Slope and intercept have no widget: one part, first, names the target line they
                // make, in the fit chart's words.
                if s.id == Key::Intercept || s.id == Key::Slope {
                    return None;
                }
                // In the words the page labels its widgets with; the value as the widget shows it.
                let name = s.id.label().map_or(s.key, |t| t.get(language));
                let value = if s.id == Key::OwnPoints {
                    crate::i18n::POINTS_COUNT.fill(language, &[&other.own.len()])
                } else {
                    (s.get)(other)
                };
                Some(format!("{name} {value}"))
            })
            .collect();
        let parts: Vec<String> = if target_differs {
            std::iter::once(other.target_line_words(language))
                .chain(parts)
                .collect()
        } else {
            parts
        };
        if parts.is_empty() {
            crate::i18n::PIN_SAME_SETTINGS.get(language).into()
        } else {
            parts.join(match language {
                Language::En => ", ",
                Language::Zh => "，",
            })
        }
    }

    /// The straight target line y = slope·x + intercept as the fit chart's legend names it
    /// ("target y = 2x + 1").
    pub fn target_line_words(&self, language: Language) -> String {
        crate::i18n::LEGEND_TARGET.fill(language, &[&line_words(self.slope, self.intercept)])
    }
}

/// "y = 2x", "y = x + 1", "y = −0.5x − 3": a line as a person writes it.
pub fn line_words(slope: f64, intercept: f64) -> String {
    let slope_part = if slope == 0.0 {
        String::new()
    } else if slope == 1.0 {
        "x".to_string()
    } else if slope == -1.0 {
        "−x".to_string()
    } else if slope < 0.0 {
        format!("−{}x", -slope)
    } else {
        format!("{slope}x")
    };
    let intercept_part = match (slope_part.is_empty(), intercept) {
        (true, c) if c < 0.0 => format!("−{}", -c),
        (true, c) => format!("{c}"),
        (false, 0.0) => String::new(),
        (false, c) if c < 0.0 => format!(" − {}", -c),
        (false, c) => format!(" + {c}"),
    };
    format!("y = {slope_part}{intercept_part}")
}
