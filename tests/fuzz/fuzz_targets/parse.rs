//! Parse arbitrary bytes; print the tree and parse it again: no panic, and
//! the printed text reads back to the same tree when the input had no errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rginx::source::{FileId, Origin, SourceFile};
use rginx::syntax::{parse, print, ParseOptions};

fuzz_target!(|data: &[u8]| {
    let file = parse(FileId(0), data, ParseOptions::default());
    let _ = parse(FileId(0), data, ParseOptions { command_line: true });
    if !file.errors.is_empty() {
        return;
    }
    let src = SourceFile::new(Origin::CommandLine, data.to_vec());
    let printed = print::print(&src, &file);
    let again = parse(FileId(0), &printed, ParseOptions::default());
    assert!(again.errors.is_empty(), "printed text does not parse: {:?}", again.errors);
    assert_eq!(rginx::syntax::dump::tree(&file.directives), rginx::syntax::dump::tree(&again.directives));
});
