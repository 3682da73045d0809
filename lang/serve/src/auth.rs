//! Who may read a log: a request signed with the key of a party of its contract, by HTTP Message Signatures
//! (RFC 9421), fresh and never replayed.
//!
//! A read carries two header fields, both RFC 8941/9651 structured-field dictionaries with one member under the
//! same label: `Signature-Input: cvl=("@method" "@path" "@query");created=…;nonce="…";keyid="ed25519:…"` and
//! `Signature: cvl=:BASE64:`. The dictionaries are parsed, and the signature's parameters serialized back, by the
//! `sfv` crate (never by hand); the signature base is built here from the covered components' values as RFC 9421
//! section 2.5 builds it: one line `"NAME": VALUE` per component, in the order covered, then `"@signature-params": `
//! and the serialized inner list as it came (its parameters in the sender's order). A signature must cover
//! `@method`, `@path` and `@query`, may cover `@authority`, and covers nothing else; it has `created` (a Unix time),
//! `nonce` and `keyid` (the party's public key, `ed25519:…`), and an `alg`, when given, of `ed25519`; an `expires`
//! is honoured. The Ed25519 signature is verified with the key `keyid` names, by cvl-log's strict rules.
//!
//! [`check`] answers from the request alone: unsigned, unreadable, a signature that does not verify, or signed
//! (with whether it is within [`WINDOW`] of the service's clock). Whether the key is a party's, and the nonce
//! (kept in the database, [`remember`], so that two services on one database agree) are the caller's next steps,
//! after which anything short of a fresh party's request is one answer, whether or not the contract exists.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sfv::{BareItem, Dictionary, FieldType, InnerList, ListEntry, Parser};

use cvl_log::{PublicKey, SecretKey};

use crate::store::{Store, StoreError};

/// How far (seconds) a request's `created` may be from the service's clock, either way.
pub const WINDOW: i64 = 300;

/// The most bytes of a nonce.
pub const MAX_NONCE: usize = 256;

/// The components a read's signature must cover.
const REQUIRED: [&str; 3] = ["@method", "@path", "@query"];
/// The components it may cover besides.
const OPTIONAL: [&str; 1] = ["@authority"];

/// The label a client signs under (any one label is read).
pub const LABEL: &str = "cvl";

/// What a request is, as the signature covers it.
pub struct Target<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// The query without its `?`, if the request has one.
    pub query: Option<&'a str>,
    pub authority: Option<&'a str>,
}

impl Target<'_> {
    fn value(&self, component: &str) -> Option<String> {
        match component {
            "@method" => Some(self.method.to_string()),
            "@path" => Some(if self.path.is_empty() {
                "/".to_string()
            } else {
                self.path.to_string()
            }),
            "@query" => Some(format!("?{}", self.query.unwrap_or(""))),
            "@authority" => self.authority.map(str::to_ascii_lowercase),
            _ => None,
        }
    }
}

/// A request whose signature verifies.
#[derive(Debug)]
pub struct Signed {
    /// The key that signed it (`keyid`).
    pub key: PublicKey,
    pub nonce: String,
    pub created: i64,
    /// Whether `created` is within [`WINDOW`] of the clock and `expires`, if any, has not passed.
    pub fresh: bool,
}

/// Why a request is not a signed one.
#[derive(Debug, PartialEq, Eq)]
pub enum NotSigned {
    /// It carries neither `Signature-Input` nor `Signature`.
    Unsigned,
    /// Its signature fields cannot be read as RFC 9421 signs a request: why.
    Malformed(String),
    /// The signature is not `keyid`'s over the request.
    BadSignature,
}

fn malformed(words: impl Into<String>) -> NotSigned {
    NotSigned::Malformed(words.into())
}

/// The time now, in seconds since 1970.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The one member of a dictionary field, with its label.
fn one_member(field: &str, text: &str) -> Result<(String, ListEntry), NotSigned> {
    let dictionary: Dictionary = Parser::new(text).parse().map_err(|error| {
        malformed(format!(
            "its `{field}` is not a structured-field dictionary: {error}"
        ))
    })?;
    let count = dictionary.len();
    match dictionary.into_iter().next() {
        Some((label, entry)) if count == 1 => Ok((label.as_str().to_string(), entry)),
        _ => Err(malformed(format!(
            "its `{field}` has {count} members, and a read carries exactly one signature"
        ))),
    }
}

fn string_param<'l>(list: &'l InnerList, name: &str) -> Result<Option<&'l str>, NotSigned> {
    match list.params.get(name) {
        None => Ok(None),
        Some(BareItem::String(value)) => Ok(Some(value.as_str())),
        Some(_) => Err(malformed(format!("its `{name}` parameter is not a string"))),
    }
}

