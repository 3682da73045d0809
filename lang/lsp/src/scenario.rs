//! Scenario files (`*.scenario`, spec 15) in the editor: their diagnostics are `cvl test`'s (cvl-scenario's
//! `check_text`: the syntax, then the names against the contract, read from disk), published as a contract's are.
//! A scenario document has no hover, definition, completion, outline or formatting: those answer nothing.

use std::path::Path;

use cvl_syntax::{FileId, Source, Span};
use lsp_types::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Url};

use crate::convert;

/// Whether the document `uri` is a scenario file, by its name.
pub(crate) fn is_scenario(uri: &Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| ext == cvl_scenario::EXTENSION)
}

/// The diagnostics of the scenario document `uri` with `text`, as the protocol publishes them.
pub(crate) fn publish(
    uri: &Url,
    path: Option<&Path>,
    version: i32,
    text: &str,
    libs: &[std::path::PathBuf],
) -> PublishDiagnosticsParams {
    // An untitled document names its contract relative to no directory: only its syntax is checked then.
    let diags = match path {
        Some(path) => cvl_scenario::check_text(path, text, libs),
        None => cvl_scenario::parse(text).diags,
    };
    // Shown in the document's language, by its first word, as `cvl test` shows them.
    let lang = cvl_scenario::parse(text)
        .lang
        .map_or(cvl_syntax::Lang::En, |lang| lang.messages());
    let source = Source::new(uri.to_string(), text.to_string());
    let diagnostics = diags
        .iter()
        .map(|d| {
            let span = Span::new(
                FileId(0),
                u32::try_from(d.span.start).unwrap_or(u32::MAX),
                u32::try_from(d.span.end).unwrap_or(u32::MAX),
            );
            let mut message = d.message_in(lang);
            if let Some(help) = d.help_in(lang) {
                message.push('\n');
                message.push_str(&cvl_syntax::text!("lsp-diagnostic-help", help = help).show(lang));
            }
            lsp_types::Diagnostic {
                range: convert::range(&source, span),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String(d.code.as_str().to_string())),
                source: Some("cvl".to_string()),
                message,
                ..lsp_types::Diagnostic::default()
            }
        })
        .collect();
    PublishDiagnosticsParams::new(uri.clone(), diagnostics, Some(version))
}
