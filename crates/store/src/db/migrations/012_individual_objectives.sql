-- Individual objectives (issue 31; DFP guidelines 2/2017 §5 and 5/2019 §3): each manager's
-- objectives of the year, each with a weight (hundredths, adding to 100 within the
-- component), an indicator of one of the plan's kinds, a target and, at the end, the value
-- measured; an achievement typed over the computed one needs its note. Values in the
-- indicators' database form (hundredths, ISO date, 1/0).
CREATE TABLE scheda_individual (
    series_id   INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    manager     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    description TEXT NOT NULL CHECK (description <> ''),
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10000),
    indicator   TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('numero', 'percentuale', 'giorni', 'scadenza', 'sino', 'rapporto')),
    direction   TEXT NOT NULL DEFAULT 'crescente' CHECK (direction IN ('crescente', 'decrescente')),
    target      TEXT,
    value       TEXT,
    achievement INTEGER CHECK (achievement BETWEEN 0 AND 10000),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, year, manager, position),
    FOREIGN KEY (series_id, year, manager) REFERENCES scheda(series_id, year, manager) ON DELETE CASCADE
);

-- A revision at the mid-year colloquio: the earlier objectives' text and what changed, one
-- line each.
CREATE TABLE scheda_revision (
    series_id  INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    manager    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    revised_on TEXT NOT NULL,
    before     TEXT NOT NULL,
    changes    TEXT NOT NULL,
    PRIMARY KEY (series_id, year, manager, position),
    FOREIGN KEY (series_id, year, manager) REFERENCES scheda(series_id, year, manager) ON DELETE CASCADE
);

-- The single percentage typed by earlier releases becomes one objective of weight 100,
-- judged rather than measured: the same component, so the same amounts.
INSERT INTO scheda_individual (series_id, year, manager, position, description, weight, kind,
                               achievement)
SELECT series_id, year, manager, 0, 'Obiettivi individuali', 10000, 'percentuale', individual
FROM scheda WHERE individual IS NOT NULL;

CREATE TRIGGER frozen_individual_insert BEFORE INSERT ON scheda_individual
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_individual_update BEFORE UPDATE ON scheda_individual
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_individual_delete BEFORE DELETE ON scheda_individual
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_revision_insert BEFORE INSERT ON scheda_revision
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_revision_update BEFORE UPDATE ON scheda_revision
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
CREATE TRIGGER frozen_revision_delete BEFORE DELETE ON scheda_revision
WHEN EXISTS (SELECT 1 FROM evaluation_validation WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'valutazione convalidata'); END;
