fn main() {
    std::process::exit(rginx::cli::main());
}
