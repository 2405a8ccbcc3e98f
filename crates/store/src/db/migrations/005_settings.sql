-- Settings of this database file, one row each (issue 23). The first: the second place for
-- the automatic copies (key 'copie.secondo_posto', value a folder), a network share, a USB
-- key or a synchronised folder that receives every automatic copy too. Kept in the file, so
-- that every copy carries it and a recovery knows where else to look.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
