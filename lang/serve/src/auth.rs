//! Who may read or append to a log, and who may register a contract: a request signed with the key of a party of
//! the contract, by HTTP Message Signatures (RFC 9421), fresh, never replayed, and addressed to this service.
//!
//! A signed request carries two header fields, both RFC 8941/9651 structured-field dictionaries with one member
//! under the same label: `Signature-Input: cvl=("@method" "@authority" "@path" "@query");created=…;nonce="…";
//! keyid="ed25519:…"` and `Signature: cvl=:BASE64:`; a request with a body (an append, a registration) covers
//! `content-digest` too, its `Content-Digest: sha-256=:BASE64:` field (RFC 9530) holding the body's SHA-256. The
//! dictionaries are parsed, and the signature's parameters serialized back, by the `sfv` crate (never by hand); the
//! signature base is built here as RFC 9421 section 2.5 builds it: one line `"NAME": VALUE` per component, in the
//! order covered, then `"@signature-params": ` and the serialized inner list as it came. A signature covers exactly
//! `@method`, `@authority`, `@path` and `@query`, and `content-digest` when the request has a body; it has
//! `created` (a Unix time), `nonce` and `keyid` (the party's public key, `ed25519:…`), and an `alg`, when given, of
//! `ed25519`; an `expires` is honoured. `@authority` is the service's public authority ([`authority`] of its
//! `--public-url`, or its listen address), never the request's `Host`: a request signed for another service does
//! not verify here. The Ed25519 signature is verified with the key `keyid` names, by cvl-log's strict rules.
//!
//! [`check`] answers from the request alone: unsigned, unreadable, a signature that does not verify, or signed
//! (with whether it is within [`WINDOW`] of the service's clock). Whether the key is a party's, and the nonce
//! (kept in the database, [`remember`], so that two services on one database agree) are the caller's next steps,
//! after which anything short of a fresh party's request is one answer, whether or not the contract exists.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sfv::{BareItem, Dictionary, FieldType, InnerList, ListEntry, Parser};
use sha2::{Digest as _, Sha256};

use cvl_log::{PublicKey, SecretKey};

use crate::store::{Store, StoreError};

/// How far (seconds) a request's `created` may be from the service's clock, either way.
pub const WINDOW: i64 = 300;

/// The most bytes of a nonce.
pub const MAX_NONCE: usize = 256;

/// The components every signature covers.
const REQUIRED: [&str; 4] = ["@method", "@authority", "@path", "@query"];
/// The component a request with a body covers besides.
const DIGEST: &str = "content-digest";

/// The label a client signs under (any one label is read).
pub const LABEL: &str = "cvl";

