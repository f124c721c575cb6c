// Windows only: embeds the app icon and version info (from Cargo.toml) in claimline.exe, so
// Explorer, the taskbar and the MSI's shortcuts show them. Does nothing for other targets.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/icons/claimline.ico");
    // The target's OS, not the host's: build scripts are compiled for the host.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("packaging/icons/claimline.ico")
        .set("ProductName", "Claimline")
        .set("FileDescription", "Claimline");
    if let Err(e) = res.compile() {
        // Name what is missing rather than fail with a bare I/O error.
        panic!(
            "cannot embed the Windows icon (is the Windows SDK or mingw windres installed?): {e}"
        );
    }
}
