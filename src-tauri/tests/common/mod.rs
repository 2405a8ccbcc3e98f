//! The real app, driven through WebDriver with its own data folder and database so a test
//! never touches a user's data, in either engine (`PIANO_E2E_ENGINE`):
//! - `webkit` (the default): the app's own window under Xvfb, through tauri-driver and
//!   WebKitWebDriver (WebKitGTK, the engine on Linux);
//! - `chromium`: the same UI served by the browser harness (`tools/browser-harness`, the
//!   app's own command handler) in headless Chromium through chromedriver: the engine of
//!   Edge WebView2, which draws the app on Windows.
//!
//! The scenarios are the same code in both; only how the page is reached differs.

#![allow(dead_code)]

#[macro_use]
pub mod ui;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use piano::domain::ids::{AreaId, PeriodId};

pub type R<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One test at a time: each starts WebKit, and two cores are shared with the build.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One test's ground: its turn (tests run one at a time) and a data folder of its own, in
/// which the app keeps its database (`db()`) and the test its files.
pub struct Case {
    _turn: tokio::sync::MutexGuard<'static, ()>,
    pub dir: tempfile::TempDir,
}

impl Case {
    pub async fn new() -> R<Case> {
        let turn = SERIAL.lock().await;
        Ok(Case {
            _turn: turn,
            dir: tempfile::tempdir()?,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database the app opens.
    pub fn db(&self) -> PathBuf {
        self.file("piano.sqlite")
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The app on this folder's database, showing the editor of its first plan.
    pub async fn editor(&self) -> R<App> {
        let app = self.start(&[]).await?;
        app.open_editor().await?;
        Ok(app)
    }

    /// The app saving the next document it is asked for as `name` in the folder (where the
    /// officer would choose it in the dialog): the app, and that file's path.
    pub async fn start_saving(&self, name: &str) -> R<(App, PathBuf)> {
        let path = self.file(name);
        let app = self
            .start(&[("PIANO_OBIETTIVI_TEST_SAVE_PATH", &path)])
            .await?;
        Ok((app, path))
    }

    /// The app on this folder's database, with `extra_env` (a test's file paths).
    pub async fn start(&self, extra_env: &[(&str, &Path)]) -> R<App> {
        App::start(self.path(), extra_env).await
    }
}

/// Which engine draws the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    WebKit,
    Chromium,
}

pub fn engine() -> Engine {
    match std::env::var("PIANO_E2E_ENGINE").as_deref() {
        Ok("chromium") => Engine::Chromium,
        _ => Engine::WebKit,
    }
}

/// tests/screenshots/ (WebKit) or tests/screenshots/chromium/.
pub fn screenshots_dir() -> PathBuf {
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("screenshots");
    if engine() == Engine::Chromium {
        dir = dir.join("chromium");
    }
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The window's size, as the app opens it (tauri.conf.json).
pub const WINDOW: (u32, u32) = (1280, 820);

fn free_port() -> R<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Xvfb on a display it chooses itself; it prints the number when ready.
pub struct Display {
    child: Child,
    pub number: String,
}

impl Display {
    pub fn start() -> R<Display> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x860x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb is required (scripts/setup installs it): {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().ok_or("no stdout")?).read_line(&mut line)?;
        Ok(Display {
            child,
            number: format!(":{}", line.trim()),
        })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session on the driver at `port` with `caps`, tried for 30 seconds while the
/// driver starts; the last refusal otherwise.
async fn connect(
    port: u16,
    caps: serde_json::Map<String, serde_json::Value>,
) -> Result<Client, fantoccini::error::NewSessionError> {
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return Ok(c),
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A running app session: Xvfb, tauri-driver, the WebDriver client.
pub struct App {
    pub client: Client,
    driver: Child,
    /// Chromium only: the browser harness serving the UI.
    harness: Option<Child>,
    _display: Option<Display>,
    _profile: Option<tempfile::TempDir>,
    pub data: PathBuf,
    pub db: PathBuf,
}

impl App {
    /// Starts the app on `data`/piano.sqlite, with `data` as its only data folder, in the
    /// engine `PIANO_E2E_ENGINE` names.
    pub async fn start(data: &Path, extra_env: &[(&str, &Path)]) -> R<App> {
        Self::start_sized(data, extra_env, WINDOW).await
    }

    /// `start`, with a window of `size` CSS pixels.
    pub async fn start_sized(data: &Path, extra_env: &[(&str, &Path)], size: (u32, u32)) -> R<App> {
        let app = match engine() {
            Engine::WebKit => Self::start_webkit(data, extra_env).await?,
            Engine::Chromium => Self::start_chromium(data, extra_env, size, 1).await?,
        };
        // Chromium's window size includes what a headless window still counts as its frame:
        // the page is made exactly `size`, as the app's window is.
        if size != WINDOW || engine() == Engine::Chromium {
            app.resize(size).await?;
        }
        app.wait_for("main > *").await?;
        Ok(app)
    }

    async fn start_webkit(data: &Path, extra_env: &[(&str, &Path)]) -> R<App> {
        let display = Display::start()?;
        let port = free_port()?;
        let native = free_port()?;
        let db = data.join("piano.sqlite");
        let driver_bin = which("tauri-driver")?;
        let mut cmd = Command::new(driver_bin);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("DISPLAY", &display.number)
        .env("HOME", data)
        .env("XDG_DATA_HOME", data.join("xdg-data"))
        .env("XDG_CONFIG_HOME", data.join("xdg-config"))
        .env("XDG_CACHE_HOME", data.join("xdg-cache"))
        .env_remove("PIANO_OBIETTIVI_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let driver = cmd.spawn()?;
        let caps = serde_json::json!({
            "tauri:options": {
                "application": env!("CARGO_BIN_EXE_piano-obiettivi"),
                "args": ["--db", db.to_str().ok_or("path")?],
            }
        });
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let client = connect(port, caps)
            .await
            .map_err(|e| format!("the app did not start under tauri-driver: {e}"))?;
        Ok(App {
            client,
            driver,
            harness: None,
            _display: Some(display),
            _profile: None,
            data: data.to_path_buf(),
            db,
        })
    }

    /// The harness on `data`/piano.sqlite (with the test's environment), chromedriver, and
    /// headless Chromium on the harness's URL.
    /// The app in Chromium at `zoom` (2: 200%, the window's pixels twice the page's), with a
    /// page of `size` CSS pixels, whatever PIANO_E2E_ENGINE says: the app's own window
    /// cannot be zoomed, nor made smaller than 900×600.
    pub async fn start_zoomed(data: &Path, size: (u32, u32), zoom: u32) -> R<App> {
        let app = Self::start_chromium(data, &[], size, zoom).await?;
        app.wait_for("main > *").await?;
        Ok(app)
    }

    async fn start_chromium(
        data: &Path,
        extra_env: &[(&str, &Path)],
        size: (u32, u32),
        zoom: u32,
    ) -> R<App> {
        let db = data.join("piano.sqlite");
        // Beside this test's own binary's folder (target/debug/deps/..): cargo test builds it
        // for the harness crate's own tests.
        let harness_bin = std::env::current_exe()?
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("piano-browser"))
            .ok_or("target folder")?;
        let mut cmd = Command::new(&harness_bin);
        cmd.arg("--db")
            .arg(&db)
            .env("HOME", data)
            .env("XDG_DATA_HOME", data.join("xdg-data"))
            .env("XDG_CONFIG_HOME", data.join("xdg-config"))
            .env_remove("PIANO_OBIETTIVI_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut harness = cmd.spawn().map_err(|e| {
            format!(
                "{}: the browser harness is built by cargo test --workspace (tools/browser-harness): {e}",
                harness_bin.display()
            )
        })?;
        let mut url = String::new();
        BufReader::new(harness.stdout.take().ok_or("no stdout")?).read_line(&mut url)?;
        let url = url.trim().to_string();
        if !url.starts_with("http://127.0.0.1:") {
            terminate(&mut harness);
            return Err(format!("the harness did not start: {url:?}").into());
        }
        let port = free_port()?;
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("chromedriver is required (scripts/setup installs it): {e}"))?;
        let profile = tempfile::tempdir()?;
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--lang=it-IT",
                    format!("--window-size={},{}", size.0 * zoom, size.1 * zoom),
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            }
        });
        let mut caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        if zoom > 1 {
            // Zoom as the browser does it: the page's CSS pixels, each drawn `zoom` times.
            caps["goog:chromeOptions"]["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": { "width": size.0, "height": size.1, "pixelRatio": zoom, "mobile": false, "touch": false }
            });
        }
        let client = match connect(port, caps).await {
            Ok(c) => c,
            Err(e) => {
                terminate(&mut harness);
                return Err(format!("chromedriver did not start Chromium: {e}").into());
            }
        };
        client.goto(&url).await?;
        Ok(App {
            client,
            driver,
            harness: Some(harness),
            _display: None,
            _profile: Some(profile),
            data: data.to_path_buf(),
            db,
        })
    }

