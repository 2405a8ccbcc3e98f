//! The real app under Xvfb, driven by tauri-driver and WebKitWebDriver, with its own data
//! folder and database so a test never touches a user's data.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};

pub type R<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One test at a time: each starts WebKit, and two cores are shared with the build.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("screenshots");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

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

/// A running app session: Xvfb, tauri-driver, the WebDriver client.
pub struct App {
    pub client: Client,
    driver: Child,
    _display: Display,
    pub data: PathBuf,
    pub db: PathBuf,
}

impl App {
    /// Starts the app on `data`/piano.sqlite, with `data` as its only data folder.
    pub async fn start(data: &Path, extra_env: &[(&str, &Path)]) -> R<App> {
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
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => {
                    return Err(format!("the app did not start under tauri-driver: {e}").into())
                }
            }
        };
        let app = App {
            client,
            driver,
            _display: display,
            data: data.to_path_buf(),
            db,
        };
        app.wait_for("main > *").await?;
        Ok(app)
    }

    /// Closes the session and the app; tauri-driver gets SIGTERM so that it stops WebKitWebDriver.
    pub async fn quit(mut self) -> R {
        let _ = self.client.clone().close().await;
        terminate(&mut self.driver);
        Ok(())
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
        self.wait_for(css).await?.click().await?;
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
    pub async fn fill(&self, css: &str, value: &str) -> R {
        let el = self.wait_for(css).await?;
        el.clear().await?;
        el.send_keys(value).await?;
        Ok(())
    }

    /// What the window showed when a wait gave up, to see why.
    async fn failure_screenshot(&self) {
        if let Ok(png) = self.client.screenshot().await {
            let name = format!("errore-{}.png", std::process::id());
            let _ = std::fs::write(screenshots_dir().join(name), png);
        }
    }

    pub async fn screenshot(&self, name: &str) -> R {
        // Let the last frame paint before taking it.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await?;
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
