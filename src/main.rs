// nginx allocates from per-request pools; a fast general allocator keeps
// rginx's many small config and request allocations cheap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(rginx::cli::main());
}