    /// Makes the page `size` CSS pixels: the window's inner size.
    pub async fn resize(&self, size: (u32, u32)) -> R {
        let inner = |app: &App| {
            let client = app.client.clone();
            async move {
                let v = client
                    .execute("return [window.innerWidth, window.innerHeight]", vec![])
                    .await?;
                Ok::<(i64, i64), Box<dyn std::error::Error + Send + Sync>>((
                    v[0].as_i64().unwrap_or(0),
                    v[1].as_i64().unwrap_or(0),
                ))
            }
        };
        let (w, h) = (i64::from(size.0), i64::from(size.1));
        let mut outer = (w, h);
        for _ in 0..4 {
            self.client
                .set_window_size(outer.0 as u32, outer.1 as u32)
                .await?;
            let got = inner(self).await?;
            if got == (w, h) {
                return Ok(());
            }
            // Add what the window's frame takes.
            outer = (outer.0 + w - got.0, outer.1 + h - got.1);
        }
        let got = inner(self).await?;
        Err(format!("the page is {got:?}, not {size:?}").into())
    }

    /// Closes the session and the app; tauri-driver gets SIGTERM so that it stops
    /// WebKitWebDriver (and chromedriver its Chromium; the harness is stopped too).
    pub async fn quit(mut self) -> R {
        let _ = self.client.clone().close().await;
        terminate(&mut self.driver);
        if let Some(h) = self.harness.as_mut() {
            terminate(h);
        }
        Ok(())
    }

