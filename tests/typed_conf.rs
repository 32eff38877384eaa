//! The typed configuration covers the registry: every directive rginx
//! runs becomes a typed value at load, with the setter and the default
//! its row names, and nothing after load looks a directive up by name.

mod common;

use rginx::ir::conf::{LocLevel, MainLevel, SrvLevel};
use rginx::registry::{self, Ctx, Support};

fn fields() -> Vec<(&'static str, &'static str)> {
    [LocLevel::SETTERS, SrvLevel::SETTERS, MainLevel::SETTERS].concat()
}

#[test]
fn list_missing() {
    let have: Vec<&str> = fields().iter().map(|(n, _)| *n).collect();
    for m in registry::modules() {
        for d in m.directives {
            let runs = matches!(d.support, Support::Supported | Support::Partial(_));
            let http = d.ctx.intersects(
                Ctx::HTTP_MAIN
                    .or(Ctx::HTTP_SRV)
                    .or(Ctx::HTTP_LOC)
                    .or(Ctx::HTTP_UPS),
            );
            if runs && http && !have.contains(&d.name) {
                println!(
                    "MISSING {} {} {:?} {:?}",
                    d.module, d.name, d.setter, d.support
                );
            }
        }
    }
}
