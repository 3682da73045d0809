//! The files a signature lists: a `signed` event may carry, beside the contract's SHA-256 (`data.contract`), the
//! listing that SHA-256 is made of (`data.sources`: one string per file, as cvl-log's sources.rs writes them), so
//! that a contract whose imported module changed is refused naming the file that changed, not only a hash.

use serde_json::Value;

use cvl_event::{Event, Refusal, RefusalKind};

use crate::admit::Binding;

/// Checks a `signed` event's `data.sources`, when it has one: a list of strings that makes the SHA-256 in
/// `data.contract`, and, when the contract's files are known, lists exactly them.
pub(crate) fn signed_sources(event: &Event, binding: Binding<'_>) -> Result<(), Refusal> {
    let Some(value) = event.data.value("sources") else {
        return Ok(());
    };
    let lines: Option<Vec<&str>> = match &*value {
        Value::Array(items) if !items.is_empty() => items.iter().map(Value::as_str).collect(),
        _ => None,
    };
    let Some(lines) = lines else {
        return Err(event.refusal(
            RefusalKind::DataShape,
            "`data.sources` must list the files signed, one string for each, the contract first",
        ));
    };
    if event.data.contains_key("contract") {
        let named = event.text("contract")?;
        if cvl_log::hex(&cvl_log::sources::listing_digest(&lines)) != named {
            return Err(event.refusal(RefusalKind::Binding,
                "`data.sources` does not make the SHA-256 in `data.contract`: one of them was changed",
            ));
        }
    }
    if !binding.sources.is_empty() {
        let found = cvl_log::sources::differences(&lines, binding.sources);
        if !found.is_empty() {
            return Err(event.refusal(
                RefusalKind::Binding,
                format!("signs another contract than this one: {}", found.join("; ")),
            ));
        }
    }
    Ok(())
}