fn integer_param(list: &InnerList, name: &str) -> Result<Option<i64>, NotSigned> {
    match list.params.get(name) {
        None => Ok(None),
        Some(BareItem::Integer(value)) => Ok(Some(i64::from(*value))),
        Some(_) => Err(malformed(format!(
            "its `{name}` parameter is not an integer"
        ))),
    }
}

/// Reads and verifies the request's signature: `input` and `signature` are the `Signature-Input` and `Signature`
/// fields (each field's lines joined by `, `), `now` the clock in Unix seconds.
pub fn check(
    input: Option<&str>,
    signature: Option<&str>,
    target: &Target<'_>,
    now: i64,
) -> Result<Signed, NotSigned> {
    let (input, signature) = match (input, signature) {
        (None, None) => return Err(NotSigned::Unsigned),
        (Some(_), None) => {
            return Err(malformed(
                "it has a `Signature-Input` field but no `Signature`",
            ));
        }
        (None, Some(_)) => {
            return Err(malformed(
                "it has a `Signature` field but no `Signature-Input`",
            ));
        }
        (Some(input), Some(signature)) => (input, signature),
    };
    let (label, params) = one_member("Signature-Input", input)?;
    let (signed_label, value) = one_member("Signature", signature)?;
    if label != signed_label {
        return Err(malformed(format!(
            "its `Signature-Input` is labelled `{}` and its `Signature` `{}`",
            cvl_syntax::text::shown(&label),
            cvl_syntax::text::shown(&signed_label)
        )));
    }
    let ListEntry::InnerList(list) = params else {
        return Err(malformed(
            "its `Signature-Input` is not a list of covered components",
        ));
    };
    let bytes = match value {
        ListEntry::Item(item) => match item.bare_item {
            BareItem::ByteSequence(bytes) => bytes,
            _ => return Err(malformed("its `Signature` is not a byte sequence")),
        },
        ListEntry::InnerList(_) => return Err(malformed("its `Signature` is not a byte sequence")),
    };
    let mut covered: Vec<&str> = Vec::new();
    for item in &list.items {
        let name = match &item.bare_item {
            BareItem::String(name) if item.params.is_empty() => name.as_str(),
            _ => {
                return Err(malformed(
                    "a covered component is not a plain string: component parameters are not read",
                ));
            }
        };
        if !REQUIRED.contains(&name) && !OPTIONAL.contains(&name) {
            return Err(malformed(format!(
                "it covers `{}`, which the service does not read: a read's signature covers `@method`, `@path` \
                 and `@query`, and may cover `@authority`",
                cvl_syntax::text::shown(name)
            )));
        }
        if covered.contains(&name) {
            return Err(malformed(format!("it covers `{name}` twice")));
        }
        covered.push(name);
    }
    if let Some(missing) = REQUIRED.iter().find(|name| !covered.contains(name)) {
        return Err(malformed(format!(
            "it does not cover `{missing}`: a read's signature covers `@method`, `@path` and `@query`"
        )));
    }
    let Some(created) = integer_param(&list, "created")? else {
        return Err(malformed("it has no `created` parameter"));
    };
    let nonce = match string_param(&list, "nonce")? {
        Some(nonce) if !nonce.is_empty() && nonce.len() <= MAX_NONCE => nonce.to_string(),
        Some(_) => {
            return Err(malformed(format!(
                "its `nonce` is empty or longer than {MAX_NONCE} bytes"
            )));
        }
        None => return Err(malformed("it has no `nonce` parameter")),
    };
    let Some(keyid) = string_param(&list, "keyid")? else {
        return Err(malformed("it has no `keyid` parameter"));
    };
    let key = PublicKey::parse(keyid).map_err(|error| {
        malformed(format!(
            "its `keyid` is not a public key (`ed25519:…`): the key {error}"
        ))
    })?;
    if let Some(alg) = string_param(&list, "alg")?
        && alg != "ed25519"
    {
        return Err(malformed(format!(
            "its `alg` is `{}`, and the service reads `ed25519` only",
            cvl_syntax::text::shown(alg)
        )));
    }
    let expires = integer_param(&list, "expires")?;
    let Ok(signature) = ed25519_dalek::Signature::from_slice(&bytes) else {
        return Err(malformed(format!(
            "its `Signature` has {} bytes, and an Ed25519 signature 64",
            bytes.len()
        )));
    };
    let Some(base) = signature_base(&covered, &list, target) else {
        return Err(malformed(
            "it covers `@authority`, and the request has no `Host`",
        ));
    };
    if !key.verifies(base.as_bytes(), &signature) {
        return Err(NotSigned::BadSignature);
    }
    let fresh = created.abs_diff(now) <= WINDOW.unsigned_abs() && expires.is_none_or(|e| e >= now);
    Ok(Signed {
        key,
        nonce,
        created,
        fresh,
    })
}

