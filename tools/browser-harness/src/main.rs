//! `piano-browser`: a development tool that serves `ui/` on 127.0.0.1 and answers the UI's
//! `window.__TAURI__.core.invoke(cmd, args)` with the app's own command handler
//! (`piano_app::handler`, run on Tauri's mock runtime), on the database you choose. Open the
//! printed URL in any browser: the whole app works there, with the browser's developer
//! tools. The end-to-end tests use it to run the same scenarios in Chromium, the engine of
//! Edge WebView2 on the officers' Windows PCs.
//!
//! It is not part of the shipped app or of the installers. The server listens on loopback
//! only, and every URL carries a random token. File pickers use the test paths
//! (`PIANO_OBIETTIVI_TEST_SAVE_PATH`, `PIANO_OBIETTIVI_TEST_OPEN_PATH`) when set.
//!
//! Usage: `piano-browser --db FILE [--port N]` (or `scripts/browser`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

const SHIM: &str = include_str!("shim.js");

const USAGE: &str = "Uso: piano-browser --db FILE [--port N] [--open FILE]
  --db FILE    il database su cui lavorare
  --port N     la porta (altrimenti una libera)
  --open FILE  il file che «Importa…», «Aggiorna da foglio…» e «Ripristina…» leggeranno
               (nel browser non c'è la finestra di scelta del sistema)
I file che il programma salva (allegati, fogli, copie) vanno nella cartella
«piano-browser-file» accanto al database, con il nome che la finestra proporrebbe.";

struct Args {
    db: PathBuf,
    port: u16,
    open: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut db = None;
    let mut port = 0;
    let mut open = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--db" => db = it.next().map(PathBuf::from),
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port vuole un numero di porta")?
            }
            "--open" => open = it.next().map(PathBuf::from),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("Argomento non previsto: «{other}».\n{USAGE}")),
        }
    }
    Ok(Args {
        db: db.ok_or("Indica il database con --db FILE.")?,
        port,
        open,
    })
}

/// 128 random bits, as hex, from the system's generator.
fn token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The shipped CSP, with the IPC origin replaced by the harness's own.
fn csp(ui: &Path) -> String {
    let conf = std::fs::read_to_string(ui.join("../src-tauri/tauri.conf.json")).unwrap_or_default();
    let conf: Value = serde_json::from_str(&conf).unwrap_or(Value::Null);
    conf["app"]["security"]["csp"]
        .as_str()
        .unwrap_or("default-src 'self'")
        .replace(
            "connect-src ipc: http://ipc.localhost",
            "connect-src 'self'",
        )
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // No native dialogs here: files are saved in a folder beside the database, and the
    // file to read is the one named by --open (or none: the command says it is missing).
    let saved = args
        .db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("piano-browser-file");
    if std::env::var_os("PIANO_OBIETTIVI_TEST_SAVE_PATH").is_none()
        && std::env::var_os("PIANO_OBIETTIVI_TEST_SAVE_DIR").is_none()
    {
        let _ = std::fs::create_dir_all(&saved);
        std::env::set_var("PIANO_OBIETTIVI_TEST_SAVE_DIR", &saved);
    }
    if let Some(open) = &args.open {
        std::env::set_var("PIANO_OBIETTIVI_TEST_OPEN_PATH", open);
    } else if std::env::var_os("PIANO_OBIETTIVI_TEST_OPEN_PATH").is_none() {
        std::env::set_var(
            "PIANO_OBIETTIVI_TEST_OPEN_PATH",
            saved.join("nessun-file-scelto-usa---open"),
        );
    }
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui");
    let ui = ui.canonicalize().unwrap_or(ui);
    let state = piano_app::AppState::open(args.db.clone());
    let app = mock_builder()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(piano_app::handler())
        .build(mock_context(noop_assets()))
        .unwrap_or_else(|e| {
            eprintln!("Il gestore dei comandi non è partito: {e}");
            std::process::exit(1);
        });
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap_or_else(|e| {
            eprintln!("Il gestore dei comandi non è partito: {e}");
            std::process::exit(1);
        });
    let listener = TcpListener::bind(("127.0.0.1", args.port)).unwrap_or_else(|e| {
        eprintln!("La porta {} non è libera: {e}", args.port);
        std::process::exit(2);
    });
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let token = token().unwrap_or_else(|e| {
        eprintln!("Impossibile generare il token: {e}");
        std::process::exit(1);
    });
    let csp = csp(&ui);
    println!("http://127.0.0.1:{port}/{token}/index.html");
    eprintln!(
        "Piano Obiettivi nel browser, database {}: apri l'indirizzo qui sopra (Ctrl+C per fermare).",
        args.db.display()
    );
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let webview = webview.clone();
        let (ui, token, csp) = (ui.clone(), token.clone(), csp.clone());
        std::thread::spawn(move || {
            let _ = serve(stream, &webview, &ui, &token, &csp);
        });
    }
}

