//! Compiles the C parts of the library (main, variadic entry points, weak
//! symbols) and generates include/thread.h's fresh copy with cbindgen.

use std::env;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    for f in ["csrc/main.c", "csrc/varargs.c", "csrc/iocall.c", "csrc/sanitizer.c", "csrc/tls.c", "csrc/lib9hooks.c", "csrc/exports.map", "cbindgen.toml", "include/thread.h"] {
        println!("cargo:rerun-if-changed={f}");
    }
    println!("cargo:rerun-if-changed=src");

    // The C objects go in whole: main and the variadic functions are
    // referenced by nothing inside the library.
    cc::Build::new()
        .files(["csrc/main.c", "csrc/varargs.c", "csrc/iocall.c", "csrc/sanitizer.c", "csrc/tls.c", "csrc/lib9hooks.c"])
        .include(dir.join("include"))
        .flag_if_supported("-std=c11")
        .warnings(true)
        .extra_warnings(true)
        .link_lib_modifier("+whole-archive")
        .compile("p9thread_c");

    // Rust's own version script exports only Rust symbols; this one adds
    // the C ones. The soname is the ABI's major version.
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", dir.join("csrc/exports.map").display());
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libthread.so.0");
    // Once loaded, never unloaded: procs, signal handlers and the
    // destructor of adopted threads' key run the library's code for as
    // long as the process lives, so a dlclose must not unmap it.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
    link_with_lld(&out);

    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let header = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("generating thread.h");
    // Next to libthread.so, where the Makefile compares it with the
    // committed include/thread.h.
    let profile_dir = out.ancestors().nth(3).expect("OUT_DIR is target/<profile>/build/<pkg>/out");
    header.write_to_file(profile_dir.join("thread.h"));
}

/// Two version scripts, Rust's and ours, can be combined by lld but not by
/// GNU ld, which toolchains other than rustup's use (Debian's rustc, and
/// every cross target). When the system has lld, the library links with
/// it: through a directory holding only `ld.lld`, given to the compiler
/// driver with -B, as a cross gcc looks for `ld.lld` only in its own
/// directories. rustup's x86_64 toolchain names its own lld first.
fn link_with_lld(out: &std::path::Path) {
    let Some(lld) = env::var_os("PATH").and_then(|path| env::split_paths(&path).map(|d| d.join("ld.lld")).find(|f| f.is_file())) else {
        return;
    };
    let dir = out.join("lld");
    let link = dir.join("ld.lld");
    std::fs::create_dir_all(&dir).expect("creating OUT_DIR/lld");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&lld, &link).expect("linking OUT_DIR/lld/ld.lld");
    println!("cargo:rustc-cdylib-link-arg=-fuse-ld=lld");
    println!("cargo:rustc-cdylib-link-arg=-B{}", dir.display());
}
