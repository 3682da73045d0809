-- The logs of many contracts: each contract as the parties registered it, each log's entries, and the service's
-- signed checkpoints. Written for both SQLite and PostgreSQL; statements are separated by a line ending in `;`.
CREATE TABLE contracts (
    sha256 TEXT PRIMARY KEY,
    listing TEXT NOT NULL,
    registered_at TEXT NOT NULL
);
CREATE TABLE contract_files (
    contract TEXT NOT NULL REFERENCES contracts (sha256),
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (contract, position)
);
CREATE TABLE entries (
    contract TEXT NOT NULL REFERENCES contracts (sha256),
    seq BIGINT NOT NULL,
    line TEXT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (contract, seq)
);
CREATE TABLE checkpoints (
    contract TEXT NOT NULL REFERENCES contracts (sha256),
    size BIGINT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (contract, size)
);
