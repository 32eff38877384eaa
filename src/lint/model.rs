//! The configuration as rules see it: includes expanded, each directive with
//! its context, parent block and registry row, and `-t`'s findings.

use super::routing::{self, ServerRoutes};
use super::LintOptions;
use crate::check;
use crate::diag::Diagnostic;
use crate::registry::{self, Ctx, DirectiveSpec, Inside};
use crate::source::Span;
use crate::syntax::ast::{Body, Directive};
use crate::syntax::Config;
use std::sync::OnceLock;

/// One directive in the expanded tree.
pub struct Node<'a> {
    pub d: &'a Directive,
    /// The context it stands in.
    pub ctx: Ctx,
    /// The node of the block it stands in (through includes).
    pub parent: Option<usize>,
    /// Its registry row in this context, if any.
    pub spec: Option<&'static DirectiveSpec>,
    /// Its direct children (the statements of its block, includes expanded).
    pub children: Vec<usize>,
}

pub struct Model<'a> {
    pub config: &'a Config,
    pub opts: &'a LintOptions,
    pub nodes: Vec<Node<'a>>,
    /// Nodes at the top of each walked file tree (the main file, `-g`).
    pub roots: Vec<usize>,
    /// What `-t` reports, every error (not only the first).
    pub check: Vec<Diagnostic>,
    /// The servers' location trees as the IR builds them, made when a
    /// rule first asks.
    routes: OnceLock<Vec<ServerRoutes>>,
}

impl<'a> Model<'a> {
    pub fn build(config: &'a Config, opts: &'a LintOptions) -> Model<'a> {
        let mut m = Model {
            config,
            opts,
            nodes: Vec::new(),
            roots: Vec::new(),
            check: check::check_all(config, opts.context, opts.nginx_version).diagnostics,
            routes: OnceLock::new(),
        };
        let mut roots = Vec::new();
        if let Some(cl) = config.command_line {
            m.list(&config.file(cl).directives, Ctx::MAIN, None, &mut roots);
        }
        m.list(
            &config.file(config.main).directives,
            opts.context,
            None,
            &mut roots,
        );
        m.roots = roots;
        m
    }

    /// A block's statements, includes expanded in place (the `include`
    /// statement kept as a node of its own), and their blocks.
    fn list(
        &mut self,
        directives: &'a [Directive],
        ctx: Ctx,
        parent: Option<usize>,
        out: &mut Vec<usize>,
    ) {
        let config = self.config;
        for d in config.with_includes(directives) {
            let spec = registry::lookup(&d.name.value)
                .iter()
                .copied()
                .find(|s| s.ctx.intersects(ctx));
            let i = self.nodes.len();
            self.nodes.push(Node {
                d,
                ctx,
                parent,
                spec,
                children: Vec::new(),
            });
            out.push(i);
            if let Body::Block(block) = &d.body {
                let inner = match spec.map(|s| s.inside(ctx)) {
                    Some(Inside::Directives(c)) => c,
                    // Data entries and unknown blocks: kept, in no context.
                    _ => Ctx::NONE,
                };
                let mut children = Vec::new();
                self.list(&block.directives, inner, Some(i), &mut children);
                self.nodes[i].children = children;
            }
        }
    }

    /// Each http server's locations as the IR builds them (servers with a
    /// location the IR cannot build are left out).
    pub fn routes(&self) -> &[ServerRoutes] {
        self.routes.get_or_init(|| routing::servers(self))
    }

    pub fn node(&self, i: usize) -> &Node<'a> {
        &self.nodes[i]
    }

    /// Every node with this directive name.
    pub fn named<'m>(&'m self, name: &'m str) -> impl Iterator<Item = (usize, &'m Node<'a>)> + 'm {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.d.is(name))
    }

    /// Children of `i` with this name.
    pub fn children_named<'m>(
        &'m self,
        i: usize,
        name: &'m str,
    ) -> impl Iterator<Item = &'m Node<'a>> + 'm {
        self.nodes[i]
            .children
            .iter()
            .map(|&c| &self.nodes[c])
            .filter(move |n| n.d.is(name))
    }

    /// Top-level nodes of the walk (the main file's statements).
    pub fn top_named<'m>(&'m self, name: &'m str) -> impl Iterator<Item = &'m Node<'a>> + 'm {
        self.roots
            .iter()
            .map(|&c| &self.nodes[c])
            .filter(move |n| n.d.is(name))
    }

    /// The enclosing block nodes, nearest first.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.nodes[i].parent, |&p| self.nodes[p].parent)
    }

    /// The nearest enclosing block with this name.
    pub fn enclosing(&self, i: usize, name: &str) -> Option<usize> {
        self.ancestors(i).find(|&a| self.nodes[a].d.is(name))
    }

    /// Where a finding about a directive points: its name.
    pub fn span(&self, i: usize) -> Option<Span> {
        Some(self.nodes[i].d.name.span)
    }

    /// The nearest value of a directive that inherits down the tree, as
    /// nginx merges it: at `i`'s own block or the closest enclosing one.
    pub fn inherited(&self, block: usize, name: &str) -> Option<&Node<'a>> {
        std::iter::once(block)
            .chain(self.ancestors(block))
            .find_map(|b| {
                self.nodes[b]
                    .children
                    .iter()
                    .rev()
                    .map(|&c| &self.nodes[c])
                    .find(|n| n.d.is(name))
            })
    }

    /// The decoded arguments of a node as text.
    pub fn args(&self, i: usize) -> Vec<String> {
        self.nodes[i]
            .d
            .args
            .iter()
            .map(|a| a.text().into_owned())
            .collect()
    }
}
