//! Own points kept outside a link. A link too long to carry the learner's points names them by
//! their tag (`pts=~500.0123456789abcdef`, `table::Tag`). The page keeps the points it applied in the
//! browser's storage, so a reload finds them again; a sweep sends them to each worker once and its
//! jobs name them by the same tag. The decisions are here, as pure functions; the page only reads
//! and writes the storage.
//!
//! A link that names points this browser did not keep (a friend's) is never filled with other
//! points: it opens on the built-in data, and the notice says which points are missing.

use super::bounds::LINK_LIMIT;
use super::config::{percent_decode, Config, Key, Notice};
use super::table::{Points, Tag};

/// What `restore` did with a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// The query names no points by tag: it is used as it is.
    Untouched,
    /// The query named the kept points: they are in it now.
    Restored { rows: usize },
    /// The query names points that are not the kept ones (or none are kept): it is used as it is,
    /// and reading it says the points are not here.
    Missing { wanted: Tag },
}

/// The query with the kept points in place of their tag, when it names them by tag and they are
/// the kept ones (same rows, same hash); otherwise the query as it is, and what was found.
pub fn restore(query: &str, kept: Option<&Points>) -> (String, Restored) {
    let key = Key::OwnPoints.name();
    let (head, body) = match query.split_once('?') {
        Some((head, body)) => (format!("{head}?"), body),
        None => (String::new(), query),
    };
    let mut outcome = Restored::Untouched;
    let parts: Vec<String> = body
        .split('&')
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let tag = (percent_decode(name) == key)
                .then(|| Tag::from_link_text(&percent_decode(value)))
                .flatten();
            let Some(wanted) = tag else {
                return part.to_string();
            };
            match kept.filter(|points| Tag::of(points) == wanted) {
                Some(points) => {
                    outcome = Restored::Restored { rows: points.len() };
                    // Base64url: nothing to escape in a query.
                    format!("{name}={}", points.link_text())
                }
                None => {
                    outcome = Restored::Missing { wanted };
                    part.to_string()
                }
            }
        })
        .collect();
    (format!("{head}{}", parts.join("&")), outcome)
}

/// The address bar's query for a page at `prefix` characters: the whole run while the link stays
/// within `LINK_LIMIT`; beyond, the points' tag when the browser keeps these very points (`kept`,
/// asked only then: a reload restores them), else the points themselves, whatever the length (the
/// address must not lose them).
pub fn address_query(config: &Config, prefix: usize, kept: impl FnOnce(Tag) -> bool) -> String {
    let (query, whole) = config.share_query(prefix);
    if whole || kept(Tag::of(&config.own)) {
        query
    } else {
        config.to_query()
    }
}

/// How many sets of points a browser keeps: the last ones applied (a page in another tab may still
/// name an older set).
pub const KEPT_SETS: usize = 3;

/// The list of kept sets (tags in their link form, newest first, separated by spaces) once `new`
/// is kept: it goes first, and the sets beyond `KEPT_SETS` are dropped (returned, to be removed
/// from storage). Unreadable entries are dropped too.
pub fn keep_in_list(list: &str, new: Tag) -> (String, Vec<String>) {
    let mut kept = vec![new.link_text()];
    let mut dropped = Vec::new();
    for entry in list.split_whitespace() {
        let same = Tag::from_link_text(entry) == Some(new);
        if same || kept.contains(&entry.to_string()) {
            continue;
        }
        if Tag::from_link_text(entry).is_some() && kept.len() < KEPT_SETS {
            kept.push(entry.to_string());
        } else {
            dropped.push(entry.to_string());
        }
    }
    (kept.join(" "), dropped)
}

/// Whether the list of kept sets holds `tag`.
pub fn list_holds(list: &str, tag: Tag) -> bool {
    list.split_whitespace()
        .any(|entry| Tag::from_link_text(entry) == Some(tag))
}