    /// From the welcome, the example plan (2020-2022) opened in the editor.
    pub async fn open_demo(&self) -> R {
        self.click("#demo").await?;
        self.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
            .await?;
        Ok(())
    }

    /// The first plan of the list opened (on its cycle, its home), then its editor.
    pub async fn open_editor(&self) -> R {
        self.click("#plans .open-plan").await?;
        self.click("#cycle-back").await
    }

    pub async fn find(&self, css: &str) -> R<Element> {
        Ok(self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("{css}: {e}"))?)
    }

    pub async fn wait_for(&self, css: &str) -> R<Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for {css}: {e}"))?)
    }

    pub async fn click(&self, css: &str) -> R {
        for attempt in 0.. {
            let el = self.wait_for(css).await?;
            // As a person scrolls a long menu to its item: WebKitWebDriver does not.
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'nearest' })",
                    vec![serde_json::to_value(&el)?],
                )
                .await;
            match el.click().await {
                Err(e) if stale(&e) && attempt < 3 => continue,
                other => other?,
            };
            break;
        }
        Ok(())
    }

    /// Sends keys to the element, found again if a redraw replaced it meanwhile (a row saved
    /// by the previous action redraws the table when Rust answers).
    pub async fn send_keys(&self, css: &str, keys: &str) -> R {
        for attempt in 0.. {
            let el = self.wait_for(css).await?;
            match el.send_keys(keys).await {
                Err(e) if stale(&e) && attempt < 3 => continue,
                other => other?,
            };
            break;
        }
        Ok(())
    }

    /// The element's text as rendered (innerText): WebKitWebDriver's own getText answers
    /// "" for some visible elements in flex rows.
    pub async fn text(&self, css: &str) -> R<String> {
        self.wait_for(css).await?;
        self.inner_text(css)
            .await?
            .ok_or_else(|| format!("{css} disappeared").into())
    }

    async fn inner_text(&self, css: &str) -> R<Option<String>> {
        let v = self
            .client
            .execute("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", vec![serde_json::json!(css)])
            .await?;
        Ok(v.as_str().map(str::to_string))
    }

    /// Waits until the element's text contains `expected`; returns the text.
    pub async fn wait_text(&self, css: &str, expected: &str) -> R<String> {
        let started = Instant::now();
        loop {
            if let Ok(Some(t)) = self.inner_text(css).await {
                {
                    if t.contains(expected) {
                        return Ok(t);
                    }
                    if started.elapsed() > Duration::from_secs(15) {
                        self.failure_screenshot().await;
                        return Err(format!("{css}: expected {expected:?}, found {t:?}").into());
                    }
                }
            } else if started.elapsed() > Duration::from_secs(15) {
                self.failure_screenshot().await;
                return Err(format!("{css} never appeared").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Replaces a field's content as a person would: select all, type.
    ///
    /// A view that redraws after a save (the results table saves a row when focus leaves
    /// it, and WebDriver's clear moves focus) may replace the element between finding it
    /// and typing: then it is found again, at most three times.
    pub async fn fill(&self, css: &str, value: &str) -> R {
        for attempt in 0.. {
            let el = self.wait_for(css).await?;
            let done = match el.clear().await {
                Ok(()) => el.send_keys(value).await,
                Err(e) => Err(e),
            };
            match done {
                Err(e) if stale(&e) && attempt < 3 => continue,
                other => other?,
            }
            break;
        }
        Ok(())
    }

    /// The window as a PNG. The app draws without accelerated compositing on Linux
    /// (`no_compositing` in src/lib.rs), and there WebKitWebDriver's screenshot waits for
    /// the next frame: on a page at rest it would wait for ever. A one-pixel mark at 1%
    /// opacity, shown for a tenth of a second once the screenshot has been asked for,
    /// makes that frame.
    pub async fn png(&self) -> R<Vec<u8>> {
        if engine() == Engine::WebKit {
            self.client
                .execute(
                    "setTimeout(() => { const e = document.createElement('div'); \
                     e.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;background:#000;opacity:0.01;pointer-events:none'; \
                     document.body.append(e); setTimeout(() => e.remove(), 100); }, 150)",
                    vec![],
                )
                .await?;
        }
        Ok(self.client.screenshot().await?)
    }

    /// What the window showed when a wait gave up, to see why.
    async fn failure_screenshot(&self) {
        if let Ok(png) = self.png().await {
            let name = format!("errore-{}.png", std::process::id());
            let _ = std::fs::write(screenshots_dir().join(name), png);
        }
    }

    pub async fn screenshot(&self, name: &str) -> R {
        // Let the last frame paint before taking it.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.png().await?;
        std::fs::write(screenshots_dir().join(format!("{name}.png")), png)?;
        Ok(())
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> R<serde_json::Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }
}

/// The pid of the app started on `db` (found by its command line).
pub fn app_pid(db: &Path) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
        let cmd = String::from_utf8_lossy(&cmd);
        (cmd.contains("piano-obiettivi") && cmd.contains(db.to_str()?)).then_some(pid)
    })
}

fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn which(name: &str) -> R<PathBuf> {
    let home_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin").join(name));
    if let Some(p) = home_bin.filter(|p| p.exists()) {
        return Ok(p);
    }
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        if dir.join(name).exists() {
            return Ok(dir.join(name));
        }
    }
    Err(format!("{name} is required (scripts/setup installs it)").into())
}

/// What the editor shows, read from the page: the problems counter, every area's badges, and
/// the selected area's periods with their rows, totals and cross-cutting marks.
const SCREEN_JS: &str = r#"
const all = (s, r = document) => [...r.querySelectorAll(s)];
const text = (e) => (e ? e.textContent.trim() : null);
const tone = (e) => (e ? ['ok', 'bad', 'warn'].find((c) => e.classList.contains(c)) || null : null);
const editor = document.querySelector('.editor[data-plan-id]');
if (!editor || document.getElementById('topbar-plan').hidden) return null;
const status = document.getElementById('problems-button');
const area = document.querySelector('.area[data-area-id]');
return {
  plan: Number(editor.dataset.planId),
  heading: text(document.getElementById('plan-heading')),
  status: text(status),
  status_tone: tone(status),
  areas: all('#area-list > li').map((li) => ({
    id: Number(li.dataset.areaId),
    name: text(li.querySelector('.name')),
    manager: text(li.querySelector('.area-pick .manager')) || '',
    badges: all('.badge', li).map((b) => ({ period: Number(b.dataset.periodId), text: text(b), tone: tone(b) })),
  })),
  selected: area ? {
    id: Number(area.dataset.areaId),
    periods: all('section.period', area).map((s) => ({
      id: Number(s.dataset.periodId),
      label: text(s.querySelector('h3')),
      total: text(s.querySelector('.period-total')),
      total_tone: tone(s.querySelector('.period-total')),
      foot: text(s.querySelector('tfoot .weight')),
      rows: all('tbody tr', s).map((tr) => {
        const td = all(':scope > td', tr);
        return {
          id: Number(tr.dataset.placementId),
          service: td[0].firstChild ? td[0].firstChild.textContent : '',
          kind: td[1].textContent,
          description: td[2].textContent,
          expected_result: td[3].textContent,
          indicator: td[4].firstChild ? td[4].firstChild.textContent : '',
          targets: all('.targets-list li', td[4]).map(text),
          proposed: text(td[4].querySelector('.proposal-mark')),
          weight: td[5].textContent,
          mark: text(tr.querySelector('.shared-mark')),
        };
      }),
    })),
  } : null,
};
"#;

