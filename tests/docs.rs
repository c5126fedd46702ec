//! The README says what the code does: its table of link keys is the settings table's.
#![cfg(not(target_arch = "wasm32"))]

use relu_lab::engine::config::keys_markdown;

#[test]
fn the_readme_lists_every_link_key_with_its_values_default_and_doc() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("<!-- keys -->")
        .expect("a <!-- keys --> marker")
        + "<!-- keys -->".len();
    let end = readme
        .find("<!-- /keys -->")
        .expect("a <!-- /keys --> marker");
    let listed = readme[start..end].trim();
    let expected = keys_markdown();
    assert_eq!(
        listed,
        expected.trim(),
        "README.md's key table is out of date; it should read:\n{expected}"
    );
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `name` occurs in `source` as a whole identifier.
fn names(source: &str, name: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    source.match_indices(name).any(|(at, _)| {
        let before = source[..at].chars().next_back();
        let after = source[at + name.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[test]
fn every_message_of_the_table_is_used_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("core/src"), &mut files);
    let sources: Vec<String> = files
        .iter()
        .filter(|path| !path.ends_with("i18n.rs"))
        .map(|path| {
            let source = std::fs::read_to_string(path).expect("a source file");
            // Code only: a name in a comment is not a use.
            let code: Vec<&str> = source
                .lines()
                .map(|line| line.split("//").next().unwrap_or(""))
                .collect();
            code.join("\n")
        })
        .collect();
    assert!(
        sources.len() > 20,
        "found only {} source files",
        sources.len()
    );
    let unused: Vec<&str> = relu_lab::i18n::ALL
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !sources.iter().any(|source| names(source, name)))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn the_table_of_words_is_a_leaf() {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/core/src/i18n.rs"))
        .expect("core/src/i18n.rs");
    for line in source
        .lines()
        .filter(|l| l.trim_start().starts_with("use "))
    {
        assert!(
            !line.contains("crate::") && !line.contains("engine"),
            "i18n imports from the crate: {line}"
        );
    }
}
