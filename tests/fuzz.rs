//! Hostile files for every importer: random bytes and damaged copies of good files (cut,
//! flipped bytes, lines shuffled, separators inserted). Each must end in a plan that loads or
//! in an Italian message, never a panic, and a refused file must write nothing.

mod common;

use piano::formats::sheet;
use piano::formats::workbook;
use piano::prelude::*;
use piano::{ImportOptions, Store};

use common::R;

/// xorshift64*: deterministic, so a failure can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, good: &[u8]) -> Vec<u8> {
    let mut v = good.to_vec();
    match rng.below(6) {
        0 => (0..rng.below(4096)).map(|_| rng.next() as u8).collect(),
        1 => {
            v.truncate(rng.below(good.len()));
            v
        }
        2 => {
            for _ in 0..=rng.below(20) {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            v
        }
        3 => {
            let junk: &[&[u8]] = &[
                b";",
                b"\"",
                b"\n",
                b"\r\n",
                b",",
                b"\t",
                b"\xff",
                b"\x00",
                b";;;;",
                b"'; DROP TABLE plan; --",
                "😀".as_bytes(),
            ];
            for _ in 0..=rng.below(10) {
                let at = rng.below(v.len());
                let piece = junk[rng.below(junk.len())];
                v.splice(at..at, piece.iter().copied());
            }
            v
        }
        4 => {
            let mut lines: Vec<&[u8]> = good.split(|&b| b == b'\n').collect();
            for _ in 0..=rng.below(5) {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
            }
            lines.join(&b'\n')
        }
        _ => {
            let cut = rng.below(v.len());
            v.drain(cut..(cut + rng.below(200)).min(v.len()));
            v
        }
    }
}

/// Runs `import` on `n` hostile variants of `good`; returns (accepted, refused).
fn hammer(
    name: &str,
    good: &[u8],
    n: usize,
    seed: u64,
    import: impl Fn(&mut Store, &[u8]) -> piano::Result<i64>,
) -> Result<(usize, usize), Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    store.load_demo()?;
    let mut rng = Rng(seed);
    let (mut ok, mut refused) = (0, 0);
    for i in 0..n {
        let input = mutate(&mut rng, good);
        let before = store.dump()?;
        match import(&mut store, &input) {
            Ok(id) => {
                let plan = store.load(id)?;
                assert!(
                    !plan.placements.is_empty(),
                    "{name} #{i}: an accepted file makes a whole plan"
                );
                store.delete_plan(id)?;
                ok += 1;
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(!msg.trim().is_empty(), "{name} #{i}: an empty message");
                for english in [
                    "error", "invalid", "expected", "failed", "panicked", "unwrap",
                ] {
                    assert!(
                        !msg.to_lowercase().contains(english),
                        "{name} #{i}: message not in Italian: {msg}"
                    );
                }
                assert_eq!(
                    store.dump()?,
                    before,
                    "{name} #{i}: a refused file wrote something ({msg})"
                );
                refused += 1;
            }
        }
    }
    Ok((ok, refused))
}

#[test]
fn a_thousand_hostile_csv_files() -> R {
    let (ok, refused) = hammer(
        "csv",
        piano::formats::import::DEMO_CSV,
        1200,
        0x5EED_0001,
        |s, b| s.import_csv(b, &ImportOptions::default()),
    )?;
    assert!(
        refused > 600 && ok + refused == 1200,
        "accepted {ok}, refused {refused}"
    );
    Ok(())
}

#[test]
fn a_thousand_hostile_spreadsheets() -> R {
    let (store, id) = common::demo()?;
    let plan = store.load(id)?;
    let good = workbook::to_xlsx(&plan, &piano::check(&plan))?;
    let (ok, refused) = hammer("xlsx", &good, 1000, 0x5EED_0002, |s, b| {
        let (_, rows) = workbook::workbook_rows(b, None)?;
        s.import_rows(&rows, &ImportOptions::default())
    })?;
    assert!(
        refused > 500 && ok + refused == 1000,
        "accepted {ok}, refused {refused}"
    );
    Ok(())
}

#[test]
fn a_thousand_hostile_json_backups() -> R {
    let (store, id) = common::demo()?;
    let good = piano::formats::json::to_json(&store.load(id)?)?;
    let (ok, refused) = hammer("json", &good, 1200, 0x5EED_0003, |s, b| s.import_json(b))?;
    assert!(
        refused > 600 && ok + refused == 1200,
        "accepted {ok}, refused {refused}"
    );
    // And sheets that parse but carry a hostile value in one cell.
    let mut s = Store::open_in_memory()?;
    for bad in [
        "-5",
        "abc",
        "100,001",
        "1e3",
        "NaN",
        "∞",
        "0x10",
        "'; DROP TABLE plan; --",
    ] {
        let csv = format!(
            "{}\r\nAREA;2020;S;S;D;R;I;{bad}\r\n",
            sheet::HEADER.join(";")
        );
        assert!(
            s.import_csv(csv.as_bytes(), &ImportOptions::default())
                .is_err(),
            "{bad} must be refused"
        );
    }
    Ok(())
}
