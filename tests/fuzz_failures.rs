//! Replays every input in `fixtures/fuzz-failures/`: no panic, and a
//! printed tree reads back the same.

mod common;

use rginx::source::{FileId, Origin, SourceFile};
use rginx::syntax::{dump, parse, print, ParseOptions};

#[test]
fn replay_fuzz_failures() {
    let dir = common::root().join("fixtures/fuzz-failures");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        n += 1;
        let data = std::fs::read(&path).unwrap();
        let _ = parse(FileId(0), &data, ParseOptions { command_line: true });
        let file = parse(FileId(0), &data, ParseOptions::default());
        let src = SourceFile::new(Origin::CommandLine, data.clone());
        let printed = print::print(&src, &file);
        if file.errors.is_empty() {
            let again = parse(FileId(0), &printed, ParseOptions::default());
            assert!(
                again.errors.is_empty(),
                "{}: {:?}",
                path.display(),
                again.errors
            );
            assert_eq!(
                dump::tree(&file.directives),
                dump::tree(&again.directives),
                "{}",
                path.display()
            );
        }
    }
    assert!(n >= 2, "fixtures/fuzz-failures is empty");
}
