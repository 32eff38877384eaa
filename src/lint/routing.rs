//! What lint takes from the IR: each http server's location tree as
//! `ir::Location` builds it (so `ir::location::find` answers which location
//! a URI gets, with nginx's algorithm), tied back to the model's nodes; and
//! any configuration level as `ir::merge::Levels`, so that inheritance is
//! computed by the one implementation the IR runs.

use super::Model;
use crate::ir::location::{Location, Setting};
use crate::ir::merge::Levels;
use crate::registry::Ctx;

/// One `server` block's locations, as the IR builds them.
pub struct ServerRoutes {
    /// The `server` node.
    pub node: usize,
    pub locations: Vec<Location>,
    /// The `location` node of each IR location, in pre-order.
    nodes: Vec<usize>,
}

impl ServerRoutes {
    /// Every location of the server (nested ones too) with its node, in
    /// pre-order.
    pub fn each(&self) -> Vec<(&Location, usize)> {
        fn walk<'l>(level: &'l [Location], out: &mut Vec<&'l Location>) {
            for l in level {
                out.push(l);
                walk(&l.children, out);
            }
        }
        let mut all = Vec::new();
        walk(&self.locations, &mut all);
        all.into_iter().zip(self.nodes.iter().copied()).collect()
    }

    /// The node of an IR location of this server.
    pub fn node_of(&self, location: &Location) -> Option<usize> {
        self.each()
            .into_iter()
            .find(|(l, _)| std::ptr::eq(*l, location))
            .map(|(_, n)| n)
    }
}

/// The servers whose locations the IR could build; a server with a
/// location it cannot build (a regex only PCRE reads, say) is left out, as
/// matching without it would not be nginx's.
pub fn servers(m: &Model) -> Vec<ServerRoutes> {
    let mut out = Vec::new();
    for (s, n) in m.named("server") {
        if !n.ctx.intersects(Ctx::HTTP_MAIN) || n.d.block().is_none() {
            continue;
        }
        let mut locations = Vec::new();
        let mut ok = true;
        for &c in &n.children {
            if m.nodes[c].d.is("location") {
                match Location::build(m.config, m.nodes[c].d) {
                    Ok(l) => locations.push(l),
                    Err(_) => ok = false,
                }
            }
        }
        if !ok {
            continue;
        }
        let mut nodes = Vec::new();
        if !tie(m, &locations, location_nodes(m, s), &mut nodes) {
            continue;
        }
        out.push(ServerRoutes {
            node: s,
            locations,
            nodes,
        });
    }
    out
}

fn location_nodes(m: &Model, block: usize) -> Vec<usize> {
    m.nodes[block]
        .children
        .iter()
        .copied()
        .filter(|&c| m.nodes[c].d.is("location"))
        .collect()
}

/// Pair IR locations with model nodes, level by level (both expand
/// includes in order); false if they do not line up.
fn tie(m: &Model, level: &[Location], nodes: Vec<usize>, out: &mut Vec<usize>) -> bool {
    if level.len() != nodes.len() {
        return false;
    }
    for (l, n) in level.iter().zip(nodes) {
        let written = m.nodes[n]
            .d
            .args
            .last()
            .map(|a| a.text().into_owned())
            .unwrap_or_default();
        if !written.ends_with(l.pattern.as_str()) {
            return false;
        }
        out.push(n);
        if !tie(m, &l.children, location_nodes(m, n), out) {
            return false;
        }
    }
    true
}

/// A configuration level and the ones around it, as `ir::merge::Levels`
/// sees them: each level's own directives, innermost first, kept with the
/// node each one was read from.
pub struct LevelStack {
    settings: Vec<Vec<Setting>>,
    nodes: Vec<Vec<usize>>,
    /// The block node of each level (`None`: the top of the file).
    pub blocks: Vec<Option<usize>>,
}

impl LevelStack {
    /// `block` and every level around it up to the top of the file.
    pub fn new(m: &Model, block: usize) -> LevelStack {
        let blocks: Vec<Option<usize>> = std::iter::once(Some(block))
            .chain(m.ancestors(block).map(Some))
            .chain(std::iter::once(None))
            .collect();
        let mut settings = Vec::new();
        let mut nodes = Vec::new();
        for &b in &blocks {
            let children = match b {
                Some(i) => &m.nodes[i].children,
                None => &m.roots,
            };
            let mut s = Vec::new();
            let mut n = Vec::new();
            for &c in children {
                let d = m.nodes[c].d;
                // A level's own directives: blocks are levels (or data) of
                // their own, and includes are already expanded.
                if d.block().is_some() || d.is("include") {
                    continue;
                }
                if let Some(setting) = crate::ir::setting_of(m.config, d) {
                    s.push(setting);
                    n.push(c);
                }
            }
            settings.push(s);
            nodes.push(n);
        }
        LevelStack {
            settings,
            nodes,
            blocks,
        }
    }

    /// The levels from the innermost one on.
    pub fn levels(&self) -> Levels<'_> {
        Levels::of(self.settings.iter().map(Vec::as_slice).collect())
    }

    /// The node a setting of these levels was read from, and the index of
    /// its level (0: the innermost).
    pub fn origin(&self, s: &Setting) -> Option<(usize, usize)> {
        self.settings.iter().enumerate().find_map(|(level, list)| {
            list.iter()
                .position(|x| std::ptr::eq(x, s))
                .map(|k| (self.nodes[level][k], level))
        })
    }
}
