-- Measurable objectives (issue 19). An objective has zero or more indicators, each with a
-- kind, a unit, a direction, an optional baseline, a target per year, a source and a relative
-- weight inside the objective. Values are stored in one text form per kind: hundredths for
-- numbers, percentages, days and ratios ("250" is 2,5), ISO dates for deadlines, 1/0 for
-- yes/no. Indicators belong to the objective's version and are frozen with it; a variation
-- copies them and keeps their lineage, so the values measured on them stay.
CREATE TABLE indicator (
    id            INTEGER PRIMARY KEY,
    objective_id  INTEGER NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('numero', 'percentuale', 'giorni', 'scadenza', 'sino', 'rapporto')),
    unit          TEXT NOT NULL DEFAULT '',
    direction     TEXT NOT NULL DEFAULT 'crescente' CHECK (direction IN ('crescente', 'decrescente')),
    baseline      TEXT,
    baseline_year INTEGER,
    source        TEXT NOT NULL DEFAULT '',
    weight        INTEGER NOT NULL DEFAULT 100 CHECK (weight BETWEEN 1 AND 10000),
    lineage       INTEGER
);
CREATE INDEX indicator_objective ON indicator(objective_id, position);

CREATE TABLE indicator_target (
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TRIGGER indicator_lineage_default AFTER INSERT ON indicator WHEN NEW.lineage IS NULL
BEGIN UPDATE indicator SET lineage = NEW.id WHERE id = NEW.id; END;

-- Frozen with the version.
CREATE TRIGGER frozen_indicator_insert BEFORE INSERT ON indicator
WHEN (SELECT p.act_date FROM objective o JOIN plan p ON p.id = o.plan_id WHERE o.id = NEW.objective_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_indicator_update BEFORE UPDATE ON indicator
WHEN (SELECT p.act_date FROM objective o JOIN plan p ON p.id = o.plan_id WHERE o.id = OLD.objective_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_indicator_delete BEFORE DELETE ON indicator
WHEN (SELECT p.act_date FROM objective o JOIN plan p ON p.id = o.plan_id WHERE o.id = OLD.objective_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_target_insert BEFORE INSERT ON indicator_target
WHEN (SELECT p.act_date FROM indicator i JOIN objective o ON o.id = i.objective_id
      JOIN plan p ON p.id = o.plan_id WHERE i.id = NEW.indicator_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_target_update BEFORE UPDATE ON indicator_target
WHEN (SELECT p.act_date FROM indicator i JOIN objective o ON o.id = i.objective_id
      JOIN plan p ON p.id = o.plan_id WHERE i.id = OLD.indicator_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_target_delete BEFORE DELETE ON indicator_target
WHEN (SELECT p.act_date FROM indicator i JOIN objective o ON o.id = i.objective_id
      JOIN plan p ON p.id = o.plan_id WHERE i.id = OLD.indicator_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;

-- The values measured at year end, per indicator (by lineage), for a result of the series.
-- `computed` on the result: the percentage the values give (NULL: typed without indicators);
-- when the typed percentage differs, the note says why.
ALTER TABLE result ADD COLUMN computed INTEGER CHECK (computed BETWEEN 0 AND 10000);
CREATE TABLE result_value (
    series_id  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    area       INTEGER NOT NULL,
    objective  INTEGER NOT NULL,
    indicator  INTEGER NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (series_id, year, area, objective, indicator)
);
CREATE TRIGGER frozen_value_insert BEFORE INSERT ON result_value
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_value_update BEFORE UPDATE ON result_value
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_value_delete BEFORE DELETE ON result_value
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id AND year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;

-- The evaluation system's rule for a deadline met late: '0' (nothing), 'N al giorno',
-- 'N a settimana' (points off per day or week late). No row: '0'.
CREATE TABLE late_rule (
    series_id INTEGER PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
    rule      TEXT NOT NULL
);
CREATE TRIGGER frozen_late_rule_insert BEFORE INSERT ON late_rule
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_late_rule_update BEFORE UPDATE ON late_rule
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_late_rule_delete BEFORE DELETE ON late_rule
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id)
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
