//! Prints figures for the annex PDF: the reference plan, 1,000 and 5,000 rows — time, file
//! size, peak memory — and, in the same run, LibreOffice (headless) turning the same plan,
//! exported as a flat sheet, into PDF. Run with `cargo bench --bench pdf`.
//! Each case runs in a child process so that its peak memory (VmHWM) is its own.

use piano::prelude::*;
use std::process::Command;
use std::time::{Duration, Instant};

use piano::formats::pdf::{render, Options};
use piano::store::sample;
use piano::{check, Store};

const CHILD: &str = "PIANO_BENCH_PDF_CASE";

fn plan_for(case: &str) -> Result<(Store, i64), piano::Error> {
    let mut store = Store::open_in_memory()?;
    let id = match case {
        "reference" => store.load_demo()?,
        "1000" => sample::generate(&mut store, 10, 50)?,
        _ => sample::generate(&mut store, 25, 100)?,
    };
    Ok((store, id))
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// In the child: build the plan, render it 5 times (the median is printed), print "ms bytes pages peak_kb".
fn child(case: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (store, id) = plan_for(case)?;
    let plan = store.load(id)?;
    let report = check(&plan);
    let options = Options {
        draft: !report.is_valid(),
        ..Default::default()
    };
    let before = peak_kb();
    let mut runs = Vec::new();
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let bytes = render(&plan, &report, &options)?;
        runs.push(start.elapsed());
        size = bytes.len();
        pages = piano::formats::pdf::annex::layout(&plan, &report, &options)
            .pages
            .len();
    }
    runs.sort();
    println!(
        "{} {} {} {} {}",
        runs[2].as_secs_f64() * 1e3,
        size,
        pages,
        peak_kb(),
        before
    );
    if let Ok(dir) = std::env::var("PIANO_BENCH_PDF_SHEET") {
        std::fs::write(
            format!("{dir}/{case}.csv"),
            piano::formats::sheet::to_csv(&plan)?,
        )?;
    }
    Ok(())
}

/// LibreOffice's time and peak memory to turn `csv` into PDF, if it is installed.
fn libreoffice(csv: &std::path::Path, out: &std::path::Path) -> Option<(Duration, u64)> {
    let profile = out.join("lo-profile");
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:59,34,76,1",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .arg(csv)
        .output()
        .ok()?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return None;
    }
    let peak = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()?;
    Some((elapsed, peak))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let Ok(case) = std::env::var(CHILD) {
        return child(&case);
    }
    let dir = std::env::temp_dir().join(format!("piano-bench-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let has_lo = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    // Warm LibreOffice's profile once, so that its figures are not its first-run set-up.
    if has_lo {
        std::fs::write(dir.join("warm.csv"), "a;b\n1;2\n")?;
        let _ = libreoffice(&dir.join("warm.csv"), &dir);
    }
    println!(
        "{:<10} {:>10} {:>10} {:>7} {:>12} | {:>12} {:>12} {:>8}",
        "plan", "time ms", "size KB", "pages", "peak MB", "LibreOffice", "LO peak MB", "ratio"
    );
    for case in ["reference", "1000", "5000"] {
        let out = Command::new(std::env::current_exe()?)
            .env(CHILD, case)
            .env("PIANO_BENCH_PDF_SHEET", &dir)
            .output()?;
        if !out.status.success() {
            return Err(format!("{case}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        let line = String::from_utf8(out.stdout)?;
        let f: Vec<f64> = line
            .split_whitespace()
            .filter_map(|v| v.parse().ok())
            .collect();
        let (ms, size, pages, peak) = (f[0], f[1], f[2], f[3]);
        let label = match case {
            "reference" => "30 righe",
            "1000" => "1.000",
            _ => "5.000",
        };
        let lo = if has_lo {
            libreoffice(&dir.join(format!("{case}.csv")), &dir)
        } else {
            None
        };
        match lo {
            Some((t, lo_peak)) => println!(
                "{label:<10} {ms:>10.1} {:>10.0} {pages:>7} {:>12.1} | {:>9.0} ms {:>12.1} {:>7.0}x",
                size / 1024.0,
                peak / 1024.0,
                t.as_secs_f64() * 1e3,
                lo_peak as f64 / 1024.0,
                t.as_secs_f64() * 1e3 / ms
            ),
            None => println!("{label:<10} {ms:>10.1} {:>10.0} {pages:>7} {:>12.1} | LibreOffice not installed (scripts/setup --with-libreoffice)", size / 1024.0, peak / 1024.0),
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