/// What the editor must show for `plan_id`, computed from the database by the core alone:
/// the same shape as SCREEN_JS's answer, for the area selected on screen.
fn expected_screen(db: &Path, plan_id: i64, selected: Option<i64>) -> R<serde_json::Value> {
    use serde_json::json;
    let store = piano::Store::open(db)?;
    let plan = store.load(plan_id)?;
    let report = piano::check(&plan);
    let shared = plan.share_counts();
    let errors = report
        .problems
        .iter()
        .filter(|p| p.severity == piano::domain::rules::Severity::Error)
        .count();
    let empty = report
        .problems
        .iter()
        .filter(|p| p.kind == piano::domain::rules::ProblemKind::Empty)
        .count();
    // Information (an operational objective with nothing below it) is no «avviso».
    let warnings = report
        .problems
        .iter()
        .filter(|p| p.severity == piano::domain::rules::Severity::Warning)
        .count();
    let other = warnings - empty;
    let status = if errors > 0 {
        format!(
            "{errors} {}",
            if errors == 1 { "problema" } else { "problemi" }
        )
    } else {
        let mut parts = vec![if empty > 0 {
            "Pesi corretti nei periodi compilati".to_string()
        } else {
            "Pesi corretti".to_string()
        }];
        if empty > 0 {
            parts.push(format!(
                "{empty} {}",
                if empty == 1 {
                    "periodo vuoto"
                } else {
                    "periodi vuoti"
                }
            ));
        }
        if other > 0 {
            parts.push(format!(
                "{other} {}",
                if other == 1 { "avviso" } else { "avvisi" }
            ));
        }
        parts.join(" · ")
    };
    let cell =
        |area: AreaId, period: PeriodId| report.total(area, period).filter(|t| t.objectives > 0);
    let tone = |area: AreaId, period: PeriodId| match cell(area, period) {
        None => "warn",
        Some(t) if t.ok => "ok",
        Some(_) => "bad",
    };
    let areas: Vec<_> = plan
        .areas
        .iter()
        .map(|a| {
            let badges: Vec<_> = plan
                .periods
                .iter()
                .map(|p| {
                    let value = cell(a.id, p.id).map_or("vuoto".to_string(), |t| t.badge.clone());
                    json!({
                        "period": p.id,
                        "text": format!("{}: {value}", p.label.replace("ANNO ", "")),
                        "tone": tone(a.id, p.id),
                    })
                })
                .collect();
            json!({ "id": a.id, "name": a.name, "manager": a.manager, "badges": badges })
        })
        .collect();
    let selected = selected.and_then(|id| plan.areas.iter().find(|a| a.id.get() == id));
    let selected = selected.map(|a| {
        let periods: Vec<_> = plan
            .periods
            .iter()
            .map(|p| {
                let rows: Vec<_> = plan
                    .cell(a.id, p.id)
                    .map(|pl| {
                        let o = plan.objective(pl.objective_id).expect("objective of a row");
                        let n = shared.get(&o.id).copied().unwrap_or(1);
                        let mine: Vec<_> = plan.indicators_of(o.id).collect();
                        let targets: Vec<String> = mine
                            .iter()
                            .map(|i| piano::domain::indicators::describe_targets(i))
                            .collect();
                        let years = piano::domain::targets::objective_years(&plan, o.id);
                        let proposed = piano::domain::targets::propose(&o.text.expected_result, &years)
                            .iter()
                            .filter(|p| !p.is_in(&mine))
                            .count();
                        json!({
                            "targets": targets,
                            "proposed": match proposed {
                                0 => None,
                                1 => Some("1 target proposto".to_string()),
                                n => Some(format!("{n} target proposti")),
                            },
                            "id": pl.id,
                            "service": o.text.service,
                            "kind": o.text.kind.as_str(),
                            "description": o.text.description,
                            "expected_result": o.text.expected_result,
                            "indicator": o.text.indicator,
                            "weight": format!("{}%", pl.weight.to_italian()),
                            "mark": (n > 1).then(|| format!("trasversale · {n} aree")),
                        })
                    })
                    .collect();
                let t = cell(a.id, p.id);
                json!({
                    "id": p.id,
                    "label": p.label,
                    "total": t.map_or("nessun obiettivo".to_string(), |t| t.badge.clone()),
                    "total_tone": tone(a.id, p.id),
                    "foot": t.map(|t| format!("{}%", piano::domain::model::format_hundredths(t.total.into()))),
                    "rows": rows,
                })
            })
            .collect();
        json!({ "id": a.id, "periods": periods })
    });
    let heading = if plan.plan.entity.is_empty() {
        plan.plan.title.clone()
    } else {
        format!("{} · {}", plan.plan.title, plan.plan.entity)
    };
    Ok(json!({
        "plan": plan_id,
        "heading": heading,
        "status": status,
        "status_tone": if errors > 0 { "bad" } else { "ok" },
        "areas": areas,
        "selected": selected,
    }))
}

