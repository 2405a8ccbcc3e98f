-- The end of the evaluation as the law has it (issue 31): the scheda is handed to the manager,
-- who may add remarks and ask for a review within the days the SMVP sets (procedura di
-- conciliazione, art. 7 c.2-bis D.Lgs. 150/2009); the review is decided with a reason and the
-- scores it changed. Only then, or once the window has closed, is the scheda final.
ALTER TABLE evaluation_rule ADD COLUMN review_days INTEGER NOT NULL DEFAULT 15
    CHECK (review_days BETWEEN 1 AND 365);
ALTER TABLE scheda ADD COLUMN handed_over TEXT;
ALTER TABLE scheda ADD COLUMN remarks TEXT NOT NULL DEFAULT '';
ALTER TABLE scheda ADD COLUMN review_requested TEXT;
ALTER TABLE scheda ADD COLUMN review_waived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scheda ADD COLUMN review_decided TEXT;
ALTER TABLE scheda ADD COLUMN review_reason TEXT NOT NULL DEFAULT '';

-- The behaviour scores the review changed: the scheda keeps the first ones.
CREATE TABLE scheda_review_score (
    series_id INTEGER NOT NULL,
    year      INTEGER NOT NULL,
    manager   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    score     INTEGER NOT NULL,
    PRIMARY KEY (series_id, year, manager, position),
    FOREIGN KEY (series_id, year, manager) REFERENCES scheda(series_id, year, manager) ON DELETE CASCADE
);

CREATE TRIGGER frozen_review_insert BEFORE INSERT ON scheda_review_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_review_update BEFORE UPDATE ON scheda_review_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_review_delete BEFORE DELETE ON scheda_review_score
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;

-- The year's start (issue 31): each behaviour item describes the levels of the scale in words
-- (one line per level, from the lowest), and each scheda records the day the manager signed
-- the scheda di assegnazione for acknowledgement, and the mid-year colloquio (date, notes).
ALTER TABLE evaluation_item ADD COLUMN levels TEXT NOT NULL DEFAULT '';
ALTER TABLE scheda ADD COLUMN acknowledged TEXT;
ALTER TABLE scheda ADD COLUMN midyear TEXT;
ALTER TABLE scheda ADD COLUMN midyear_notes TEXT NOT NULL DEFAULT '';
