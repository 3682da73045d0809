-- The nonces of signed reads (spec 10.5): a party's request is refused when its key used its nonce before, within
-- the window a request is fresh in; older nonces are deleted as new ones come.
CREATE TABLE request_nonces (
    keyid TEXT NOT NULL,
    nonce TEXT NOT NULL,
    created BIGINT NOT NULL,
    PRIMARY KEY (keyid, nonce)
);
CREATE INDEX request_nonces_created ON request_nonces (created);
