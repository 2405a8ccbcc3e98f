//! One instance: a second launch hands over to the running window and exits, instead of
//! opening the same database file twice. Runs under its own D-Bus session and Xvfb.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Display, R, SERIAL};

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_hands_over_and_exits() -> R {
    let _serial = SERIAL.lock().await;
    let display = Display::start()?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let app = env!("CARGO_BIN_EXE_piano-obiettivi");
    // Both launches inside one private session bus, like two clicks on the same desktop.
    let script = format!(
        "'{app}' --db '{db}' & first=$!; sleep 4; \
         start=$(date +%s%N); timeout 20 '{app}' --db '{db}'; second=$?; end=$(date +%s%N); \
         if kill -0 $first 2>/dev/null; then alive=1; else alive=0; fi; \
         echo \"second=$second alive=$alive ms=$(( (end - start) / 1000000 ))\"; kill $first; wait $first 2>/dev/null; true",
        db = db.display()
    );
    let started = Instant::now();
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env("DISPLAY", &display.number)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("dbus-run-session (package dbus-daemon) is required: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(started.elapsed() < Duration::from_secs(60), "{text}");
    assert!(
        text.contains("second=0"),
        "the second launch exits cleanly: {text}"
    );
    assert!(text.contains("alive=1"), "the first keeps running: {text}");
    let ms: u64 = text
        .split("ms=")
        .nth(1)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(u64::MAX);
    assert!(
        ms < 10_000,
        "the second launch returned at once, not after the user closed it: {text}"
    );
    Ok(())
}
