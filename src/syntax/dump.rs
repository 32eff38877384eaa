//! The tree as JSON with both argument forms: the format of
//! `grammar/cases/*.json` and of `rginx dump ast`.
//!
//! An argument written unquoted whose value equals its text is a plain
//! string; any other is `{"raw", "value"}`. A Lua block is `"lua": code`.

use super::ast::{Arg, Body, Directive, Quote};
use serde_json::{json, Value};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn arg(a: &Arg) -> Value {
    if a.quote == Quote::None && a.raw() == &*a.value {
        Value::String(text(&a.value))
    } else {
        json!({"raw": text(a.raw()), "value": text(&a.value)})
    }
}

pub fn tree(directives: &[Directive]) -> Value {
    Value::Array(
        directives
            .iter()
            .map(|d| {
                let mut obj = serde_json::Map::new();
                obj.insert("name".into(), Value::String(text(&d.name.value)));
                obj.insert(
                    "args".into(),
                    Value::Array(d.args.iter().map(arg).collect()),
                );
                match &d.body {
                    Body::Block(b) => {
                        obj.insert("block".into(), tree(&b.directives));
                    }
                    Body::Lua(code) => {
                        obj.insert("lua".into(), Value::String(text(&code.value)));
                    }
                    Body::None => {}
                }
                Value::Object(obj)
            })
            .collect(),
    )
}
