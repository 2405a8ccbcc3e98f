-- Versions and approval (issue 11). A plan's versions share a series: the first version's
-- id. A version is in preparation while act_date is NULL; once the Giunta's act is recorded
-- it is frozen, and the triggers below refuse every change to it, whatever path it comes
-- from (app, command line, import).
ALTER TABLE plan ADD COLUMN series_id INTEGER;
ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plan ADD COLUMN act_body TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN act_number TEXT NOT NULL DEFAULT '';
ALTER TABLE plan ADD COLUMN act_date TEXT;
UPDATE plan SET series_id = id;
CREATE INDEX plan_series ON plan(series_id, version);

-- What stays the same object from one version to the next (objectives and areas are copied
-- into each variation): the id of the first one.
ALTER TABLE objective ADD COLUMN lineage INTEGER;
UPDATE objective SET lineage = id;
ALTER TABLE area ADD COLUMN lineage INTEGER;
UPDATE area SET lineage = id;

CREATE TRIGGER plan_series_default AFTER INSERT ON plan WHEN NEW.series_id IS NULL
BEGIN UPDATE plan SET series_id = NEW.id WHERE id = NEW.id; END;
CREATE TRIGGER objective_lineage_default AFTER INSERT ON objective WHEN NEW.lineage IS NULL
BEGIN UPDATE objective SET lineage = NEW.id WHERE id = NEW.id; END;
CREATE TRIGGER area_lineage_default AFTER INSERT ON area WHEN NEW.lineage IS NULL
BEGIN UPDATE area SET lineage = NEW.id WHERE id = NEW.id; END;

-- Approvals and their withdrawals, kept.
CREATE TABLE approval_log (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    action    TEXT NOT NULL CHECK (action IN ('approve', 'revoke')),
    body      TEXT NOT NULL,
    number    TEXT NOT NULL,
    act_date  TEXT NOT NULL,
    at        TEXT NOT NULL
);

-- The freeze. The message is recognised by the core and told in Italian.
CREATE TRIGGER frozen_plan_update BEFORE UPDATE ON plan
WHEN OLD.act_date IS NOT NULL AND NEW.act_date IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_plan_delete BEFORE DELETE ON plan WHEN OLD.act_date IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;

CREATE TRIGGER frozen_period_insert BEFORE INSERT ON period
WHEN (SELECT act_date FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_period_update BEFORE UPDATE ON period
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_period_delete BEFORE DELETE ON period
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;

CREATE TRIGGER frozen_area_insert BEFORE INSERT ON area
WHEN (SELECT act_date FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_area_update BEFORE UPDATE ON area
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_area_delete BEFORE DELETE ON area
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;

CREATE TRIGGER frozen_objective_insert BEFORE INSERT ON objective
WHEN (SELECT act_date FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_objective_update BEFORE UPDATE ON objective
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_objective_delete BEFORE DELETE ON objective
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;

CREATE TRIGGER frozen_placement_insert BEFORE INSERT ON placement
WHEN (SELECT p.act_date FROM area a JOIN plan p ON p.id = a.plan_id WHERE a.id = NEW.area_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_placement_update BEFORE UPDATE ON placement
WHEN (SELECT p.act_date FROM area a JOIN plan p ON p.id = a.plan_id WHERE a.id = OLD.area_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_placement_delete BEFORE DELETE ON placement
WHEN (SELECT p.act_date FROM area a JOIN plan p ON p.id = a.plan_id WHERE a.id = OLD.area_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