/// What a request is, as the signature covers it.
pub struct Target<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// The query without its `?`, if the request has one.
    pub query: Option<&'a str>,
    /// The service's public authority ([`authority`]), not the request's `Host`.
    pub authority: &'a str,
    /// The body and the request's `Content-Digest` field, for a request with a body.
    pub body: Option<(&'a [u8], Option<&'a str>)>,
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
            "@authority" => Some(self.authority.to_ascii_lowercase()),
            DIGEST => self.body.and_then(|(_, field)| field).map(str::to_string),
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
            "its `{field}` has {count} members, and a request carries exactly one signature"
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
            crate::api::shown_short(&label),
            crate::api::shown_short(&signed_label)
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
        if !REQUIRED.contains(&name) && (name != DIGEST || target.body.is_none()) {
            return Err(malformed(format!(
                "it covers `{}`, which the service does not read: {}",
                crate::api::shown_short(name),
                covers(target)
            )));
        }
        if covered.contains(&name) {
            return Err(malformed(format!("it covers `{name}` twice")));
        }
        covered.push(name);
    }
    let digest = target.body.map(|_| DIGEST);
    if let Some(missing) = REQUIRED
        .iter()
        .chain(digest.iter())
        .find(|name| !covered.contains(name))
    {
        return Err(malformed(format!(
            "it does not cover `{missing}`: {}",
            covers(target)
        )));
    }
    if let Some((body, field)) = target.body {
        check_digest(body, field)?;
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
            crate::api::shown_short(alg)
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
        return Err(malformed("a covered component has no value in the request"));
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

/// What a signature covers, in words.
fn covers(target: &Target<'_>) -> &'static str {
    if target.body.is_some() {
        "a signature covers `@method`, `@authority`, `@path`, `@query` and `content-digest`"
    } else {
        "a signature covers `@method`, `@authority`, `@path` and `@query`"
    }
}

/// Checks that the `Content-Digest` field `field` (RFC 9530) gives the SHA-256 of `body`.
fn check_digest(body: &[u8], field: Option<&str>) -> Result<(), NotSigned> {
    let Some(field) = field else {
        return Err(malformed(
            "it covers `content-digest`, and the request has no `Content-Digest` field",
        ));
    };
    let dictionary: Dictionary = Parser::new(field).parse().map_err(|error| {
        malformed(format!(
            "its `Content-Digest` is not a structured-field dictionary: {error}"
        ))
    })?;
    let given = dictionary
        .into_iter()
        .find_map(|(name, entry)| match entry {
            ListEntry::Item(item) if name.as_str() == "sha-256" => match item.bare_item {
                BareItem::ByteSequence(bytes) => Some(bytes),
                _ => None,
            },
            _ => None,
        });
    let Some(given) = given else {
        return Err(malformed(
            "its `Content-Digest` has no `sha-256` byte sequence",
        ));
    };
    let actual: [u8; 32] = Sha256::digest(body).into();
    if given.as_slice() != actual.as_slice() {
        return Err(malformed(
            "its `Content-Digest` is not the SHA-256 of its body",
        ));
    }
    Ok(())
}

/// The `Content-Digest` field (RFC 9530) of `body`: `sha-256=:BASE64:`.
pub fn content_digest(body: &[u8]) -> String {
    let digest: [u8; 32] = Sha256::digest(body).into();
    format!("sha-256=:{}:", STANDARD.encode(digest))
}

/// The authority (RFC 9421 `@authority`: host and port, lowercase, the scheme's default port left out) of a
/// service's URL (`http://127.0.0.1:8080`, `https://logs.example`).
pub fn authority(url: &str) -> Result<String, String> {
    let shown = cvl_syntax::text::shown(url);
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{shown}` is not a URL: it has no `http://` or `https://`"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return Err(format!("`{shown}` is not an `http://` or `https://` URL")),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or(rest).to_ascii_lowercase();
    if authority.is_empty()
        || authority.contains('@')
        || authority
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "`{shown}` has no host, or one with a user or a space"
        ));
    }
    Ok(authority
        .strip_suffix(default)
        .map_or(authority.clone(), str::to_string))
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

/// The header fields of a `method` request for `path_and_query` (`/v1/…?after=3`) to the service whose authority is
/// `authority`, with `body` when it has one, signed with `key` at `created` with `nonce`: `Signature-Input`,
/// `Signature` and, with a body, `Content-Digest`. What a party's client sends.
pub fn sign(
    method: &str,
    authority: &str,
    path_and_query: &str,
    body: Option<&[u8]>,
    key: &SecretKey,
    created: i64,
    nonce: &str,
) -> Result<Vec<(&'static str, String)>, String> {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let digest = body.map(content_digest);
    let target = Target {
        method,
        path,
        query,
        authority,
        body: body.map(|body| (body, digest.as_deref())),
    };
    let mut covered: Vec<&str> = REQUIRED.to_vec();
    if body.is_some() {
        covered.push(DIGEST);
    }
    let components: Vec<String> = covered.iter().map(|c| format!("\"{c}\"")).collect();
    let input = format!(
        "{LABEL}=({});created={created};nonce={};keyid={};alg=\"ed25519\"",
        components.join(" "),
        quoted(nonce)?,
        quoted(&key.public().text())?
    );
    let (_, entry) = one_member("Signature-Input", &input).map_err(|e| format!("{e:?}"))?;
    let ListEntry::InnerList(list) = entry else {
        return Err("the signature's parameters are not a list".to_string());
    };
    let base = signature_base(&covered, &list, &target)
        .ok_or_else(|| "the request has no value for a covered component".to_string())?;
    let signature = key.sign(base.as_bytes());
    let mut fields = vec![
        ("signature-input", input),
        (
            "signature",
            format!("{LABEL}=:{}:", STANDARD.encode(signature.to_bytes())),
        ),
    ];
    if let Some(digest) = digest {
        fields.push(("content-digest", digest));
    }
    Ok(fields)
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
