//! The repository README's Rust example of durable storage is the one this
//! crate's README holds, which runs as a doc test.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

fn rust_block(markdown: &str, after: &str, fence: &str) -> String {
    let from = markdown.find(after).expect("the section");
    let rest = &markdown[from..];
    let start = rest.find(fence).expect("a rust block") + fence.len();
    let len = rest[start..].find("```").expect("its end");
    rest[start..start + len].to_owned()
}

#[test]
fn the_readme_example_is_the_doc_tested_one() {
    let root =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let here = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    // `ignore` there: the core runs the README's other examples as its doc
    // tests and does not depend on this crate.
    let readme = rust_block(&root, "## Durable storage", "```rust,ignore\n");
    assert!(readme.contains("clientcare_store::open"), "{readme}");
    assert_eq!(readme, rust_block(&here, "# clientcare-store", "```rust\n"));
}
