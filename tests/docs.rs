//! The generated reference pages are committed and must be current.
//! Regenerate: `cargo run -- docs directives > docs/directives.md` and
//! `cargo run -- docs lints > docs/lints.md`.

mod common;

fn check(file: &str, fresh: String) {
    let path = common::root().join(file);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{file} is stale: regenerate it with `cargo run -- docs {}`",
        if file.contains("lints") {
            "lints > docs/lints.md"
        } else if file.contains("versions") {
            "versions > docs/versions.md"
        } else {
            "directives > docs/directives.md"
        }
    );
}

#[test]
fn directives_md_is_current() {
    check("docs/directives.md", rginx::docs::directives_md());
}

#[test]
fn lints_md_is_current() {
    check("docs/lints.md", rginx::docs::lints_md());
}

#[test]
fn versions_md_is_current() {
    check("docs/versions.md", rginx::docs::versions_md());
}
