-- Each manager's evaluation and result pay (issue 21): the evaluation system's rules per
-- year (component weights, the scale, behaviour items, own bands or the results', how the
-- areas of one person are combined, the budgets), the scheda per manager (behaviour scores
-- and notes, individual objectives, colloquio, maximum result pay), and the Nucleo's
-- validation, which freezes the year's rules and schede. Money in cents, weights and scores
-- in hundredths. Managers are named by their name's key (lower case, accents off).
CREATE TABLE evaluation_rule (
    series_id       INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    organisational  INTEGER NOT NULL,
    behaviours      INTEGER NOT NULL,
    individual      INTEGER NOT NULL,
    scale_min       INTEGER NOT NULL,
    scale_max       INTEGER NOT NULL CHECK (scale_max > scale_min),
    combine         TEXT NOT NULL DEFAULT 'media' CHECK (combine IN ('media', 'pesata')),
    budget          INTEGER CHECK (budget >= 0),
    position_budget INTEGER CHECK (position_budget >= 0),
    CHECK (organisational + behaviours + individual = 10000),
    PRIMARY KEY (series_id, year)
);

CREATE TABLE evaluation_item (
    series_id   INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10000),
    PRIMARY KEY (series_id, year, position),
    FOREIGN KEY (series_id, year) REFERENCES evaluation_rule(series_id, year) ON DELETE CASCADE
);

CREATE TABLE evaluation_band (
    series_id INTEGER NOT NULL,
    year      INTEGER NOT NULL,
    min_score INTEGER NOT NULL CHECK (min_score BETWEEN 0 AND 10000),
    share     INTEGER CHECK (share BETWEEN 0 AND 10000),
    PRIMARY KEY (series_id, year, min_score),
    FOREIGN KEY (series_id, year) REFERENCES evaluation_rule(series_id, year) ON DELETE CASCADE
);

CREATE TABLE scheda (
    series_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    manager    TEXT NOT NULL,
    individual INTEGER CHECK (individual BETWEEN 0 AND 10000),
    colloquio  TEXT,
    max_pay    INTEGER CHECK (max_pay >= 0),
    evaluator  TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (series_id, year, manager)
);

CREATE TABLE scheda_score (
    series_id INTEGER NOT NULL,
    year      INTEGER NOT NULL,
    manager   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    score     INTEGER,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, year, manager, position),
    FOREIGN KEY (series_id, year, manager) REFERENCES scheda(series_id, year, manager) ON DELETE CASCADE
);

CREATE TABLE evaluation_validation (
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    body      TEXT NOT NULL,
    number    TEXT NOT NULL,
    act_date  TEXT NOT NULL,
    PRIMARY KEY (series_id, year)
);

-- The freeze: once the Nucleo's validation is recorded, whoever writes.
CREATE TRIGGER frozen_erule_insert BEFORE INSERT ON evaluation_rule
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_erule_update BEFORE UPDATE ON evaluation_rule
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_erule_delete BEFORE DELETE ON evaluation_rule
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_eitem_insert BEFORE INSERT ON evaluation_item
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_eitem_update BEFORE UPDATE ON evaluation_item
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_eitem_delete BEFORE DELETE ON evaluation_item
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_eband_insert BEFORE INSERT ON evaluation_band
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_eband_delete BEFORE DELETE ON evaluation_band
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_scheda_insert BEFORE INSERT ON scheda
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_scheda_update BEFORE UPDATE ON scheda
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_scheda_delete BEFORE DELETE ON scheda
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_sscore_insert BEFORE INSERT ON scheda_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_sscore_update BEFORE UPDATE ON scheda_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_sscore_delete BEFORE DELETE ON scheda_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
