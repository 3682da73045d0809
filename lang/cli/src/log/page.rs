//! `cvl log page --server URL --contract CONTRACT --key KEY`: a short-lived link to the page of a contract's log on
//! a log service, for a browser (which cannot sign requests). The request is signed with the party's key as a read
//! is; the service's client (cvl-serve's client.rs) asks, and this only parses and prints.

use std::io::Write;
use std::path::PathBuf;

use crate::{EXIT_OK, EXIT_PROBLEMS};

/// What `cvl log page` takes.
#[derive(Debug, clap::Args)]
pub(crate) struct PageArgs {
    /// The service's address, such as http://127.0.0.1:8080
    #[arg(long, value_name = "URL")]
    server: String,
    /// The contract whose log's page is asked for
    #[arg(long, value_name = "CONTRACT")]
    contract: PathBuf,
    /// The secret key of a party of the contract, which signs the request (`cvl key gen`)
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    #[command(flatten)]
    common: crate::ContractArgs,
}

impl PageArgs {
    pub(crate) fn color(&self) -> crate::ColorChoice {
        self.common.color
    }
}

pub(crate) fn run(args: PageArgs, color: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match crate::contract::load_in(
        &args.contract,
        &args.common.libs,
        color,
        None,
        &cvl_syntax::text!("cli-no-link-made"),
        err,
    ) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let (key, party, _) = match super::pull::keys(&args.key, None, &loaded, err) {
        Ok(keys) => keys,
        Err(code) => return code,
    };
    let client = cvl_serve::client::Client::new(&args.server);
    match cvl_serve::client::page_link(&client, loaded.sha256_hex(), &key) {
        Ok(link) => {
            let _ = writeln!(out, "{}", link.url);
            let _ = writeln!(
                out,
                "a link to the page of the log of `{}`, for `{party}`, until {}: open it in a browser (add \
                 `?as-of=YYYY-MM-DD` for another day); whoever holds it can read the page until then",
                loaded.name, link.expires
            );
            EXIT_OK
        }
        Err(words) => {
            let (words, help) = match words.split_once("\nhelp: ") {
                Some((words, help)) => (words, Some(help)),
                None => (words.as_str(), None),
            };
            let _ = writeln!(err, "error: {words}");
            if let Some(help) = help {
                let _ = writeln!(err, "help: {help}");
            }
            EXIT_PROBLEMS
        }
    }
}
