-- Result pay as the law allows it (issue 28).
-- * The evaluation rules say how the 30% of payment timeliness is met (art. 4-bis DL 13/2023,
--   conv. L. 41/2023): a dedicated quota of the result pay ('quota', at least 30%), paid on
--   the *indicatore di ritardo annuale*, with an optional graduation by days of delay; or
--   inside the organisational results ('risultati'), where the share that truly depends on it
--   is computed. And how a failed prerequisite ("obiettivo zero") cancels the pay of a manager
--   who leads several areas: all of it ('tutto') or that area's part ('area').
-- * The *indicatore di ritardo annuale* per year, of the entity (area 0) or of one area (its
--   lineage), with the revisore's verification (L. 145/2018 c.859 lett. b, c.861).
-- * Each scheda: an incarico held for part of the year (pro rata) and the ad interim
--   positions covered (CCNL Funzioni Locali 16/11/2022 art. 17 c.5: 15–25% of the position's
--   value, pro rata by days, within result pay).
-- * The Nucleo's validation of the Relazione sulla performance, without which nothing is paid
--   (art. 14 c.6 D.Lgs. 150/2009 and the entity's own rules).
-- * The definitive evaluation records who proposes it (the Nucleo, art. 14 c.4 lett. e) beside
--   who assigns it (Sindaco/Presidente): the existing columns are the assignment.
ALTER TABLE evaluation_rule ADD COLUMN timeliness_mode TEXT NOT NULL DEFAULT 'quota'
    CHECK (timeliness_mode IN ('quota', 'risultati'));
ALTER TABLE evaluation_rule ADD COLUMN timeliness_quota INTEGER NOT NULL DEFAULT 3000
    CHECK (timeliness_quota BETWEEN 3000 AND 10000);
ALTER TABLE evaluation_rule ADD COLUMN timeliness_graduation TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_rule ADD COLUMN prerequisite_rule TEXT NOT NULL DEFAULT 'tutto'
    CHECK (prerequisite_rule IN ('tutto', 'area'));

CREATE TABLE payment_delay (
    series_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    -- 0: the entity's indicator; otherwise the lineage of the area that has its own.
    area        INTEGER NOT NULL DEFAULT 0,
    days        INTEGER NOT NULL CHECK (days BETWEEN -366 AND 3660),
    verifier    TEXT NOT NULL DEFAULT '',
    verification TEXT NOT NULL DEFAULT '',
    verified_on TEXT,
    PRIMARY KEY (series_id, year, area)
);

ALTER TABLE scheda ADD COLUMN incarico_from TEXT;
ALTER TABLE scheda ADD COLUMN incarico_to TEXT;

CREATE TABLE scheda_interim (
    series_id INTEGER NOT NULL,
    year      INTEGER NOT NULL,
    manager   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    post      TEXT NOT NULL CHECK (post <> ''),
    value     INTEGER NOT NULL CHECK (value > 0),
    percent   INTEGER NOT NULL CHECK (percent BETWEEN 1500 AND 2500),
    start_on  TEXT NOT NULL,
    end_on    TEXT NOT NULL CHECK (end_on >= start_on),
    PRIMARY KEY (series_id, year, manager, position),
    FOREIGN KEY (series_id, year, manager) REFERENCES scheda(series_id, year, manager) ON DELETE CASCADE
);

CREATE TABLE relazione_validation (
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    body      TEXT NOT NULL,
    number    TEXT NOT NULL,
    act_date  TEXT NOT NULL,
    PRIMARY KEY (series_id, year)
);

ALTER TABLE evaluation_validation ADD COLUMN proposal_body TEXT NOT NULL DEFAULT 'Nucleo di valutazione';
ALTER TABLE evaluation_validation ADD COLUMN proposal_number TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_validation ADD COLUMN proposal_date TEXT;

-- The freeze of the definitive evaluation covers the new rows too.
CREATE TRIGGER frozen_delay_insert BEFORE INSERT ON payment_delay
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_delay_update BEFORE UPDATE ON payment_delay
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_delay_delete BEFORE DELETE ON payment_delay
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_interim_insert BEFORE INSERT ON scheda_interim
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_interim_update BEFORE UPDATE ON scheda_interim
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_interim_delete BEFORE DELETE ON scheda_interim
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
