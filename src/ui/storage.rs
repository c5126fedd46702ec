//! The learner's own points kept in the browser (`localStorage`), so a reload finds them when the
//! address names them by their tag (a link too long to carry them). What to restore, what the
//! address holds and which sets stay is decided by `engine::stored` (natively tested); this module
//! only reads and writes the storage.

use crate::engine::stored::{self, Restored};
use crate::engine::table::{Points, Tag};
use crate::engine::{Config, Notice};

/// The list of kept sets (their tags, newest first); each set is kept under this key, `.`, its tag.
const LIST: &str = "relu-lab.own-points";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn item(tag: Tag) -> String {
    format!("{LIST}.{}", tag.link_text())
}

fn list(storage: &web_sys::Storage) -> String {
    storage.get_item(LIST).ok().flatten().unwrap_or_default()
}

/// The kept points with this tag, if this browser has them (and they are still those points).
pub fn kept(tag: Tag) -> Option<Points> {
    let text = storage()?.get_item(&item(tag)).ok()??;
    Points::from_link_text(&text)
        .ok()
        .filter(|points| Tag::of(points) == tag)
}

/// Whether this browser keeps the points with this tag (reads the short list only).
pub fn holds(tag: Tag) -> bool {
    storage().is_some_and(|s| stored::list_holds(&list(&s), tag))
}

/// Keeps `points` (with the last sets kept before, `stored::KEPT_SETS`). Storage can refuse (full,
/// private mode): then the older sets make room and it is tried once more; if it still refuses, the
/// address keeps carrying the points themselves (`holds` is false).
pub fn keep(points: &Points) {
    let Some(storage) = storage() else { return };
    let tag = Tag::of(points);
    let mut stored = storage.set_item(&item(tag), points.link_text()).is_ok();
    if !stored {
        for entry in list(&storage).split_whitespace() {
            let _ = storage.remove_item(&format!("{LIST}.{entry}"));
        }
        let _ = storage.remove_item(LIST);
        stored = storage.set_item(&item(tag), points.link_text()).is_ok();
    }
    if stored {
        let (list, dropped) = stored::keep_in_list(&list(&storage), tag);
        for entry in dropped {
            let _ = storage.remove_item(&format!("{LIST}.{entry}"));
        }
        let _ = storage.set_item(LIST, &list);
    }
}

/// The configuration the address holds, with kept points in place of their tag when it names points
/// this browser keeps; a tag of points not kept opens the built-in data with a notice.
pub fn address_config(query: &str) -> (Config, Vec<Notice>, Restored) {
    let (mut query, mut restored) = stored::restore(query, None);
    if let Restored::Missing { wanted } = restored {
        (query, restored) = stored::restore(&query, kept(wanted).as_ref());
    }
    let (config, notices) = Config::from_query(&query);
    (config, notices, restored)
}
