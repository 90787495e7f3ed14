/// The repository's top folder, found from the package that includes this file (the root
/// package, or `benches/compare`): shared by the tests and benches through `include!`.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("tests/data").is_dir() && p.join("dictionaries").is_dir())
        .expect("the repository's top folder (with tests/data and dictionaries)")
        .to_path_buf()
}
