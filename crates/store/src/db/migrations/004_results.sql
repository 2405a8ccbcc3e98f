-- The year's results (issue 12). They belong to a plan's series, not to one version: an
-- objective and an area are named by their lineage (migration 002), so a variation approved
-- during the year keeps the results already typed. They are read against the latest approved
-- version.

-- The evaluation system's bands (SMVP): from a score (hundredths, inclusive) on, the share of
-- the result bonus (hundredths of a percent), or NULL for "proportional to the score". No row
-- for a series means the default: below 60 nothing, from 60 proportional.
CREATE TABLE score_band (
    series_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    min_score  INTEGER NOT NULL CHECK (min_score BETWEEN 0 AND 10000),
    share      INTEGER CHECK (share BETWEEN 0 AND 10000),
    PRIMARY KEY (series_id, min_score)
);

-- Prerequisite objectives ("obiettivo zero"): no weight; when an area does not fully achieve
-- one in a year, its bonus share that year is nil whatever its score.
CREATE TABLE prerequisite (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    description TEXT NOT NULL CHECK (description <> ''),
    indicator   TEXT NOT NULL CHECK (indicator <> '')
);
CREATE INDEX prerequisite_series ON prerequisite(series_id, position);

-- One result per objective (or prerequisite), area and year. Achievement in hundredths of a
-- percent.
CREATE TABLE result (
    id           INTEGER PRIMARY KEY,
    series_id    INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    area         INTEGER NOT NULL,
    objective    INTEGER,
    prerequisite INTEGER REFERENCES prerequisite(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    achievement  INTEGER NOT NULL CHECK (achievement BETWEEN 0 AND 10000),
    note         TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    CHECK ((objective IS NULL) <> (prerequisite IS NULL)),
    CHECK (achievement = 10000 OR note <> '')
);
CREATE UNIQUE INDEX result_objective ON result(series_id, year, area, objective)
    WHERE objective IS NOT NULL;
CREATE UNIQUE INDEX result_prerequisite ON result(series_id, year, area, prerequisite)
    WHERE prerequisite IS NOT NULL;

-- The Giunta's approval of the year's Relazione sulla performance: it freezes that year's
-- results, and the bands and prerequisites of the series. `plan_id` is the version the
-- results were read against: a later variation does not change a closed year.
CREATE TABLE relazione (
    series_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    plan_id    INTEGER NOT NULL REFERENCES plan(id),
    body       TEXT NOT NULL,
    number     TEXT NOT NULL,
    act_date   TEXT NOT NULL,
    PRIMARY KEY (series_id, year)
);

CREATE TABLE relazione_log (
    id        INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('approve', 'revoke')),
    body      TEXT NOT NULL,
    number    TEXT NOT NULL,
    act_date  TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- The freeze. The message is recognised by the core and told in Italian.
CREATE TRIGGER frozen_result_insert BEFORE INSERT ON result
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_result_update BEFORE UPDATE ON result
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_result_delete BEFORE DELETE ON result
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;

CREATE TRIGGER frozen_band_insert BEFORE INSERT ON score_band
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_band_delete BEFORE DELETE ON score_band
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_band_update BEFORE UPDATE ON score_band
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;

CREATE TRIGGER frozen_prerequisite_insert BEFORE INSERT ON prerequisite
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_prerequisite_update BEFORE UPDATE ON prerequisite
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_prerequisite_delete BEFORE DELETE ON prerequisite
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