/// The first place two JSON values differ, as a path and both sides.
fn first_difference(
    path: &str,
    seen: &serde_json::Value,
    want: &serde_json::Value,
) -> Option<String> {
    use serde_json::Value;
    match (seen, want) {
        (Value::Object(a), Value::Object(b)) => b.iter().find_map(|(k, v)| {
            first_difference(&format!("{path}.{k}"), a.get(k).unwrap_or(&Value::Null), v)
        }),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(&format!("{path}[{i}]"), x, y)),
        _ if seen == want => None,
        _ => Some(format!(
            "{path}: the screen shows {seen}, the database says {want}"
        )),
    }
}

impl App {
    /// Waits until the editor shows exactly the plan as saved (rows, texts, weights, badges,
    /// totals, cross-cutting marks, the problems counter), computed from the database by the
    /// core; fails with the first difference. Called after every action of the end-to-end
    /// tests: a stale screen once told the officer that wrong weights were correct.
    pub async fn screen_matches_db(&self, after: &str) -> R {
        let started = Instant::now();
        loop {
            let seen = self.client.execute(SCREEN_JS, vec![]).await?;
            let difference = match seen.get("plan").and_then(|p| p.as_i64()) {
                None => Some("the editor is not on screen".to_string()),
                Some(plan) => {
                    let selected = seen.pointer("/selected/id").and_then(|v| v.as_i64());
                    let want = expected_screen(&self.db, plan, selected)?;
                    first_difference("screen", &seen, &want)
                }
            };
            match difference {
                None => return Ok(()),
                Some(d) if started.elapsed() > Duration::from_secs(8) => {
                    self.failure_screenshot().await;
                    return Err(format!("after {after}: {d}").into());
                }
                Some(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }
}

impl App {
    /// The whole database as text, to tell when an action has been saved.
    pub fn dump(&self) -> R<String> {
        Ok(piano::Store::open(&self.db)?.dump()?)
    }

    /// Waits until the database differs from `before` (the action was saved), then until the
    /// screen shows it.
    pub async fn saved_and_shown(&self, before: &str, after: &str) -> R {
        let started = Instant::now();
        while self.dump()? == before {
            if started.elapsed() > Duration::from_secs(8) {
                self.failure_screenshot().await;
                return Err(format!("after {after}: nothing was saved").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screen_matches_db(after).await
    }
}

/// The element was replaced by a redraw after it was found.
fn stale(e: &fantoccini::error::CmdError) -> bool {
    format!("{e:?}").contains("StaleElementReference")
}
