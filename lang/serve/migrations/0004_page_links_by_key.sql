-- The links each party's key holds to a log's page, counted as a link is made (at most 16 living; spec 10.5).
CREATE INDEX page_links_by_key ON page_links (contract, keyid);
