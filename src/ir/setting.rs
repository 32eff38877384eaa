//! A directive as a level of the IR keeps it before it is typed: its name,
//! its arguments as nginx decoded them, where it was written, and the
//! directives of a block that is not a level of its own (`if`, `types`).

use super::At;

/// A directive of a level, kept with its arguments and where it was
/// written; `if` and other blocks that are not locations keep their
/// directives in `block`.
#[derive(Clone, Debug)]
pub struct Setting {
    pub name: String,
    pub args: Vec<String>,
    pub at: At,
    pub block: Vec<Setting>,
}