/// A sweep cell's configuration as a worker's job names it: its link, with own points by their tag
/// (the worker was sent the points once, `job_config`).
pub fn job_link(config: &Config) -> String {
    config.share_query(LINK_LIMIT + 1).0
}

/// The configuration of a job's link, with the worker's points in place of their tag. A tag of
/// other points gives the link's configuration without them, and a notice.
pub fn job_config(link: &str, points: &Points) -> (Config, Vec<Notice>) {
    let (query, _) = restore(link, Some(points));
    Config::from_query(&query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::DataKind;
    use crate::engine::table::fnv1a;
    use crate::engine::test_cases::Cases;

    fn points(n: usize, seed: u64) -> Points {
        let mut cases = Cases(seed);
        let x: Vec<f64> = (0..n).map(|i| i as f64 * 0.25).collect();
        let y: Vec<f64> = (0..n).map(|_| cases.below(1000) as f64 / 7.0).collect();
        Points::new(x, y).unwrap()
    }

    fn config_on(points: &Points) -> Config {
        let mut config = Config::default();
        assert!(config.use_points(points.clone()).is_empty());
        config
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv): 64-bit FNV-1a.
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_tag_is_the_count_and_the_hash_of_the_values_bytes() {
        let p = Points::new(vec![1.0, -0.5], vec![2.0, 3.0]).unwrap();
        // The bytes written out by hand: 1.0, -0.5, 2.0, 3.0 as IEEE doubles, little-endian.
        let mut bytes = Vec::new();
        for bits in [
            0x3ff0_0000_0000_0000u64,
            0xbfe0_0000_0000_0000,
            0x4000_0000_0000_0000,
            0x4008_0000_0000_0000,
        ] {
            bytes.extend(bits.to_le_bytes());
        }
        let tag = Tag::of(&p);
        assert_eq!(
            tag,
            Tag {
                rows: 2,
                hash: fnv1a(bytes)
            }
        );
        let text = tag.link_text();
        assert_eq!(text, format!("~2.{:016x}", tag.hash));
        assert_eq!(Tag::from_link_text(&text), Some(tag));
        for junk in [
            "",
            "~",
            "~2",
            "~2.",
            "~x.0123456789abcdef",
            "~2.0123",
            "2.0123456789abcdef",
            "~2.0123456789abcdefg",
        ] {
            assert_eq!(Tag::from_link_text(junk), None, "{junk:?}");
        }
        // Points that differ in one bit (0 and -0) have different tags.
        let a = Points::new(vec![0.0, 1.0], vec![0.0, 1.0]).unwrap();
        let b = Points::new(vec![-0.0, 1.0], vec![0.0, 1.0]).unwrap();
        assert_ne!(Tag::of(&a), Tag::of(&b));
    }

    #[test]
    fn a_reload_restores_the_kept_points_named_by_the_address() {
        let mine = points(3000, 1);
        let config = config_on(&mine);
        let address = address_query(&config, 30, |tag| tag == Tag::of(&mine));
        assert!(
            address.len() < 1000,
            "the address names the points: {address}"
        );
        let (query, restored) = restore(&format!("https://x.org/lab/?{address}"), Some(&mine));
        assert_eq!(restored, Restored::Restored { rows: 3000 });
        let (again, notices) = Config::from_query(&query);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(again, config);
    }

    #[test]
    fn a_friends_link_is_never_filled_with_other_points_and_says_so() {
        let friends = points(3000, 1);
        let mine = points(3000, 2);
        let (link, whole) = config_on(&friends).share_query(30);
        assert!(!whole);
        for kept in [Some(&mine), None] {
            let (query, restored) = restore(&link, kept);
            assert_eq!(
                restored,
                Restored::Missing {
                    wanted: Tag::of(&friends)
                }
            );
            assert_eq!(query, link);
            let (config, notices) = Config::from_query(&query);
            assert_eq!(config.data, DataKind::Arange);
            assert!(config.own.is_empty());
            let words: Vec<String> = notices
                .iter()
                .map(|n| n.text(crate::i18n::Language::En))
                .collect();
            let short = Tag::of(&friends).short();
            assert!(
                words
                    .iter()
                    .any(|w| w.contains("3000") && w.contains(&short)),
                "{words:?}"
            );
        }
        // `data=own` with no points at all is not filled either: the notice says there are none.
        let (query, restored) = restore("data=own", Some(&mine));
        assert_eq!(
            (query.as_str(), restored),
            ("data=own", Restored::Untouched)
        );
        let (config, notices) = Config::from_query(&query);
        assert_eq!(config.data, DataKind::Arange);
        assert_eq!(notices[0].key, "data");
    }

    #[test]
    fn the_address_keeps_the_points_unless_the_browser_kept_them() {
        let small = config_on(&points(5, 3));
        let (whole, _) = small.share_query(30);
        assert_eq!(address_query(&small, 30, |_| true), whole);
        let big_points = points(3000, 4);
        let big = config_on(&big_points);
        // Not kept (storage refused, or other points kept): the address carries them, however long.
        let other = Tag::of(&points(3000, 5));
        for kept in [None, Some(other)] {
            let address = address_query(&big, 30, |tag| Some(tag) == kept);
            assert_eq!(Config::from_query(&address).0, big);
        }
        let named = address_query(&big, 30, |tag| tag == Tag::of(&big_points));
        assert!(
            named.ends_with(&Tag::of(&big_points).link_text()),
            "{named}"
        );
    }

    #[test]
    fn the_browser_keeps_the_last_three_sets_newest_first() {
        let tags: Vec<Tag> = (0..5)
            .map(|i| Tag {
                rows: 10 + i,
                hash: i as u64 * 77,
            })
            .collect();
        let text = |i: usize| tags[i].link_text();
        let (list, dropped) = keep_in_list("", tags[0]);
        assert_eq!((list.clone(), dropped), (text(0), vec![]));
        let (list, _) = keep_in_list(&list, tags[1]);
        let (list, _) = keep_in_list(&list, tags[2]);
        assert_eq!(list, format!("{} {} {}", text(2), text(1), text(0)));
        // Keeping a set again moves it first; nothing is dropped.
        let (list, dropped) = keep_in_list(&list, tags[0]);
        assert_eq!(list, format!("{} {} {}", text(0), text(2), text(1)));
        assert!(dropped.is_empty());
        // A fourth set drops the oldest, and junk in the list goes too.
        let (list, dropped) = keep_in_list(&format!("{list} junk"), tags[3]);
        assert_eq!(list, format!("{} {} {}", text(3), text(0), text(2)));
        assert_eq!(dropped, vec![text(1), "junk".to_string()]);
        assert!(list_holds(&list, tags[2]) && !list_holds(&list, tags[1]));
        assert!(!list_holds("", tags[4]));
    }

    #[test]
    fn a_job_names_the_points_and_the_worker_puts_them_back() {
        let data = points(2000, 6);
        let mut config = config_on(&data);
        assert!(config.set(Key::Seed, "17").is_empty());
        let link = job_link(&config);
        assert!(
            link.len() < 300 && !link.contains(data.link_text()),
            "a job's link is short: {} characters",
            link.len()
        );
        let (back, notices) = job_config(&link, &data);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(back, config);
        // A run without own points travels as its link.
        let plain = Config::from_query("f=abs(x)&seed=3").0;
        assert_eq!(job_link(&plain), plain.to_query());
        assert_eq!(job_config(&job_link(&plain), &data).0, plain);
        // Points that are not the job's: the worker does not run the job on them.
        let (other, notices) = job_config(&link, &points(2000, 7));
        assert_eq!(other.data, DataKind::Arange);
        assert!(!notices.is_empty());
    }
}
