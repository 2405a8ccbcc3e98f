-- Monitoring during the year (issue 20). A series has monitoring dates; at each, per area and
-- objective (by lineage, like results: a variation keeps them), the progress (hundredths), the
-- status chosen and the one the rule proposed, the critical issues and the corrective action,
-- and per indicator the value so far. Frozen once the Relazione of the date's year is
-- approved.
CREATE TABLE monitor_date (
    series_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    date      TEXT NOT NULL,
    PRIMARY KEY (series_id, date)
);

CREATE TABLE monitor_entry (
    series_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    area        INTEGER NOT NULL,
    objective   INTEGER NOT NULL,
    progress    INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 10000),
    status      TEXT NOT NULL CHECK (status IN ('in_linea', 'a_rischio', 'critico', 'concluso', 'scaduto')),
    proposed    TEXT NOT NULL CHECK (proposed IN ('in_linea', 'a_rischio', 'critico', 'concluso', 'scaduto')),
    issues      TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL DEFAULT 'nessuna' CHECK (action IN ('nessuna', 'area', 'variazione')),
    action_text TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (series_id, date, area, objective),
    FOREIGN KEY (series_id, date) REFERENCES monitor_date(series_id, date) ON DELETE CASCADE,
    CHECK (status NOT IN ('a_rischio', 'critico', 'scaduto') OR issues <> '')
);

CREATE TABLE monitor_value (
    series_id INTEGER NOT NULL,
    date      TEXT NOT NULL,
    area      INTEGER NOT NULL,
    objective INTEGER NOT NULL,
    indicator INTEGER NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (series_id, date, area, objective, indicator),
    FOREIGN KEY (series_id, date, area, objective)
        REFERENCES monitor_entry(series_id, date, area, objective) ON DELETE CASCADE
);

-- The evaluation system's thresholds for the proposed status (hundredths of progress /
-- expected): in line from `in_line`, critical below `critical`. No row: 66 and 33.
CREATE TABLE monitor_rule (
    series_id INTEGER PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
    in_line   INTEGER NOT NULL CHECK (in_line BETWEEN 0 AND 10000),
    critical  INTEGER NOT NULL CHECK (critical BETWEEN 0 AND in_line)
);

CREATE TRIGGER frozen_monitor_date_delete BEFORE DELETE ON monitor_date
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id
             AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_date_insert BEFORE INSERT ON monitor_date
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id
             AND year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_insert BEFORE INSERT ON monitor_entry
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id
             AND year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_update BEFORE UPDATE ON monitor_entry
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id
             AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_delete BEFORE DELETE ON monitor_entry
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id
             AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_value_insert BEFORE INSERT ON monitor_value
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = NEW.series_id
             AND year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
CREATE TRIGGER frozen_monitor_value_delete BEFORE DELETE ON monitor_value
WHEN EXISTS (SELECT 1 FROM relazione WHERE series_id = OLD.series_id
             AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'relazione approvata'); END;
