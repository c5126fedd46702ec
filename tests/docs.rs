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
