-- The short-lived links to a log's page (spec 10.5): each token kept only as its SHA-256, with the contract whose
-- page it shows, the key of the party that asked for it, and when it expires (a Unix time); expired links are
-- deleted as new ones are made.
CREATE TABLE page_links (
    token_sha256 TEXT PRIMARY KEY,
    contract TEXT NOT NULL REFERENCES contracts (sha256),
    keyid TEXT NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX page_links_expires ON page_links (expires);
