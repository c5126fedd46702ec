//! The learner's own points kept in the browser (`localStorage`), so a reload finds them when the
//! address names them by their tag (a link too long to carry them). What to restore, and what the
//! address holds, is decided by `engine::stored` (natively tested); this module only reads and
//! writes the storage.

use crate::engine::stored::{self, Restored};
use crate::engine::table::{Points, Tag};
use crate::engine::{Config, Notice};
use std::cell::Cell;

/// The storage key: the last points applied, in their link form.
const KEY: &str = "relu-lab.own-points";

thread_local! {
    /// The tag of the points in storage, once read (the address bar asks on every change).
    static KEPT: Cell<Option<Option<Tag>>> = const { Cell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The points kept in this browser, if any (and readable).
pub fn kept_points() -> Option<Points> {
    let text = storage()?.get_item(KEY).ok()??;
    let points = Points::from_link_text(&text).ok().filter(|p| !p.is_empty());
    KEPT.with(|kept| kept.set(Some(points.as_ref().map(Tag::of))));
    points
}

/// The tag of the kept points (read from storage the first time only).
pub fn kept_tag() -> Option<Tag> {
    match KEPT.with(Cell::get) {
        Some(tag) => tag,
        None => kept_points().as_ref().map(Tag::of),
    }
}

/// Keeps `points` as the browser's own points (replacing any kept before). Storage can refuse
/// (full, private mode): the address then keeps carrying the points themselves.
pub fn keep(points: &Points) {
    let Some(storage) = storage() else { return };
    if storage.set_item(KEY, points.link_text()).is_ok() {
        KEPT.with(|kept| kept.set(Some(Some(Tag::of(points)))));
    }
}

/// The configuration the address holds, with the kept points in place of their tag when it names
/// them (storage is read only then); a tag of points not kept opens the built-in data with a notice.
pub fn address_config(query: &str) -> (Config, Vec<Notice>, Restored) {
    let (mut query, mut restored) = stored::restore(query, None);
    if matches!(restored, Restored::Missing { .. }) {
        (query, restored) = stored::restore(&query, kept_points().as_ref());
    }
    let (config, notices) = Config::from_query(&query);
    (config, notices, restored)
}
