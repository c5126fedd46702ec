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
    rust_files(&root.join("examples"), &mut files);
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
    // index.html's first paint names its messages (`data-i18n="TAGLINE"`).
    let mut sources = sources;
    sources.push(std::fs::read_to_string(root.join("index.html")).expect("index.html"));
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

/// The code of a source file (before its tests), without comments.
fn code_of(path: &str) -> String {
    let source =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_formula_parser_imports_nothing_of_the_configuration() {
    // config reads formulas (`f`) and words their errors; the parser must not need config back.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("core/src/engine/formula");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    assert!(files.len() >= 5, "{files:?}");
    for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
        let path = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        let code = code_of(path.to_str().unwrap().trim_start_matches('/'));
        for word in ["config", "Phrase", "Notice", "i18n"] {
            assert!(!code.contains(word), "{}: names {word}", path.display());
        }
    }
    let limits = code_of("core/src/engine/formula/limits.rs");
    assert!(!limits.contains("use "), "the limits are a leaf: {limits}");
}

#[test]
fn the_frame_loop_imports_the_page_state_and_is_not_imported_back() {
    let frame_loop = code_of("src/ui/frame_loop.rs");
    assert!(frame_loop.contains("use super::Lab;") && frame_loop.contains("use super::browser::"));
    for path in ["src/ui/mod.rs", "src/ui/browser.rs", "src/ui/speed.rs"] {
        let code = code_of(path).replace("mod frame_loop;", "");
        assert!(!code.contains("frame_loop"), "{path} calls the frame loop");
    }
}

/// Whether `source` writes a field of a `Config` by hand: `config.lr = …`, `next_config.seed = …`
/// or a struct literal `Config { seed, ..base }`. Comments are skipped.
fn writes_a_config_field(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    let bytes = code.as_bytes();
    // `<name containing config>.<field> =` (not `==`).
    let mut from = 0;
    while let Some(at) = code[from..].find("config") {
        let start = from + at;
        let mut i = start + "config".len();
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'.') {
            let mut j = i + 1;
            let field_start = j;
            while j < bytes.len() && (bytes[j].is_ascii_lowercase() || bytes[j] == b'_') {
                j += 1;
            }
            let rest = code[j..].trim_start();
            if j > field_start && rest.starts_with('=') && !rest.starts_with("==") {
                return true;
            }
        }
        from = start + 1;
    }
    // `Config {` followed by a field or `..`, on the same line (a literal, not a type or an impl).
    if let Some(at) = code.find("Config {") {
        let before = code[..at].trim_end();
        let after = code[at + "Config {".len()..].trim_start();
        let is_item = before.ends_with("impl")
            || before.ends_with("struct")
            || before.ends_with("->")
            || before.ends_with("for");
        let literal = after.starts_with("..")
            || after.split([':', ',']).next().is_some_and(|f| {
                !f.is_empty() && f.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
        return !is_item && literal && !after.starts_with('}');
    }
    false
}

#[test]
fn no_code_writes_a_config_field_outside_the_config_module() {
    // Hand-made configurations belong to tests (they check `Config::repair`); everything else
    // writes through `Config::set` and the helpers of `engine/config/`.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["core/src", "src", "examples", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    let config_module = root.join("core/src/engine/config");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&config_module)) {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(file).expect("a source file");
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        let lines: Vec<&str> = code.lines().collect();
        for (number, line) in lines.iter().enumerate() {
            // A literal may open on one line and name its first field on the next.
            let next = lines.get(number + 1).map_or("", |l| l.trim());
            let joined = format!("{} {next}", line.trim_end());
            if writes_a_config_field(line)
                || (line.trim_end().ends_with("Config {") && writes_a_config_field(&joined))
            {
                found.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "fields written by hand:\n{}",
        found.join("\n")
    );
    // The check itself sees what it looks for.
    assert!(writes_a_config_field("    config.learning_rate = 0.1;"));
    assert!(writes_a_config_field("let c = Config { seed, ..base };"));
    assert!(writes_a_config_field("let c = Config { seed,"));
    assert!(!writes_a_config_field("if config.seed == 3 {"));
    assert!(!writes_a_config_field("impl Config {"));
    assert!(!writes_a_config_field("fn f() -> Config {"));
}

/// The `use` lines of a source file (code only).
fn use_lines(source: &str) -> Vec<&str> {
    source
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("use ") || l.starts_with("pub use "))
        .collect()
}

#[test]
fn the_table_reader_and_the_bounds_import_nothing_of_config() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("core/src/engine");
    let mut files = Vec::new();
    rust_files(&root.join("table"), &mut files);
    files.push(root.join("bounds.rs"));
    files.push(root.join("stored.rs"));
    assert!(files.len() >= 6, "{files:?}");
    for path in &files {
        let source = std::fs::read_to_string(path).expect("a source file");
        for line in use_lines(&source) {
            // `stored` reads configurations; `config` must not read it back (checked below).
            if path.ends_with("stored.rs") {
                continue;
            }
            assert!(!line.contains("config"), "{}: {line}", path.display());
            if path.ends_with("bounds.rs") {
                assert!(
                    !line.contains("engine") && !line.contains("super"),
                    "{line}"
                );
            }
        }
    }
    // And nothing of `config` imports `stored` or `data` (both import config): no circle.
    let mut config = Vec::new();
    rust_files(&root.join("config"), &mut config);
    for path in &config {
        let source = std::fs::read_to_string(path).expect("a source file");
        let code: String = source
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect();
        assert!(
            !code.contains("stored::"),
            "{} reads stored",
            path.display()
        );
        assert!(
            !code.contains("engine::data") && !code.contains("super::data::"),
            "{} imports data, which imports config: a circle",
            path.display()
        );
    }
}

/// Every element of index.html's first paint that names a message (`data-i18n`) holds its English
/// text and, in `data-zh`, its Chinese text: the page says the same before and after the wasm.
#[test]
fn the_first_paint_speaks_the_words_of_the_table() {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
    let attribute = |tag: &str, name: &str| -> Option<String> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[start..][..tag[start..].find('"')?].to_string())
    };
    let mut checked = Vec::new();
    for (at, _) in html.match_indices("data-i18n=") {
        let open = html[..at].rfind('<').expect("a tag");
        let close = at + html[at..].find('>').expect("the tag's end");
        let tag = &html[open..close];
        let name = attribute(tag, "data-i18n").expect("data-i18n's value");
        let text = &html[close + 1..][..html[close + 1..].find("</").expect("the text's end")];
        let (_, message) = relu_lab::i18n::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("index.html names {name}, which core/src/i18n.rs lacks"));
        assert_eq!(text, message.get(relu_lab::i18n::Language::En), "{name}");
        assert_eq!(
            attribute(tag, "data-zh").as_deref(),
            Some(message.get(relu_lab::i18n::Language::Zh)),
            "{name}"
        );
        checked.push(name);
    }
    for name in ["TAGLINE", "BOOT_LOADING", "BOOT_FAILED"] {
        assert!(
            checked.iter().any(|n| n == name),
            "{name} is not in the first paint"
        );
    }
}