struct Request {
    method: String,
    path: String,
    body: Vec<u8>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    // A command's arguments may be a 1 MB text (the hostile tests send one); no more than 64.
    let mut body = vec![0u8; length.min(64 << 20)];
    reader.read_exact(&mut body)?;
    Ok(Request { method, path, body })
}

fn respond(
    mut stream: &TcpStream,
    status: &str,
    kind: &str,
    csp: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// «Non trovato.»: a path outside the UI's folder, or a file that is not there.
fn not_found(stream: &TcpStream, csp: &str) -> std::io::Result<()> {
    let text = "text/plain; charset=utf-8";
    respond(stream, "404 Not Found", text, csp, b"Non trovato.")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "ttf" => "font/ttf",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn serve(
    stream: TcpStream,
    webview: &WebviewWindow<MockRuntime>,
    ui: &Path,
    token: &str,
    csp: &str,
) -> std::io::Result<()> {
    let request = read_request(&stream)?;
    let path = request.path.split('?').next().unwrap_or("").to_string();
    let prefix = format!("/{token}/");
    let Some(rest) = path.strip_prefix(&prefix) else {
        return not_found(&stream, csp);
    };
    match (request.method.as_str(), rest) {
        ("POST", "__invoke__") => {
            let answer = invoke(webview, &request.body);
            let body = serde_json::to_vec(&answer).unwrap_or_default();
            respond(&stream, "200 OK", "application/json", csp, &body)
        }
        ("GET", "__harness__.js") => respond(
            &stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            csp,
            SHIM.as_bytes(),
        ),
        ("GET", file) => {
            let file = if file.is_empty() { "index.html" } else { file };
            let relative = Path::new(file);
            if relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
            {
                return not_found(&stream, csp);
            }
            let full = ui.join(relative);
            match std::fs::read(&full) {
                Ok(bytes) if file == "index.html" => {
                    // The shim first, as a classic script, so that __TAURI__ exists before the
                    // app's module runs.
                    let html = String::from_utf8_lossy(&bytes).replacen(
                        "<script type=\"module\"",
                        "<script src=\"__harness__.js\"></script>\n  <script type=\"module\"",
                        1,
                    );
                    respond(&stream, "200 OK", content_type(&full), csp, html.as_bytes())
                }
                Ok(bytes) => respond(&stream, "200 OK", content_type(&full), csp, &bytes),
                Err(_) => not_found(&stream, csp),
            }
        }
        _ => respond(
            &stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            csp,
            b"Metodo non ammesso.",
        ),
    }
}

/// Runs one `{cmd, args}` through the app's own handler: `{ok: value}` or `{error: value}`,
/// as Tauri's invoke resolves or rejects.
fn invoke(webview: &WebviewWindow<MockRuntime>, body: &[u8]) -> Value {
    let Ok(call) = serde_json::from_slice::<Value>(body) else {
        return json!({ "error": "richiesta non leggibile" });
    };
    let cmd = call["cmd"].as_str().unwrap_or_default().to_string();
    let args = call.get("args").cloned().unwrap_or(json!({}));
    let request = InvokeRequest {
        cmd,
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The app's own origin (tauri://localhost on Linux and macOS): its commands need no
        // capability from there, as in the window.
        url: local_origin(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match get_ipc_response(webview, request) {
        Ok(InvokeResponseBody::Json(text)) => {
            json!({ "ok": serde_json::from_str::<Value>(&text).unwrap_or(Value::Null) })
        }
        Ok(InvokeResponseBody::Raw(bytes)) => json!({ "ok": bytes }),
        Err(error) => json!({ "error": error }),
    }
}

/// The origin the window's own pages have: the app's commands are allowed from it.
fn local_origin() -> tauri::Url {
    let origin = if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    };
    origin.parse().expect("a fixed URL")
}