/// The signature base (RFC 9421 section 2.5) of `target` for the components `covered` and the parameters `list`;
/// `None` when a component has no value in this request.
fn signature_base(covered: &[&str], list: &InnerList, target: &Target<'_>) -> Option<String> {
    let mut base = String::new();
    for name in covered {
        base.push_str(&format!("\"{name}\": {}\n", target.value(name)?));
    }
    let params = vec![ListEntry::InnerList(list.clone())].serialize()?;
    base.push_str(&format!("\"@signature-params\": {params}"));
    Some(base)
}

/// The `Signature-Input` and `Signature` fields of a `method` request for `path_and_query` (`/v1/…?after=3`),
/// signed with `key` at `created` with `nonce`: what a party's client sends.
pub fn sign(
    method: &str,
    path_and_query: &str,
    key: &SecretKey,
    created: i64,
    nonce: &str,
) -> Result<(String, String), String> {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let target = Target {
        method,
        path,
        query,
        authority: None,
    };
    let input = format!(
        "{LABEL}=(\"@method\" \"@path\" \"@query\");created={created};nonce={};keyid={};alg=\"ed25519\"",
        quoted(nonce)?,
        quoted(&key.public().text())?
    );
    let (_, entry) = one_member("Signature-Input", &input).map_err(|e| format!("{e:?}"))?;
    let ListEntry::InnerList(list) = entry else {
        return Err("the signature's parameters are not a list".to_string());
    };
    let base = signature_base(&REQUIRED, &list, &target)
        .ok_or_else(|| "the request has no value for a covered component".to_string())?;
    let signature = key.sign(base.as_bytes());
    Ok((
        input,
        format!("{LABEL}=:{}:", STANDARD.encode(signature.to_bytes())),
    ))
}

/// As [`sign`], covering `@authority` too (`host:port` of the service, as the client addresses it), so that a
/// signed request is not good at another service that holds the same contract: what a party's client sends.
pub fn sign_at(
    method: &str,
    authority: &str,
    path_and_query: &str,
    key: &SecretKey,
    created: i64,
    nonce: &str,
) -> Result<(String, String), String> {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let target = Target {
        method,
        path,
        query,
        authority: Some(authority),
    };
    let input = format!(
        "{LABEL}=(\"@method\" \"@authority\" \"@path\" \"@query\");created={created};nonce={};keyid={};alg=\"ed25519\"",
        quoted(nonce)?,
        quoted(&key.public().text())?
    );
    let (_, entry) = one_member("Signature-Input", &input).map_err(|e| format!("{e:?}"))?;
    let ListEntry::InnerList(list) = entry else {
        return Err("the signature's parameters are not a list".to_string());
    };
    let base = signature_base(
        &["@method", "@authority", "@path", "@query"],
        &list,
        &target,
    )
    .ok_or_else(|| "the request has no value for a covered component".to_string())?;
    let signature = key.sign(base.as_bytes());
    Ok((
        input,
        format!("{LABEL}=:{}:", STANDARD.encode(signature.to_bytes())),
    ))
}

/// `text` as a structured-field string (sfv's serialization).
fn quoted(text: &str) -> Result<String, String> {
    let string = sfv::StringRef::from_str(text).map_err(|e| e.to_string())?;
    Ok(sfv::ItemSerializer::new().bare_item(string).finish())
}

/// A new nonce: 16 random bytes in base64.
pub fn nonce() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random nonce: {e}"))?;
    Ok(STANDARD.encode(bytes))
}

/// Records that `key` used `nonce` in a request created at `created`: `false` when it was used before (a replay).
/// Nonces older than twice the window are forgotten first, since a request that old is refused anyway.
pub async fn remember(
    store: &Store,
    key: &PublicKey,
    nonce: &str,
    created: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let keyid = key.text();
    store
        .retry(|| async {
            let mut tx = store.pool().begin().await?;
            sqlx::query("DELETE FROM request_nonces WHERE created < $1")
                .bind(now.saturating_sub(2 * WINDOW))
                .execute(&mut *tx)
                .await?;
            let inserted = sqlx::query(
                "INSERT INTO request_nonces (keyid, nonce, created) VALUES ($1, $2, $3)",
            )
            .bind(keyid.as_str())
            .bind(nonce)
            .bind(created)
            .execute(&mut *tx)
            .await;
            match inserted {
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => return Ok(false),
                other => other?,
            };
            match tx.commit().await {
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Ok(false),
                other => other.map(|()| true).map_err(StoreError::from),
            }
        })
        .await
}
