-- The plan in its place (issue 29): the DUP's tree, per plan version like the areas and the
-- objectives (frozen with an approved version, copied into a variation and a roll forward).
-- Strategic objectives (level 'S') and the operational ones below them ('O', parent = the
-- strategic one's code), classified by Missione and Programma (D.Lgs. 118/2011, all. 14).
-- Codes are the office's own, unique within the plan.
CREATE TABLE dup_goal (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    code        TEXT NOT NULL CHECK (code <> ''),
    level       TEXT NOT NULL CHECK (level IN ('S', 'O')),
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT NOT NULL DEFAULT '',
    scope       TEXT NOT NULL DEFAULT '',
    parent      TEXT,
    mission     INTEGER CHECK (mission BETWEEN 1 AND 99),
    programme   INTEGER CHECK (programme BETWEEN 1 AND 99),
    position    INTEGER NOT NULL,
    UNIQUE (plan_id, code),
    CHECK ((level = 'S') = (parent IS NULL)),
    CHECK (programme IS NULL OR mission IS NOT NULL)
);
CREATE INDEX dup_goal_plan ON dup_goal(plan_id, position);

-- The areas responsible for an operational objective.
CREATE TABLE dup_goal_area (
    goal_id  INTEGER NOT NULL REFERENCES dup_goal(id) ON DELETE CASCADE,
    area_id  INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (goal_id, area_id)
);

-- Each objective of the plan carries out one operational objective: its code (a
-- cross-cutting objective is one row, so it links once).
ALTER TABLE objective ADD COLUMN operational TEXT;

CREATE TRIGGER frozen_dup_goal_insert BEFORE INSERT ON dup_goal
WHEN (SELECT act_date FROM plan WHERE id = NEW.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_dup_goal_update BEFORE UPDATE ON dup_goal
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_dup_goal_delete BEFORE DELETE ON dup_goal
WHEN (SELECT act_date FROM plan WHERE id = OLD.plan_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_dup_area_insert BEFORE INSERT ON dup_goal_area
WHEN (SELECT p.act_date FROM dup_goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = NEW.goal_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_dup_area_update BEFORE UPDATE ON dup_goal_area
WHEN (SELECT p.act_date FROM dup_goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = OLD.goal_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
CREATE TRIGGER frozen_dup_area_delete BEFORE DELETE ON dup_goal_area
WHEN (SELECT p.act_date FROM dup_goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = OLD.goal_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'piano approvato'); END;
