//! The language server benchmark (`cvl-bench lsp`): a generated contract of about 2,000 lines is opened in the
//! real server, driven over lsp-server's in-memory connection, and two latencies are timed: from sending a
//! `didChange` (the whole text, one price edited) to receiving its `publishDiagnostics`, and from sending a hover
//! request to receiving its answer.
//!
//! The server runs on its own thread, as `cvl lsp` does; the client waits for each answer before sending the
//! next message, so a figure is one request's latency, not a throughput.

use std::fmt::Write as _;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use crate::timing::{median, percentile};

const URI: &str = "file:///bench/large.cvl";

/// A contract of about `lines` lines: the reference case's parties and rules, then as many items, supplements and
/// obligations as it takes, each with a different price.
pub fn contract(lines: usize) -> String {
    let mut text = String::from(
        "// Generated for the language server benchmark.\n\nimport care\n\n\
         contract large \"A large contract\" {\n  case \"ANB-BENCH-0001\"\n\n\
         \x20 party municipality \"Kommunen\" {\n    role payer\n    key \"ed25519:AxiotVCLTRFo8Z11ewELoFkGa9ySVw2ilQO/w2dIIB4=\"\n  }\n\n\
         \x20 party ostervold \"Opholdsstedet\" {\n    role provider\n    key \"ed25519:WM/CGf94Y3JJ9BHySBlUNpcKatyx4+4tLFdc58wBPjU=\"\n  }\n\n\
         \x20 signed by municipality and ostervold\n  starts on 2019-01-15\n  paid monthly in arrears\n\n\
         \x20 use care.status_report(provider: ostervold, interval: 3 months, allowed_delay: 14 days)\n",
    );
    let mut n = 0;
    while text.lines().count() + 8 < lines {
        n += 1;
        let price = 1_000 + n;
        let _ = match n % 3 {
            0 => write!(
                text,
                "\n  item item_{n} \"Item {n}\" {{\n    pay {price} DKK per month to ostervold\n    \
                 for the first 3 months\n  }}\n"
            ),
            1 => write!(
                text,
                "\n  supplement extra_{n} \"Supplement {n}\" {{\n    pay {price} DKK per month to ostervold\n    \
                 adjustable by municipality\n    term 3 months\n    review by municipality\n  }}\n"
            ),
            _ => write!(
                text,
                "\n  obligation report_{n} \"Report {n}\" {{\n    by ostervold\n    every 3 months\n    \
                 grace 14 days\n    when missed flag\n  }}\n"
            ),
        };
    }
    text.push_str("\n  termination {\n    signed by municipality and ostervold\n  }\n}\n");
    text
}

/// The figures of one run of the benchmark.
#[derive(Clone, Copy, Debug)]
pub struct Figures {
    pub change_median: Duration,
    pub change_p95: Duration,
    pub hover_median: Duration,
    pub hover_p95: Duration,
}

/// A client of a server running on its own thread.
struct Client {
    connection: Connection,
    server: JoinHandle<i32>,
    next_id: i32,
}

impl Client {
    fn start() -> Result<Client, String> {
        let (server, connection) = Connection::memory();
        let handle =
            std::thread::spawn(move || cvl_lsp::serve(&server, &cvl_lsp::Options::default()));
        let mut client = Client {
            connection,
            server: handle,
            next_id: 0,
        };
        client.request("initialize", json!({"capabilities": {}}))?;
        client.notify("initialized", json!({}))?;
        Ok(client)
    }

    fn send(&self, message: Message) -> Result<(), String> {
        self.connection
            .sender
            .send(message)
            .map_err(|_| "the server stopped".to_string())
    }

    fn receive(&self) -> Result<Message, String> {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "the server did not answer".to_string())
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.to_string(), params).into())?;
        loop {
            if let Message::Response(response) = self.receive()?
                && response.id == id
            {
                return match (response.result, response.error) {
                    (_, Some(error)) => Err(format!("`{method}` failed: {}", error.message)),
                    (result, None) => Ok(result.unwrap_or(Value::Null)),
                };
            }
        }
    }

    fn notify(&self, method: &str, params: Value) -> Result<(), String> {
        self.send(Notification::new(method.to_string(), params).into())
    }

    /// Waits for the diagnostics of `version`; returns how many there are.
    fn diagnostics(&self, version: i32) -> Result<usize, String> {
        loop {
            if let Message::Notification(n) = self.receive()?
                && n.method == "textDocument/publishDiagnostics"
                && n.params.get("version") == Some(&json!(version))
            {
                return Ok(n
                    .params
                    .get("diagnostics")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len));
            }
        }
    }

    fn stop(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        match self.server.join() {
            Ok(0) => Ok(()),
            _ => Err("the server did not exit cleanly".to_string()),
        }
    }
}

/// Opens `text`, then times `runs` edits and `runs` hovers.
pub fn measure(text: &str, runs: usize) -> Result<Figures, String> {
    let mut client = Client::start()?;
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "cvl", "version": 0, "text": text}}),
    )?;
    let problems = client.diagnostics(0)?;
    if problems > 0 {
        return Err(format!("the generated contract has {problems} diagnostics"));
    }
    // The edit: the first price, alternately changed and changed back.
    let edited = text.replacen("DKK per month", "DKK per week", 1);
    let mut changes = Vec::with_capacity(runs);
    for version in 1..=runs {
        let version = i32::try_from(version).map_err(|_| "too many runs".to_string())?;
        let body = if version % 2 == 1 { &edited } else { text };
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": body}]}),
        )?;
        client.diagnostics(version)?;
        changes.push(started.elapsed());
    }
    // Hover on an item's name halfway down the file.
    let middle = text.lines().count() / 2;
    let line = text
        .lines()
        .enumerate()
        .skip(middle)
        .find(|(_, l)| l.trim_start().starts_with("item "))
        .map(|(i, _)| i)
        .ok_or("no item to hover on")?;
    let mut hovers = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let answer = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": 8}}),
        )?;
        hovers.push(started.elapsed());
        if answer.is_null() {
            return Err("the hover had no answer".to_string());
        }
    }
    client.stop()?;
    Ok(Figures {
        change_median: median(&mut changes),
        change_p95: percentile(&mut changes, 95),
        hover_median: median(&mut hovers),
        hover_p95: percentile(&mut hovers, 95),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_contract_has_the_lines_asked_for_and_checks_clean() {
        let text = contract(2_000);
        let lines = text.lines().count();
        assert!((1_990..=2_010).contains(&lines), "{lines} lines");
        let mut sources = cvl_syntax::Sources::new();
        let diagnostics = crate::check_text(
            &mut sources,
            &mut crate::stdlib_loader(),
            "large.cvl",
            &text,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }

    #[test]
    fn a_short_run_measures_both_latencies() {
        let figures = measure(&contract(100), 3).unwrap();
        assert!(figures.change_median > Duration::ZERO);
        assert!(figures.hover_median > Duration::ZERO);
        assert!(figures.change_p95 >= figures.change_median);
    }
}
