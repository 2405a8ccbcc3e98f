//! The harness keeps its promises: it answers on loopback only, every URL needs the random
//! token, nothing outside ui/ is served, the shim is injected only here, the shipped CSP
//! travels with the page, and a command runs through the app's own handler.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

struct Harness {
    child: Child,
    url: String,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &std::path::Path) -> R<Harness> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_piano-browser"))
        .arg("--db")
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut url = String::new();
    BufReader::new(child.stdout.take().ok_or("stdout")?).read_line(&mut url)?;
    Ok(Harness {
        child,
        url: url.trim().to_string(),
    })
}

/// A raw HTTP/1.1 request: (status line, headers, body).
fn http(host: &str, method: &str, path: &str, body: &str) -> R<(String, String, String)> {
    let mut s = TcpStream::connect(host)?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    let (head, body) = out.split_once("\r\n\r\n").ok_or("a response")?;
    let (status, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    Ok((status.to_string(), headers.to_string(), body.to_string()))
}

#[test]
fn loopback_token_ui_only_and_the_apps_own_commands() -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    {
        let mut store = piano::Store::open(&db)?;
        piano::prelude::Importing::load_demo(&mut store)?;
    }
    let h = start(&db)?;
    let rest = h
        .url
        .strip_prefix("http://127.0.0.1:")
        .ok_or(format!("a loopback URL: {}", h.url))?;
    let (port, path) = rest.split_once('/').ok_or("a path")?;
    let token = path.strip_suffix("/index.html").ok_or("index.html")?;
    assert!(
        token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
        "a random 128-bit token: {token}"
    );
    let host = format!("127.0.0.1:{port}");

    let (status, headers, body) = http(&host, "GET", &format!("/{token}/index.html"), "")?;
    assert!(status.contains("200"), "{status}");
    assert!(
        body.contains("<script src=\"__harness__.js\"></script>"),
        "the shim is injected before the app's module"
    );
    let csp = headers
        .lines()
        .find(|l| l.to_lowercase().starts_with("content-security-policy:"))
        .ok_or("a CSP header")?;
    assert!(
        csp.contains("default-src 'self'") && csp.contains("connect-src 'self'"),
        "{csp}"
    );
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/index.html"))?;
    assert!(
        !shipped.contains("__harness__"),
        "the shipped page never names the shim"
    );

    for bad in [
        "/index.html".to_string(),
        "/0123456789abcdef0123456789abcdef/index.html".to_string(),
        format!("/{token}/../src-tauri/tauri.conf.json"),
        format!("/{token}/%2e%2e/Cargo.toml"),
        format!("/{token}/js/../../Cargo.toml"),
    ] {
        let (status, _, _) = http(&host, "GET", &bad, "")?;
        assert!(status.contains("404"), "{bad}: {status}");
    }

    // A command through the page's one endpoint: the answer's JSON text.
    let invoke = |call: &str| -> R<String> {
        Ok(http(&host, "POST", &format!("/{token}/__invoke__"), call)?.2)
    };
    let answer: serde_json::Value =
        serde_json::from_str(&invoke(r#"{"cmd":"list_plans","args":{}}"#)?)?;
    assert_eq!(
        answer["ok"][0]["title"], "PIANO OBIETTIVI 2020-2022",
        "{answer}"
    );
    let answer: serde_json::Value =
        serde_json::from_str(&invoke(r#"{"cmd":"plan_view","args":{"planId":999}}"#)?)?;
    assert_eq!(answer["error"]["code"], "not_found", "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("non trovato"),
        "the core's Italian message: {answer}"
    );
    let body = invoke(r#"{"cmd":"no_such_command","args":{}}"#)?;
    assert!(body.contains("\"error\""), "{body}");
    Ok(())
}
