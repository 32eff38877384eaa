//! Property: any tree, printed as canonical text and read back, is the same
//! tree (names, raw and decoded arguments, blocks, Lua code). The generator
//! covers quotes, escapes, `${var}`, regexes with braces, comments and Lua
//! blocks.

use proptest::prelude::*;
use rginx::source::{FileId, Origin, SourceFile};
use rginx::syntax::{dump, parse, print, ParseOptions};

fn plain_word() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9/._~^*+?|()\\[\\]-]",
        "[a-zA-Z0-9/._~^*+?|()\\[\\]}#'\"-]{0,8}",
        prop::option::of("[a-z]{1,5}"),
    )
        .prop_map(|(a, b, var)| match var {
            Some(v) => format!("{a}{b}${{{v}}}"),
            None => format!("{a}{b}"),
        })
}

fn escaped_word() -> impl Strategy<Value = String> {
    (
        "[a-z]{1,4}",
        prop::sample::select(vec![
            "\\;", "\\ ", "\\{", "\\\"", "\\t", "\\n", "\\\\", "\\d",
        ]),
        "[a-z]{0,4}",
    )
        .prop_map(|(a, e, b)| format!("{a}{e}{b}"))
}

fn quoted(q: char) -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            "[a-z {};#$()\n]{1,6}".prop_map(|s| s),
            prop::sample::select(vec![
                "\\\"", "\\'", "\\\\", "\\n", "\\t", "\\r", "\\x", "{2}", "${v}"
            ])
            .prop_map(str::to_string),
            Just(if q == '"' {
                "'".to_string()
            } else {
                "\"".to_string()
            }),
        ],
        0..5,
    );
    pieces.prop_map(move |p| format!("{q}{}{q}", p.concat()))
}

fn arg() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => plain_word(),
        1 => escaped_word(),
        2 => quoted('"'),
        2 => quoted('\''),
        1 => Just("\"^/(a|b){2,3}$\"".to_string()),
    ]
}

fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("\n  ".to_string()),
        "[a-z ]{0,10}".prop_map(|c| format!(" # {c}\n")),
    ]
}

const LUA: &[&str] = &[
    " ngx.say(\"}\") ",
    "\n  local t = { a = { 1 } }\n  -- } in a comment\n",
    " local s = [[ } ]] .. '{' ",
];

fn statement(depth: u32) -> BoxedStrategy<String> {
    let head = || {
        ("[a-z_]{1,10}", prop::collection::vec((gap(), arg()), 0..4)).prop_map(|(name, args)| {
            let mut s = name;
            for (g, a) in args {
                s.push_str(&g);
                s.push_str(&a);
            }
            s
        })
    };
    let simple = (head(), gap()).prop_map(|(h, g)| format!("{h};{g}"));
    let lua = (prop::sample::select(LUA), gap())
        .prop_map(|(code, g)| format!("content_by_lua_block {{{code}}}{g}"));
    if depth == 0 {
        return prop_oneof![4 => simple, 1 => lua].boxed();
    }
    let block = (
        head(),
        prop::collection::vec(statement(depth - 1), 0..4),
        gap(),
    )
        .prop_map(|(h, body, g)| format!("{h} {{\n{}}}{g}", body.concat()));
    prop_oneof![4 => simple, 1 => lua, 2 => block].boxed()
}

fn tree_of(text: &[u8]) -> (serde_json::Value, usize) {
    let f = parse(FileId(0), text, ParseOptions::default());
    (dump::tree(&f.directives), f.errors.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn print_then_parse_is_identity(stmts in prop::collection::vec(statement(3), 0..8)) {
        let text = stmts.concat();
        let file = parse(FileId(0), text.as_bytes(), ParseOptions::default());
        prop_assert!(file.errors.is_empty(), "generated text has errors: {:?}\n{}", file.errors, text);
        let src = SourceFile::new(Origin::CommandLine, text.as_bytes().to_vec());
        let printed = print::print(&src, &file);
        let (again, errors) = tree_of(&printed);
        prop_assert_eq!(errors, 0, "printed text has errors:\n{}", String::from_utf8_lossy(&printed));
        prop_assert_eq!(dump::tree(&file.directives), again);
        // Printing is a fixpoint.
        let src2 = SourceFile::new(Origin::CommandLine, printed.clone());
        let file2 = parse(FileId(0), &printed, ParseOptions::default());
        prop_assert_eq!(print::print(&src2, &file2), printed);
    }
}
